// The browser traits sent with the code and credential requests (docs/integrity.md, proxy-completion
// signals): stable, non-identifying things every page can read cheaply and the same way each time, so
// one PC in a fresh private window sends the same string. The server keeps only a keyed hash of it.
// No high-entropy client hints, no canvas, no fonts: nothing that asks the browser for more.

/** The server refuses longer strings; each trait is bounded well below it. */
export const MAX_TRAITS_LENGTH = 2048;
const MAX_TEXT = 300;
const MAX_LANGUAGES = 8;
const MAX_BRANDS = 8;

type Brand = { brand?: unknown; version?: unknown };

/** The parts of navigator, screen and Intl the traits come from; everything may be missing. */
export interface TraitSource {
	navigator?: {
		userAgent?: unknown;
		language?: unknown;
		languages?: unknown;
		platform?: unknown;
		hardwareConcurrency?: unknown;
		maxTouchPoints?: unknown;
		userAgentData?: { brands?: unknown; platform?: unknown; mobile?: unknown } | null;
	};
	screen?: { width?: unknown; height?: unknown; colorDepth?: unknown };
	devicePixelRatio?: unknown;
	timeZone?: unknown;
}

type Json = string | number | boolean | Json[] | { [key: string]: Json };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v.slice(0, MAX_TEXT) : undefined);
const count = (v: unknown): number | undefined =>
	typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
// Zoom gives ratios like 1.100000023841858: two decimals are enough and stay stable.
const ratio = (v: unknown): number | undefined =>
	typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v * 100) / 100 : undefined;

function brandsOf(v: unknown): string[] | undefined {
	if (!Array.isArray(v)) return undefined;
	const brands = (v as Brand[])
		.slice(0, MAX_BRANDS)
		.map((b) => `${text(b?.brand) ?? ''};${text(b?.version) ?? ''}`)
		.sort();
	return brands.length ? brands : undefined;
}

function languagesOf(v: unknown): string[] | undefined {
	if (!Array.isArray(v)) return undefined;
	// The order is the user's preference, so it is kept.
	const languages = v
		.slice(0, MAX_LANGUAGES)
		.map(text)
		.filter((l): l is string => l !== undefined);
	return languages.length ? languages : undefined;
}

/** Drops absent values, so a trait the browser lacks does not change the string by being "null". */
function present(record: Record<string, Json | undefined>): { [key: string]: Json } {
	const out: { [key: string]: Json } = {};
	for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
	return out;
}

/** JSON with every object's keys sorted: the same traits always give the same string. */
export function canonicalJson(value: Json): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** The traits of one browser as one canonical string ('' when there is nothing to read). */
export function traitsOf(source: TraitSource): string {
	const nav = source.navigator ?? {};
	const uaData = nav.userAgentData ?? undefined;
	const screen = source.screen ?? {};
	const hints = uaData
		? present({
				brands: brandsOf(uaData.brands),
				platform: text(uaData.platform),
				mobile: typeof uaData.mobile === 'boolean' ? uaData.mobile : undefined
			})
		: {};
	const traits = present({
		v: 1,
		userAgent: text(nav.userAgent),
		hints: Object.keys(hints).length ? hints : undefined,
		language: text(nav.language),
		languages: languagesOf(nav.languages),
		timeZone: text(source.timeZone),
		screen: ((s) => (Object.keys(s).length ? s : undefined))(
			present({ width: count(screen.width), height: count(screen.height), colorDepth: count(screen.colorDepth) })
		),
		pixelRatio: ratio(source.devicePixelRatio),
		cores: count(nav.hardwareConcurrency),
		platform: text(nav.platform),
		touchPoints: count(nav.maxTouchPoints)
	});
	if (Object.keys(traits).length === 1) return '';
	return canonicalJson(traits).slice(0, MAX_TRAITS_LENGTH);
}

/** This browser's traits; '' outside a browser or when reading them fails. */
export function browserTraits(): string {
	if (typeof navigator === 'undefined' || typeof window === 'undefined') return '';
	try {
		let timeZone: string | undefined;
		try {
			timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
		} catch {
			timeZone = undefined;
		}
		return traitsOf({
			navigator: navigator as TraitSource['navigator'],
			screen: window.screen,
			devicePixelRatio: window.devicePixelRatio,
			timeZone
		});
	} catch {
		return '';
	}
}
