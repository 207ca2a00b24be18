// The demo database: real Quảng Ngãi units and one account per role, all with a known password.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Role } from '$lib/domain/roles';
import { appendAuditEvent } from '../audit';
import type { Db } from '../db/open';
import { markDemoDatabase } from '../admin/settings';
import { createStaffUser } from '../admin/staff-users';
import { insertUnits } from '../units/units';
import { parseUnitsCsv } from './units-csv';
import { seedDemoCampaign } from './demo-campaign';
import { seedPastRounds, type PastRoundSummary } from './demo-results';
import type { AppKey } from '../crypto/keyring';
import type { IssuedLink } from '../outreach/invitations';
import type { Staff } from '../campaigns/campaigns';
import { DEMO_COMMITTEE, type DemoShare } from './demo-committee';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_STAFF: { username: string; displayName: string; role: Role }[] = [
	{ username: 'admin', displayName: 'Nguyễn Văn Quản', role: 'admin' },
	{ username: 'organiser', displayName: 'Trần Thị Tổ Chức', role: 'organiser' },
	{ username: 'analyst', displayName: 'Lê Minh Tổng Hợp', role: 'analyst' },
	{ username: 'auditor', displayName: 'Phạm Thanh Kiểm', role: 'auditor' }
];

export function readBundledUnits() {
	return parseUnitsCsv(readFileSync(fileURLToPath(new URL('./quang-ngai-units.csv', import.meta.url)), 'utf8'));
}

export interface DemoOptions {
	/** Also seed the published 2025 and 2024 rounds with answers (demo-results.ts); off for the tests' template. */
	pastRounds?: boolean;
}

export interface DemoSeed {
	/** The personal links issued (tokens are stored nowhere else). */
	links: IssuedLink[];
	/** The 2026 round's committee shares (codes and passphrases), for the demo to print or write out. */
	shares: DemoShare[];
	/** The published past rounds, newest first (none unless `pastRounds` was asked for). */
	pastRounds: PastRoundSummary[];
}

/** Seeds the demo; returns the personal links and the open round's committee shares. */
export async function seedDemo(
	db: Db,
	appKey: AppKey,
	origin = 'http://localhost:3000',
	options: DemoOptions = {}
): Promise<DemoSeed> {
	await markDemoDatabase(db);
	const units = await insertUnits(db, readBundledUnits());
	const actor = { type: 'system' as const, label: 'demo-seed' };
	const meta = { ip: null, userAgent: 'demo-seed' };
	const ids: Record<string, number> = {};
	for (const s of DEMO_STAFF) {
		const r = await createStaffUser(db, { ...s, unitCode: null, password: DEMO_PASSWORD }, actor, meta);
		if (!r.ok) throw new Error(`demo user ${s.username}: ${JSON.stringify(r.errors)}`);
		ids[s.username] = r.id;
	}
	// The counting committee: staff accounts whose only use here is to hold a share.
	const committee = new Map<string, Staff>();
	for (const m of DEMO_COMMITTEE) {
		const r = await createStaffUser(
			db,
			{ username: m.username, displayName: m.displayName, role: 'auditor', unitCode: null, password: DEMO_PASSWORD },
			actor,
			meta
		);
		if (!r.ok) throw new Error(`demo user ${m.username}: ${JSON.stringify(r.errors)}`);
		committee.set(m.username, { id: r.id, username: m.username, role: 'auditor', unitId: null });
	}
	const organiser = { id: ids.organiser, username: 'organiser', role: 'organiser' as const, unitId: null };
	let past: PastRoundSummary[] = [];
	// Created after the 2026 round, which keeps campaign id 1.
	const seedPast = async () => void (past = await seedPastRounds(db, appKey, organiser, committee, meta));
	const { links, shares } = await seedDemoCampaign(
		db,
		appKey,
		organiser,
		meta,
		origin,
		options.pastRounds ? seedPast : undefined
	);
	await appendAuditEvent(db, {
		actor,
		action: 'demo.seeded',
		payload: { units, staff: DEMO_STAFF.length, ...(past.length ? { pastRounds: past.map((r) => r.slug) } : {}) }
	});
	return { links, shares, pastRounds: [...past].sort((a, b) => b.year - a.year) };
}
