// Proxy-completion rules over sittings rather than devices: a browser fingerprint that survives a fresh
// private window, sessions that follow one another on one address, codes handled seconds apart. Still
// participation-side events only (times, addresses, device and fingerprint hashes), never answers.
import type { FlagEvent, ProxyFlag, ProxyFlagInput, ProxyFlagOptions } from './proxy-flag-kinds';
import { VN_OFFSET_SECONDS } from './vietnam-time';
import { flag, groupBy, personIndex } from './proxy-flag-rules';

type Input = Pick<ProxyFlagInput, 'invitations' | 'events'>;

/** One invitation's sitting: its first code request (or first verification) to its credential. */
export interface FlagSession {
	invitationId: number;
	start: number;
	end: number;
	completed: boolean;
	events: FlagEvent[];
}

const byTime = (a: FlagEvent, b: FlagEvent) => a.at - b.at || a.seq - b.seq;
const isProof = (e: FlagEvent) => e.action === 'code.verified' || e.action === 'credential.issued';

// Code events further apart than this belong to different sittings (a code asked for yesterday and a
// fresh one today): a session starts at the first code request of the sitting that led to its end.
const SITTING_GAP_SECONDS = 30 * 60;
const isCode = (e: FlagEvent) => e.action === 'code.sent' || e.action === 'code.verified' || e.action === 'code.failed';

/** Each invitation's session: first code request of its last sitting to its credential (or last event). */
export function sessionsOf(events: FlagEvent[]): Map<number, FlagSession> {
	const sessions = new Map<number, FlagSession>();
	for (const [invitationId, list] of groupBy(events, (e) => e.invitationId)) {
		list.sort(byTime);
		const credential = list.find((e) => e.action === 'credential.issued');
		const codes = list.filter((e) => isCode(e) && (!credential || e.at <= credential.at));
		// Answering may take an hour, so the sitting is traced back from the last code, not the credential.
		let i = codes.length - 1;
		while (i > 0 && codes[i].at - codes[i - 1].at <= SITTING_GAP_SECONDS) i--;
		const first = codes.slice(i).find((e) => e.action !== 'code.failed');
		if (!first) continue;
		const end = credential?.at ?? list[list.length - 1].at;
		sessions.set(invitationId, { invitationId, start: first.at, end, completed: !!credential, events: list });
	}
	return sessions;
}

// Touching is not overlapping: the next person may start the very second the previous one finished.
const overlaps = (a: FlagSession | undefined, b: FlagSession | undefined) =>
	!!a && !!b && a.start < b.end && b.start < a.end;

/** Connected groups of ids from pairs (a small union-find). */
function components(ids: Iterable<number>, pairs: [number, number][]): number[][] {
	const parent = new Map<number, number>();
	for (const id of ids) parent.set(id, id);
	const root = (id: number): number => {
		let r = id;
		while (parent.get(r) !== r) r = parent.get(r)!;
		return r;
	};
	for (const [a, b] of pairs) parent.set(root(a), root(b));
	return [...groupBy(parent.keys(), root).values()];
}

const shortHash = (hash: string) => hash.slice(0, 12);

/**
 * sameBrowser: two people's links verified or credentialed by one browser (same fingerprint) from one
 * address within the window, in sessions that follow one another — one browser serves one sitter at a
 * time, so identical office PCs used side by side (overlapping sessions) do not link.
 * sameFingerprint: the same fingerprint on two people's links otherwise (another address, another time,
 * or at the same time).
 */
export function sameBrowserFlags(input: Input, options: Pick<ProxyFlagOptions, 'sameBrowserMinutes'>): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const who = (invitationId: number) => personOf(invitationId) ?? -invitationId;
	const sessions = sessionsOf(input.events);
	const window = options.sameBrowserMinutes * 60;
	const proofs = input.events.filter((e) => isProof(e) && e.fingerprint);
	const flags: ProxyFlag[] = [];
	for (const [fingerprint, events] of groupBy(proofs, (e) => e.fingerprint!)) {
		const invitations = new Set(events.map((e) => e.invitationId));
		const people = new Set([...invitations].map(who));
		if (people.size < 2) continue;
		const pairs: [number, number][] = [];
		for (const [, onIp] of groupBy(events, (e) => e.ip)) {
			onIp.sort(byTime);
			for (let i = 0; i < onIp.length; i++) {
				for (let j = i + 1; j < onIp.length && onIp[j].at - onIp[i].at <= window; j++) {
					const [a, b] = [onIp[i].invitationId, onIp[j].invitationId];
					if (who(a) === who(b) || overlaps(sessions.get(a), sessions.get(b))) continue;
					pairs.push([a, b]);
				}
			}
		}
		const linked = new Set(pairs.flat());
		const groups = components(linked, pairs);
		for (const group of groups) {
			const members = new Set(group);
			const evidence = events.filter((e) => members.has(e.invitationId));
			const ip = [...new Set(evidence.map((e) => e.ip ?? ''))].join(', ');
			const groupPeople = new Set(group.map(who));
			flags.push(
				flag(
					'sameBrowser',
					group,
					[...groupPeople].filter((p) => p > 0),
					evidence,
					{
						fingerprint: shortHash(fingerprint),
						ip,
						people: groupPeople.size,
						minutes: options.sameBrowserMinutes
					}
				)
			);
		}
		// Every holder of this fingerprint already in one sameBrowser flag: nothing weaker to add.
		if (groups.length === 1 && groups[0].length === invitations.size) continue;
		flags.push(
			flag(
				'sameFingerprint',
				invitations,
				[...people].filter((p) => p > 0),
				events,
				{
					fingerprint: shortHash(fingerprint),
					people: people.size,
					ips: new Set(events.map((e) => e.ip ?? '')).size
				}
			)
		);
	}
	return flags;
}

const clock = (at: number) => new Date((at + VN_OFFSET_SECONDS) * 1000).toISOString().slice(11, 16);

/**
 * serialChain: on one address, completed sessions of different people, each starting (first code
 * request) within the gap after the previous one's credential, with nobody else active on that address
 * in between or alongside. An office at lunch overlaps: any overlapping activity breaks the chain.
 */
export function serialChainFlags(
	input: Input,
	options: Pick<ProxyFlagOptions, 'serialGapMinutes' | 'serialMinChain'>
): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const who = (invitationId: number) => personOf(invitationId) ?? -invitationId;
	const gap = options.serialGapMinutes * 60;
	const sessions = sessionsOf(input.events);
	const flags: ProxyFlag[] = [];
	for (const [ip, events] of groupBy(input.events, (e) => e.ip)) {
		// Activity on this address; a session counts for a chain only if it began and ended here.
		const activity = [...sessionsOf(events).values()].sort((a, b) => a.start - b.start || a.end - b.end);
		const whole = (s: FlagSession): FlagSession | null => {
			const g = sessions.get(s.invitationId);
			if (!g?.completed) return null;
			const first = g.events.find(
				(e) => e.at === g.start && (e.action === 'code.sent' || e.action === 'code.verified')
			);
			const credential = g.events.find((e) => e.action === 'credential.issued' && e.at === g.end);
			return first?.ip === ip && credential?.ip === ip ? g : null;
		};
		// Busy stretches: overlapping activity merged; only a stretch of one whole session can be a link.
		const stretches: { sessions: FlagSession[]; start: number; end: number }[] = [];
		for (const s of activity) {
			const last = stretches.at(-1);
			if (last && s.start < last.end) {
				last.sessions.push(s);
				last.end = Math.max(last.end, s.end);
			} else stretches.push({ sessions: [s], start: s.start, end: s.end });
		}
		let chain: FlagSession[] = [];
		const close = () => {
			if (new Set(chain.map((s) => who(s.invitationId))).size >= options.serialMinChain) {
				const evidence = chain.flatMap((s) => s.events.filter((e) => e.action !== 'code.failed'));
				const f = flag(
					'serialChain',
					chain.map((s) => s.invitationId),
					chain.map((s) => who(s.invitationId)).filter((p) => p > 0),
					evidence,
					{
						ip,
						people: chain.length,
						minutes: options.serialGapMinutes,
						timeline: chain.map((s) => `${clock(s.start)}–${clock(s.end)}`).join(' → ')
					}
				);
				// The chain's order is the story: keep it rather than sorting the ids.
				flags.push({ ...f, invitationIds: chain.map((s) => s.invitationId) });
			}
			chain = [];
		};
		for (const stretch of stretches) {
			const single = stretch.sessions.length === 1 ? whole(stretch.sessions[0]) : null;
			const prev = chain.at(-1);
			if (single && prev && single.start - prev.end <= gap && who(single.invitationId) !== who(prev.invitationId))
				chain.push(single);
			else {
				close();
				if (single) chain = [single];
			}
		}
		close();
	}
	return flags;
}

/**
 * codeRelayed: one browser (same fingerprint, same address) typed a person's code within seconds of
 * handling another person's code — one pair of hands on two people's codes.
 */
export function codeRelayedFlags(input: Input, options: Pick<ProxyFlagOptions, 'relaySeconds'>): ProxyFlag[] {
	const personOf = personIndex(input.invitations);
	const who = (invitationId: number) => personOf(invitationId) ?? -invitationId;
	const codes = input.events.filter(
		(e) => (e.action === 'code.sent' || e.action === 'code.verified') && e.fingerprint && e.ip
	);
	const flags: ProxyFlag[] = [];
	for (const [, events] of groupBy(codes, (e) => `${e.fingerprint}\u0000${e.ip}`)) {
		events.sort(byTime);
		const pairs: [number, number][] = [];
		const evidence = new Map<number, FlagEvent>();
		for (let i = 0; i < events.length; i++) {
			for (let j = i + 1; j < events.length && events[j].at - events[i].at <= options.relaySeconds; j++) {
				const [a, b] = [events[i], events[j]];
				// Two requests alone type nothing: one of the two must be a code typed in.
				if (a.action !== 'code.verified' && b.action !== 'code.verified') continue;
				if (who(a.invitationId) === who(b.invitationId)) continue;
				pairs.push([a.invitationId, b.invitationId]);
				evidence.set(a.seq, a).set(b.seq, b);
			}
		}
		const linked = new Set(pairs.flat());
		for (const group of components(linked, pairs)) {
			const members = new Set(group);
			const proof = [...evidence.values()].filter((e) => members.has(e.invitationId));
			flags.push(
				flag(
					'codeRelayed',
					group,
					group.map(who).filter((p) => p > 0),
					proof,
					{
						fingerprint: shortHash(proof[0].fingerprint!),
						ip: proof[0].ip!,
						people: new Set(group.map(who)).size,
						seconds: options.relaySeconds
					}
				)
			);
		}
	}
	return flags;
}
