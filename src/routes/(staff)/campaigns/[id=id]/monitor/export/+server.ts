// The non-respondents of the chosen unit (and its subtree) as an XLSX file for the unit secretary,
// under the same access checks as the dashboard.
import { fileNamePart } from '$lib/domain/monitoring';
import { nonRespondentBatches, writeNonRespondentsXlsx } from '$lib/server/monitoring/non-respondents';
import { appendAuditEvent, staffActor } from '$lib/server/audit';
import { monitorContext } from '../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, campaign, scope, user, meta } = await monitorContext(event);
	const body = await writeNonRespondentsXlsx(nonRespondentBatches(db, campaign.id, scope));
	const unit = scope.units.find((u) => u.id === scope.currentId)?.code ?? 'tat-ca';
	// A list of named people leaves the system: the log says who took it, of which unit.
	await appendAuditEvent(db, {
		actor: staffActor(user),
		action: 'monitor.exported',
		subject: { type: 'campaign', id: campaign.id },
		meta,
		payload: { unit }
	});
	const name = `chua-gui-phieu-${fileNamePart(campaign.slug)}-${fileNamePart(unit)}.xlsx`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
