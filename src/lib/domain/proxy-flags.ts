// Proxy-completion signals (docs/integrity.md, promise 2): every rule over one campaign's
// participation-side rows, never answers. A flag is a reason to look, not a verdict: each one carries
// the events behind it. Kinds live in ./proxy-flag-kinds, rules in ./proxy-flag-rules and ./proxy-flag-sessions.
import {
	DEFAULT_FLAG_OPTIONS,
	FLAG_KINDS,
	type FlagSeverity,
	type ProxyFlag,
	type ProxyFlagInput,
	type ProxyFlagOptions
} from './proxy-flag-kinds';
import {
	sharedDeviceFlags,
	sharedContactFlags,
	ipBurstFlags,
	fastCompletionFlags,
	multiDeviceFlags,
	failedCodesFlags,
	codeOtherDeviceFlags,
	assistedFlags
} from './proxy-flag-rules';
import { sameBrowserFlags, serialChainFlags, codeRelayedFlags } from './proxy-flag-sessions';

export * from './proxy-flag-kinds';
export * from './proxy-flag-rules';
export * from './proxy-flag-sessions';

const SEVERITY_ORDER: Record<FlagSeverity, number> = { strong: 0, weak: 1, info: 2 };

/** Every signal, strongest first, then by kind and by the first event behind it. */
export function computeProxyFlags(input: ProxyFlagInput, options: Partial<ProxyFlagOptions> = {}): ProxyFlag[] {
	const o = { ...DEFAULT_FLAG_OPTIONS, ...options };
	const flags = [
		...sharedDeviceFlags(input),
		...sharedContactFlags(input),
		...ipBurstFlags(input, o),
		...fastCompletionFlags(input, o),
		...multiDeviceFlags(input),
		...failedCodesFlags(input, o),
		...codeOtherDeviceFlags(input),
		...sameBrowserFlags(input, o),
		...serialChainFlags(input, o),
		...codeRelayedFlags(input, o),
		...assistedFlags(input)
	];
	const first = (f: ProxyFlag) => f.evidenceSeqs[0] ?? f.invitationIds[0] ?? f.personIds[0] ?? 0;
	return flags.sort(
		(a, b) =>
			SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
			FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind) ||
			first(a) - first(b)
	);
}
