// The opening (kiểm phiếu): the status for the committee and the campaign's managers, and the form a
// member supplies their share with. Works without JavaScript; with it, the page polls ./status.json.
import { message } from '$lib/domain/message';
import { refuseForm } from '$lib/server/http/form';
import { supplyShare } from '$lib/server/sealing/opening';
import { openingContext, openingView } from './context';
import { readSupplyForm } from './supply-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, user, campaign, member } = await openingContext(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	return openingView(db, user, campaign, member);
};

export const actions: Actions = {
	supply: async (event) => {
		const { handle, user, campaign, meta } = await openingContext(event);
		const input = await readSupplyForm(event.request);
		// Only a message goes back: never the code, the file or the passphrase.
		if (!input.ok) return refuseForm('supply', input.error);
		const result = await supplyShare(handle, campaign.id, user, input.value, meta);
		if (!result.ok) return refuseForm('supply', result.error);
		return { action: 'supply', saved: message(result.started ? 'opening.started' : 'opening.supplied') };
	}
};
