// What the table readers share: the refusal they throw (a catalog key the upload form shows) and
// the zip limits an XLSX must stay within.
import type { RosterMessageKey } from '$lib/i18n/roster';

export const MiB = 1024 * 1024;

export interface ZipLimits {
	maxEntries: number;
	maxUnpackedBytes: number;
	/** Uncompressed ÷ compressed above this is refused for entries larger than `ratioExemptBytes`. */
	maxRatio: number;
	ratioExemptBytes: number;
}
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
	maxEntries: 10_000,
	maxUnpackedBytes: 200 * MiB,
	maxRatio: 200,
	ratioExemptBytes: MiB
};

export class TableFileError extends Error {
	constructor(
		readonly key: RosterMessageKey & `table.error.${string}`,
		readonly params: Record<string, string | number> = {},
		options?: { cause?: unknown }
	) {
		super(key, options);
		this.name = 'TableFileError';
	}
}

export const clean = (text: string) => text.normalize('NFC').trim();
