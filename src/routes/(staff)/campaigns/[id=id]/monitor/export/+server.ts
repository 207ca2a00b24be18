// The non-respondents of the chosen unit (and its subtree) as an XLSX file for the unit secretary,
// under the same access checks as the dashboard.
import { exportNonRespondents } from '$lib/server/monitoring/export';
import { monitorContext } from '../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, campaign, scope, user, meta } = await monitorContext(event);
	const { body, fileName } = await exportNonRespondents(db, campaign, scope, user, meta);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
};
