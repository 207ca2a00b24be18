// Monitoring (the campaign dashboard): two covering indexes so that counting 100,000 invitations
// reads indexes only. The dashboard walks a unit's people by (campaign, unit, group) and, for each
// person, looks at their links' state by person — never at a table row.
// Frozen in time: never import application code from a migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('person_campaign_unit_group_idx').on('person').columns(['campaign_id', 'unit_id', 'group_id']).execute();
	await db.schema
		.createIndex('invitation_progress_idx')
		.on('invitation')
		.columns(['person_id', 'status', 'opened_at', 'verified_at', 'credential_at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('invitation_progress_idx').execute();
	await db.schema.dropIndex('person_campaign_unit_group_idx').execute();
}
