import { error } from '@sveltejs/kit';
import { writeRosterTemplate } from '$lib/server/files/tabular-file';
import { campaignContext } from '../../context';
import type { RequestHandler } from './$types';

const TYPES = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
} as const;

export const GET: RequestHandler = async (event) => {
	await campaignContext(event, { manage: false });
	const format = event.params.format;
	if (format !== 'xlsx' && format !== 'csv') error(404, { message: 'error.notFound' });
	const body = await writeRosterTemplate(format);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': TYPES[format],
			'content-disposition': `attachment; filename="mau-danh-sach-nguoi-tra-loi.${format}"`,
			'cache-control': 'no-store'
		}
	});
};
