import type { RequestEvent } from '@sveltejs/kit';
import type { RequestMeta } from '../audit';

/** IP as adapter-node resolves it (proxy headers only when ADDRESS_HEADER is configured). */
export function requestMeta(event: RequestEvent): RequestMeta {
	let ip: string | null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}
