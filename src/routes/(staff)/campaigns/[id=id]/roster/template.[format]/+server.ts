import { error } from '@sveltejs/kit';
import { fileNamePart } from '$lib/domain/monitoring';
import { writeRosterTemplate } from '$lib/server/files/tabular-file';
import { rosterTemplateCodes } from '$lib/server/roster/template-codes';
import { campaignContext } from '../../context';
import type { RequestHandler } from './$types';

const TYPES = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
} as const;

export const GET: RequestHandler = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: false });
	const format = event.params.format;
	if (format !== 'xlsx' && format !== 'csv') error(404, { message: 'error.notFound' });
	// Made for this campaign: its own unit and group codes, so the example row and the lists are real.
	const codes = await rosterTemplateCodes(db, campaign.id);
	if (!codes) error(404, { message: 'campaign.error.notFound' });
	const body = await writeRosterTemplate(format, codes);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': TYPES[format],
			'content-disposition': `attachment; filename="mau-danh-sach-${fileNamePart(campaign.slug)}.${format}"`,
			'cache-control': 'no-store'
		}
	});
};
