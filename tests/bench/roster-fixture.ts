// Shared by the roster-import benches: the province with 200 communes, an organiser, a draft campaign with one
// group, and the 100,000-row roster file they import (one row per person, all in that group).
import ExcelJS from 'exceljs';
import { createCampaign, saveGroup } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { ensureDefaultDocuments } from '$lib/server/templates/documents';
import { insertUnits } from '$lib/server/units/units';

const META = { ip: null, userAgent: 'bench' };
export const ROSTER_HEADER = ['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Điện thoại'];

/** Row i (from 1) of the roster: a commune among the 200, group CBCC, its own e-mail and phone. */
export const rosterRow = (i: number) => [
	`Nguyễn Văn Người ${i}`,
	`CB${String(i).padStart(6, '0')}`,
	String(21000 + (i % 200)),
	'CBCC',
	'Chuyên viên',
	`cb${i}@quangngai.gov.vn`,
	`09${String(i).padStart(8, '0')}`
];

/** Units, the organiser `username` (password `password`), a draft campaign "bench" with group CBCC. */
export async function seedRosterCampaign(db: Db, username: string, password: string) {
	await insertUnits(db, [
		{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
		...Array.from({ length: 200 }, (_, i) => ({
			code: String(21000 + i),
			parentCode: '51',
			name: `Xã ${i}`,
			fullName: `Xã ${i}`,
			kind: 'xã',
			nameEn: null
		}))
	]);
	const user = await createStaffUser(
		db,
		{ username, displayName: 'Bench', role: 'organiser', unitCode: null, password },
		{ type: 'system' },
		META
	);
	if (!user.ok) throw new Error('user');
	const staff = { id: user.id, username, role: 'organiser' as const, unitId: null };
	const docs = await ensureDefaultDocuments(db, { type: 'system' }, META);
	const campaign = await createCampaign(
		db,
		{
			title: 'Bench',
			slug: 'bench',
			year: 2026,
			kThreshold: 5,
			opensOn: null,
			closesOn: null,
			scopeUnitCode: null,
			frameworkVersionId: docs.frameworkVersionId
		},
		staff,
		META
	);
	if (!campaign.ok) throw new Error('campaign');
	const group = await saveGroup(
		db,
		campaign.id,
		{
			code: 'CBCC',
			name: 'Cán bộ, công chức',
			questionnaireVersionId: docs.questionnaireVersionId,
			ratedUnitCodes: []
		},
		staff,
		META
	);
	if (!group.ok) throw new Error('group');
	return { campaignId: campaign.id, staff };
}

/** The roster of `rows` people as XLSX at `file`, by the streaming writer (building it inflates no heap). */
export async function writeRosterXlsx(file: string, rows: number) {
	const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
	const ws = writer.addWorksheet('Danh sách');
	ws.addRow(ROSTER_HEADER).commit();
	for (let i = 1; i <= rows; i++) ws.addRow(rosterRow(i)).commit();
	await ws.commit();
	await writer.commit();
}
