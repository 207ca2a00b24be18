// Campaigns: versioned frameworks and questionnaires (JSON documents), respondent groups and who
// they rate, the roster (participation side: people, never answers), roster imports with a staging
// area for the preview, and the reporting cells with their blind-signing keys.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('unit').addColumn('updated_at', 'integer').execute();

	for (const table of ['framework_version', 'questionnaire_version'] as const) {
		let t = db.schema
			.createTable(table)
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('version', 'integer', (c) => c.notNull())
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('created_at', 'integer', (c) => c.notNull())
			.addColumn('created_by', 'integer', (c) => c.references('staff_user.id'))
			.addColumn('frozen_at', 'integer');
		if (table === 'questionnaire_version') {
			t = t.addColumn('framework_version_id', 'integer', (c) => c.notNull().references('framework_version.id'));
		}
		await t.addUniqueConstraint(`${table}_name_version_uq`, ['name', 'version']).execute();
	}

	await db.schema
		.createTable('campaign')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'open', 'closed', 'published')`))
		.addColumn('framework_version_id', 'integer', (c) => c.notNull().references('framework_version.id'))
		.addColumn('scope_unit_id', 'integer', (c) => c.references('unit.id'))
		.addColumn('k_threshold', 'integer', (c) => c.notNull().defaultTo(5))
		.addColumn('opens_on', 'text')
		.addColumn('closes_on', 'text')
		.addColumn('created_by', 'integer', (c) => c.references('staff_user.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.addColumn('opened_at', 'integer')
		.addColumn('closed_at', 'integer')
		.addColumn('published_at', 'integer')
		.execute();

	await db.schema
		.createTable('respondent_group')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('questionnaire_version_id', 'integer', (c) => c.references('questionnaire_version.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addUniqueConstraint('respondent_group_code_uq', ['campaign_id', 'code'])
		.execute();

	await db.schema
		.createTable('group_rated_unit')
		.addColumn('group_id', 'integer', (c) => c.notNull().references('respondent_group.id').onDelete('cascade'))
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
		.addPrimaryKeyConstraint('group_rated_unit_pk', ['group_id', 'unit_id'])
		.execute();

	await db.schema
		.createTable('reporting_cell')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('group_id', 'integer', (c) => c.notNull().references('respondent_group.id'))
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
		.addColumn('invitee_count', 'integer', (c) => c.notNull())
		.addColumn('below_k', 'integer', (c) => c.notNull())
		.addColumn('public_key', 'text', (c) => c.notNull())
		.addColumn('private_key_enc', 'text', (c) => c.notNull())
		.addColumn('fingerprint', 'text', (c) => c.notNull())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addUniqueConstraint('reporting_cell_uq', ['campaign_id', 'group_id', 'unit_id'])
		.execute();

	await db.schema
		.createTable('person')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('personal_code', 'text', (c) => c.notNull())
		.addColumn('full_name', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
		.addColumn('group_id', 'integer', (c) => c.notNull().references('respondent_group.id'))
		.addColumn('position', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('cell_id', 'integer', (c) => c.references('reporting_cell.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.addUniqueConstraint('person_code_uq', ['campaign_id', 'personal_code'])
		.execute();
	await db.schema.createIndex('person_campaign_unit_idx').on('person').columns(['campaign_id', 'unit_id']).execute();
	await db.schema.createIndex('person_group_idx').on('person').column('group_id').execute();

	await db.schema
		.createTable('roster_import')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('preview', 'applied', 'discarded')`))
		.addColumn('total_rows', 'integer', (c) => c.notNull())
		.addColumn('valid_rows', 'integer', (c) => c.notNull())
		.addColumn('error_count', 'integer', (c) => c.notNull())
		.addColumn('warning_count', 'integer', (c) => c.notNull())
		.addColumn('report', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('staff_user.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('applied_at', 'integer')
		.execute();

	await db.schema
		.createTable('roster_staging')
		.addColumn('import_id', 'integer', (c) => c.notNull().references('roster_import.id').onDelete('cascade'))
		.addColumn('line', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('roster_staging_pk', ['import_id', 'line'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['roster_staging', 'roster_import', 'person', 'reporting_cell', 'group_rated_unit', 'respondent_group', 'campaign', 'questionnaire_version', 'framework_version']) {
		await db.schema.dropTable(t).execute();
	}
	await db.schema.alterTable('unit').dropColumn('updated_at').execute();
}
