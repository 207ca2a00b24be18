// Reads the bundled unit list (code,parent_code,name,full_name,type,name_en).
import { parse } from 'csv-parse/sync';
import type { UnitRecord } from '../units/units';

export function parseUnitsCsv(text: string): UnitRecord[] {
	const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
	return rows.map((r) => ({
		code: r.code,
		parentCode: r.parent_code || null,
		name: r.name.normalize('NFC'),
		fullName: r.full_name.normalize('NFC'),
		kind: r.type,
		nameEn: r.name_en || null
	}));
}
