// A personal link: exchange the token for a session cookie and leave the URL at once, so the token
// is not kept in history, logs or a Referer (docs/security.md). An endpoint, not a page: SvelteKit never
// preloads an endpoint, so hovering a link in the staff pages cannot "open" someone's link.
import { redirect } from '@sveltejs/kit';
import { deadLinkQuery, UNKNOWN_LINK } from '$lib/domain/dead-link';
import { getApp } from '$lib/server/app';
import { requestMeta } from '$lib/server/http/request';
import { ensureDevice, setRespondentCookie } from '$lib/server/respondent/cookies';
import { openLink } from '$lib/server/respondent/links';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db } = await getApp();
	const device = ensureDevice(event.cookies, event.url);
	const result = await openLink(db, event.params.token, device, requestMeta(event));
	// Held back for too many bad links from this network: say when, never "invalid"; a dead link says why.
	if (!result.ok)
		redirect(
			303,
			result.retryAt ? `/s?link=busy&until=${result.retryAt}` : `/s?${deadLinkQuery(result.dead ?? UNKNOWN_LINK)}`
		);
	setRespondentCookie(event.cookies, event.url, result.token, result.expiresAt);
	redirect(303, '/s');
};
