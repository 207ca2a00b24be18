// How the cookie-less ballot endpoints answer: never cached, and each refusal as its key with the
// Vietnamese text (such a request carries no language choice; the page translates the key itself).
import { json } from '@sveltejs/kit';
import type { Message } from '$lib/domain/message';
import { translator } from '$lib/i18n';

export const NO_STORE = { 'cache-control': 'no-store' };

const vi = translator('vi');

export function refuseBallot(status: number, errors: readonly Message[]): Response {
	return json({ errors: errors.map((e) => ({ ...e, message: vi(e.key, e.params) })) }, { status, headers: NO_STORE });
}
