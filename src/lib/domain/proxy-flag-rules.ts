// The proxy-completion rules, one per kind of flag: pure functions over participation-side rows only
// (people, invitations, devices, respondent events), never answers. A flag is a reason to look.
import {
	type FlagKind,
	FLAG_SEVERITY,
	type ProxyFlag,
	type FlagPerson,
	type FlagInvitation,
	type FlagEvent,
	type ProxyFlagInput,
	type ProxyFlagOptions
} from './proxy-flag-kinds';

const sortNumbers = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

export function groupBy<T, K>(rows: Iterable<T>, keyOf: (row: T) => K | null): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const row of rows) {
		const key = keyOf(row);
		if (key === null) continue;
		const list = groups.get(key);
		if (list) list.push(row);
		else groups.set(key, [row]);
	}
	return groups;
}

export function flag(
	kind: FlagKind,
	invitationIds: Iterable<number>,
	personIds: Iterable<number>,
	evidence: Iterable<FlagEvent>,
	params: ProxyFlag['params']
): ProxyFlag {
	return {
		kind,
		severity: FLAG_SEVERITY[kind],
		invitationIds: sortNumbers(invitationIds),
		personIds: sortNumbers(personIds),
		evidenceSeqs: sortNumbers([...evidence].map((e) => e.seq)),
		params
	};
}

/** Who holds each invitation: a re-issued link is the same person, never a second one. */
export function personIndex(invitations: FlagInvitation[]): (invitationId: number) => number | undefined {
	const byId = new Map(invitations.map((i) => [i.id, i.personId]));
	return (id) => byId.get(id);
}

const personsOf = (ids: Iterable<number>, personOf: (id: number) => number | undefined) =>
	[...ids].map(personOf).filter((p): p is number => p !== undefined);

/** One device (cookie) verified or credentialed for the links of two or more people. */
export function sharedDeviceFlags(input: Pick<ProxyFlagInput, 'invitations' | 'devices' | 'events'>): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const used = input.devices.filter((d) => d.verifiedAt !== null || d.credentialAt !== null);
	const flags: ProxyFlag[] = [];
	for (const [device, rows] of groupBy(used, (d) => d.deviceHash)) {
		const invitations = new Set(rows.map((d) => d.invitationId));
		const people = new Set(personsOf(invitations, personOf));
		if (people.size < 2) continue;
		const evidence = input.events.filter(
			(e) =>
				(e.action === 'code.verified' || e.action === 'credential.issued') &&
				e.device === device &&
				invitations.has(e.invitationId)
		);
		flags.push(flag('sharedDevice', invitations, people, evidence, { device, people: people.size }));
	}
	return flags;
}

const contactKeys = (p: FlagPerson): [string, 'email' | 'phone', string][] => {
	const keys: [string, 'email' | 'phone', string][] = [];
	const email = p.email?.trim().toLowerCase();
	const phone = p.phone?.replace(/[\s.()-]/g, '');
	if (email) keys.push([`email:${email}`, 'email', email]);
	if (phone) keys.push([`phone:${phone}`, 'phone', phone]);
	return keys;
};

/** One e-mail address or phone number registered for two or more people of the campaign. */
export function sharedContactFlags(input: Pick<ProxyFlagInput, 'people' | 'invitations' | 'events'>): ProxyFlag[] {
	const byContact = new Map<string, { channel: 'email' | 'phone'; contact: string; people: Set<number> }>();
	for (const p of input.people) {
		for (const [key, channel, contact] of contactKeys(p)) {
			const entry = byContact.get(key) ?? { channel, contact, people: new Set<number>() };
			entry.people.add(p.id);
			byContact.set(key, entry);
		}
	}
	const flags: ProxyFlag[] = [];
	for (const { channel, contact, people } of byContact.values()) {
		if (people.size < 2) continue;
		const invitations = input.invitations.filter((i) => people.has(i.personId)).map((i) => i.id);
		const linkSet = new Set(invitations);
		// Codes that went to this very contact: whoever reads it could verify every one of these links.
		const sentChannel = channel === 'email' ? 'email' : 'sms';
		const evidence = input.events.filter(
			(e) => e.action === 'code.sent' && e.channel === sentChannel && linkSet.has(e.invitationId)
		);
		flags.push(flag('sharedContact', invitations, people, evidence, { channel, contact, people: people.size }));
	}
	return flags;
}

/**
 * Many people verified from one IP address within a short window. Windows that overlap are merged,
 * so one busy morning at one office is one flag, not one per event.
 */
export function ipBurstFlags(
	input: Pick<ProxyFlagInput, 'invitations' | 'events'>,
	options: Pick<ProxyFlagOptions, 'ipBurstCount' | 'ipBurstMinutes'>
): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const span = options.ipBurstMinutes * 60;
	const verified = input.events.filter((e) => e.action === 'code.verified' && e.ip);
	const flags: ProxyFlag[] = [];
	for (const [ip, unsorted] of groupBy(verified, (e) => e.ip)) {
		const events = unsorted.sort((a, b) => a.at - b.at || a.seq - b.seq);
		// A link whose holder is unknown still counts as someone (negative, so never a person id).
		const who = events.map((e) => personOf(e.invitationId) ?? -e.invitationId);
		const inWindow = new Map<number, number>();
		let left = 0;
		let cluster: { from: number; to: number } | null = null;
		const close = () => {
			if (!cluster) return;
			const part = events.slice(cluster.from, cluster.to + 1);
			const people = new Set(who.slice(cluster.from, cluster.to + 1).filter((p) => p > 0));
			flags.push(
				flag(
					'ipBurst',
					part.map((e) => e.invitationId),
					people,
					part,
					{
						ip,
						people: new Set(who.slice(cluster.from, cluster.to + 1)).size,
						minutes: options.ipBurstMinutes,
						from: part[0].at,
						to: part[part.length - 1].at
					}
				)
			);
			cluster = null;
		};
		for (let right = 0; right < events.length; right++) {
			inWindow.set(who[right], (inWindow.get(who[right]) ?? 0) + 1);
			while (events[right].at - events[left].at > span) {
				const n = inWindow.get(who[left])! - 1;
				if (n === 0) inWindow.delete(who[left]);
				else inWindow.set(who[left], n);
				left++;
			}
			if (inWindow.size < options.ipBurstCount) continue;
			if (cluster && left <= cluster.to) cluster.to = right;
			else {
				close();
				cluster = { from: left, to: right };
			}
		}
		close();
	}
	return flags;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Time from the last successful code to the credential, far below the campaign's median: a questionnaire
 * answered in seconds was perhaps filled in beforehand, by someone else. Needs a sample to have a median.
 */
export function fastCompletionFlags(
	input: Pick<ProxyFlagInput, 'invitations' | 'events'>,
	options: Pick<ProxyFlagOptions, 'fastFloorSeconds' | 'fastMedianDivisor' | 'fastMinSample'>
): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const byInvitation = groupBy(
		input.events.filter((e) => e.action === 'code.verified' || e.action === 'credential.issued'),
		(e) => e.invitationId
	);
	const timings: { invitationId: number; seconds: number; verified: FlagEvent; credential: FlagEvent }[] = [];
	for (const [invitationId, events] of byInvitation) {
		events.sort((a, b) => a.seq - b.seq);
		const credential = events.find((e) => e.action === 'credential.issued');
		if (!credential) continue;
		const verified = events.filter((e) => e.action === 'code.verified' && e.seq < credential.seq).at(-1);
		if (!verified) continue;
		timings.push({ invitationId, seconds: credential.at - verified.at, verified, credential });
	}
	if (timings.length < options.fastMinSample) return [];
	const mid = median(timings.map((t) => t.seconds));
	const threshold = Math.max(options.fastFloorSeconds, mid / options.fastMedianDivisor);
	return timings
		.filter((t) => t.seconds < threshold)
		.map((t) =>
			flag('fastCompletion', [t.invitationId], personsOf([t.invitationId], personOf), [t.verified, t.credential], {
				seconds: t.seconds,
				median: Math.round(mid),
				threshold: Math.round(threshold)
			})
		);
}

/** One link verified on two or more devices (each needed its own code). */
export function multiDeviceFlags(input: Pick<ProxyFlagInput, 'invitations' | 'devices' | 'events'>): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const flags: ProxyFlag[] = [];
	for (const [invitationId, rows] of groupBy(
		input.devices.filter((d) => d.verifiedAt !== null),
		(d) => d.invitationId
	)) {
		const devices = new Set(rows.map((d) => d.deviceHash));
		if (devices.size < 2) continue;
		const evidence = input.events.filter(
			(e) =>
				e.invitationId === invitationId &&
				(e.action === 'link.second_device' ||
					(e.action === 'code.verified' && e.device !== null && devices.has(e.device)))
		);
		flags.push(
			flag('multiDevice', [invitationId], personsOf([invitationId], personOf), evidence, { devices: devices.size })
		);
	}
	return flags;
}

/** A lockout, or many wrong codes on one link: someone guessing, or not holding the contact. */
export function failedCodesFlags(
	input: Pick<ProxyFlagInput, 'invitations' | 'events'>,
	options: Pick<ProxyFlagOptions, 'failedCodesThreshold'>
): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const flags: ProxyFlag[] = [];
	for (const [invitationId, events] of groupBy(
		input.events.filter((e) => e.action === 'code.failed' || e.action === 'code.locked'),
		(e) => e.invitationId
	)) {
		const failed = events.filter((e) => e.action === 'code.failed').length;
		const locked = events.length - failed;
		if (locked === 0 && failed < options.failedCodesThreshold) continue;
		flags.push(flag('failedCodes', [invitationId], personsOf([invitationId], personOf), events, { failed, locked }));
	}
	return flags;
}

/** A code typed on a device other than the one that asked for it: it was passed on. */
export function codeOtherDeviceFlags(input: Pick<ProxyFlagInput, 'invitations' | 'events'>): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const flags: ProxyFlag[] = [];
	for (const [invitationId, events] of groupBy(
		input.events.filter((e) => e.action === 'code.verified' && e.otherDevice === true),
		(e) => e.invitationId
	)) {
		flags.push(
			flag('codeOtherDevice', [invitationId], personsOf([invitationId], personOf), events, { count: events.length })
		);
	}
	return flags;
}

/** Declared help: shown so that it is visible, not because it is suspicious. */
export function assistedFlags(input: Pick<ProxyFlagInput, 'invitations' | 'events'>): ProxyFlag[] {
	return input.invitations
		.filter((i) => i.attestation === 'assisted')
		.map((i) =>
			flag(
				'assisted',
				[i.id],
				[i.personId],
				input.events.filter((e) => e.action === 'respondent.assisted' && e.invitationId === i.id),
				{ helper: i.assistHelper ?? '', reason: i.assistReason ?? '' }
			)
		);
}
