// Proxy-completion signals (docs/integrity.md, promise 2): the kinds of flag, their severity, the rows
// the rules read and the thresholds they use. The rules are in ./proxy-flag-rules and ./proxy-flag-sessions.

export const FLAG_KINDS = [
	'sharedDevice',
	'sharedContact',
	'ipBurst',
	'fastCompletion',
	'multiDevice',
	'failedCodes',
	'codeOtherDevice',
	'sameBrowser',
	'sameFingerprint',
	'serialChain',
	'codeRelayed',
	'assisted'
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export type FlagSeverity = 'info' | 'weak' | 'strong';

export const FLAG_SEVERITY: Record<FlagKind, FlagSeverity> = {
	sharedDevice: 'strong',
	sharedContact: 'weak',
	ipBurst: 'weak',
	fastCompletion: 'weak',
	multiDevice: 'weak',
	failedCodes: 'weak',
	codeOtherDevice: 'weak',
	sameBrowser: 'strong',
	sameFingerprint: 'weak',
	// Weak: two colleagues answering one after the other on the office address is ordinary; a chain is a
	// reason to read the timeline, and proof of one hand only alongside a browser or device signal.
	serialChain: 'weak',
	codeRelayed: 'strong',
	assisted: 'info'
};

export interface ProxyFlag {
	kind: FlagKind;
	severity: FlagSeverity;
	invitationIds: number[];
	/** The people concerned; for a shared contact, also those who have no link yet. */
	personIds: number[];
	evidenceSeqs: number[];
	params: Record<string, string | number>;
}

export interface FlagPerson {
	id: number;
	email: string | null;
	phone: string | null;
}

export interface FlagInvitation {
	id: number;
	personId: number;
	attestation: 'personal' | 'assisted' | null;
	assistHelper: string | null;
	assistReason: string | null;
}

export interface FlagDevice {
	invitationId: number;
	deviceHash: string;
	verifiedAt: number | null;
	credentialAt: number | null;
}

export const FLAG_EVENT_ACTIONS = [
	'code.sent',
	'code.failed',
	'code.locked',
	'code.verified',
	'link.second_device',
	'respondent.assisted',
	'credential.issued'
] as const;
export type FlagEventAction = (typeof FLAG_EVENT_ACTIONS)[number];

/** A respondent event of the audit log (actor = invitation), with the payload fields the rules read. */
export interface FlagEvent {
	seq: number;
	at: number;
	invitationId: number;
	action: FlagEventAction;
	ip: string | null;
	device: string | null;
	/** code.verified: the code was requested on another device. */
	otherDevice?: boolean;
	/** code.sent: 'email' or 'sms'. */
	channel?: string | null;
	/**
	 * code.sent, code.verified, credential.issued: the browser's traits (user agent, language, time zone,
	 * screen…) hashed with a key of the application's, so the same PC in a fresh private window matches.
	 */
	fingerprint?: string | null;
}

export interface ProxyFlagInput {
	people: FlagPerson[];
	invitations: FlagInvitation[];
	devices: FlagDevice[];
	events: FlagEvent[];
}

export interface ProxyFlagOptions {
	/** ipBurst: this many different people verified from one IP… */
	ipBurstCount: number;
	/** …within this many minutes (first to last event, inclusive). */
	ipBurstMinutes: number;
	/** fastCompletion: never flag a verification → credential time at or above this. */
	fastFloorSeconds: number;
	/** fastCompletion: flag below median / this divisor (or the floor, whichever is larger). */
	fastMedianDivisor: number;
	/** fastCompletion: fewer credentialed invitations than this give no median, hence no flag. */
	fastMinSample: number;
	/** failedCodes: this many wrong codes on one link (a lockout flags on its own). */
	failedCodesThreshold: number;
	/** sameBrowser: same fingerprint and IP within this many minutes (else only sameFingerprint). */
	sameBrowserMinutes: number;
	/** serialChain: the next code request at most this many minutes after the previous credential… */
	serialGapMinutes: number;
	/** …for at least this many invitations completed back to back. */
	serialMinChain: number;
	/** codeRelayed: a code typed this close (seconds) to another invitee's code on the same browser. */
	relaySeconds: number;
}

export const DEFAULT_FLAG_OPTIONS: ProxyFlagOptions = {
	ipBurstCount: 10,
	ipBurstMinutes: 10,
	fastFloorSeconds: 60,
	fastMedianDivisor: 4,
	fastMinSample: 5,
	failedCodesThreshold: 5,
	// A sitting at one PC: a proxy working through a list does so within an afternoon.
	sameBrowserMinutes: 120,
	// Long enough to open the next person's link and wait for the code, short enough not to chain a day.
	serialGapMinutes: 10,
	// The "≥ 2 in a chain": two invitations completed back to back, alone on the address.
	serialMinChain: 2,
	// Two people's codes handled by one browser within a minute is one pair of hands, not two.
	relaySeconds: 60
};
