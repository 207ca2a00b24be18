import type { MessageKey } from './message';

// Settings an admin may change at run time, with their types, bounds and defaults.
export interface SettingDefinition {
	key: string;
	kind: 'boolean' | 'integer';
	default: boolean | number;
	min?: number;
	max?: number;
}

export const SETTINGS = [
	{ key: 'require_totp_all_staff', kind: 'boolean', default: true },
	{ key: 'session_idle_minutes', kind: 'integer', default: 30, min: 5, max: 60 },
	// Beyond the per-link and per-address limits: a ceiling on the whole service's code sends (cost, abuse).
	{ key: 'code_sends_per_minute', kind: 'integer', default: 600, min: 10, max: 100000 },
	// Proxy-completion flag "many people verified from one IP": offices share NAT, so it is tunable.
	{ key: 'flag_ip_burst_people', kind: 'integer', default: 10, min: 2, max: 1000 },
	{ key: 'flag_ip_burst_minutes', kind: 'integer', default: 10, min: 1, max: 1440 },
	// The browser-and-session signals' windows (proxy-flag-kinds DEFAULT_FLAG_OPTIONS has the same defaults).
	{ key: 'flag_same_browser_minutes', kind: 'integer', default: 120, min: 5, max: 1440 },
	{ key: 'flag_serial_gap_minutes', kind: 'integer', default: 10, min: 1, max: 120 },
	{ key: 'flag_relay_seconds', kind: 'integer', default: 60, min: 5, max: 600 }
] as const satisfies readonly SettingDefinition[];

export type SettingKey = (typeof SETTINGS)[number]['key'];
export type SettingValues = {
	[K in SettingKey]: Extract<(typeof SETTINGS)[number], { key: K }>['kind'] extends 'boolean' ? boolean : number;
};

export function defaultSettings(): SettingValues {
	return Object.fromEntries(SETTINGS.map((s) => [s.key, s.default])) as SettingValues;
}

export function findSetting(key: string): SettingDefinition | undefined {
	return SETTINGS.find((s) => s.key === key);
}

/** Parses a submitted form value; an unchecked checkbox arrives as null. */
export function parseSettingValue(
	def: SettingDefinition,
	raw: string | null
): { value: boolean | number } | { error: MessageKey } {
	if (def.kind === 'boolean') return { value: raw === 'on' || raw === 'true' };
	const text = (raw ?? '').trim();
	if (!/^-?\d+$/.test(text)) return { error: 'error.settingNotInteger' };
	const value = Number(text);
	if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
		return { error: 'error.settingOutOfRange' };
	}
	return { value };
}
