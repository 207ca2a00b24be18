// Names for the subjects of one page of the audit log, in one query (no lookup per row): staff by display
// name, campaigns by title, units by name. Respondents (person, invitation) are never looked up: the audit
// page shows them by number only, as it always did.
import { sql, type Kysely } from 'kysely';
import type { SubjectNames } from '$lib/domain/audit-words';
import type { Database } from './db/schema';

type Row = { subjectType: string | null; subjectId: string | null };

export async function nameAuditSubjects(db: Kysely<Database>, rows: readonly Row[]): Promise<SubjectNames> {
	const idsOf = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId!))];
	const numeric = (ids: string[]) => ids.filter((id) => /^\d{1,12}$/.test(id)).map(Number);
	const users = numeric(idsOf('staff_user'));
	const campaigns = numeric(idsOf('campaign'));
	const units = idsOf('unit');
	const parts = [
		users.length
			? db
					.selectFrom('staff_user')
					.select([
						sql<string>`'staff_user'`.as('type'),
						sql<string>`cast(id as text)`.as('id'),
						'display_name as name'
					])
					.where('id', 'in', users)
			: null,
		campaigns.length
			? db
					.selectFrom('campaign')
					.select([sql<string>`'campaign'`.as('type'), sql<string>`cast(id as text)`.as('id'), 'title as name'])
					.where('id', 'in', campaigns)
			: null,
		units.length
			? db
					.selectFrom('unit')
					.select([sql<string>`'unit'`.as('type'), 'code as id', 'name as name'])
					.where('code', 'in', units)
			: null
	].filter((q) => q !== null);
	if (parts.length === 0) return new Map();
	const found = await parts.reduce((all, next) => all.unionAll(next)).execute();
	return new Map(found.map((r) => [`${r.type}:${r.id}`, r.name]));
}
