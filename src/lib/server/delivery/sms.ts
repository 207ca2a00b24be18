// SMS/Zalo through the operator's HTTP gateway: one JSON POST per message. 5xx, 408/429, timeouts
// and network errors are retried; other 4xx and any redirect (never followed) are final.
import http from 'node:http';
import https from 'node:https';
import { checkGatewayTemplate, renderGatewayBody } from '$lib/domain/delivery';
import { message, type Message, type MessageKey, type MessageParams } from '$lib/domain/message';
import { translator } from '$lib/i18n';
import {
	BlockedAddressError,
	checkGatewayUrl,
	checkGatewayUrlShape,
	guardedLookup,
	type GatewayPolicy,
	type Resolver
} from './gateway-url';
import { describeError, type Notifier, type SendResult } from './notifier';

export interface SmsOptions {
	url: string;
	keyHeader: string | null;
	key: string | null;
	bodyTemplate: string;
	policy: GatewayPolicy;
	timeoutMs?: number;
	/** Tests resolve names their own way; production uses dns.lookup. */
	resolve?: Resolver;
}

const t = translator('vi');
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Everything about the settings that can be judged without the network; null when usable. */
export function checkSmsSettings(
	o: Pick<SmsOptions, 'url' | 'keyHeader' | 'key' | 'bodyTemplate' | 'policy'>
): Message | null {
	const shape = checkGatewayUrlShape(o.url, o.policy);
	if (!shape.ok) return shape.problem;
	if (!checkGatewayTemplate(o.bodyTemplate)) return message('delivery.error.gatewayTemplate');
	if (
		(o.keyHeader && !HEADER_NAME.test(o.keyHeader)) ||
		(o.key && /[\r\n]/.test(o.key)) ||
		Boolean(o.keyHeader) !== Boolean(o.key)
	)
		return message('delivery.error.gatewayHeader');
	return null;
}

const failure = (retryable: boolean, key: MessageKey, params?: MessageParams): SendResult => ({
	ok: false,
	retryable,
	error: t(key, params)
});

function post(
	url: URL,
	body: string,
	headers: Record<string, string>,
	policy: GatewayPolicy,
	timeoutMs: number
): Promise<number> {
	return new Promise((resolve, reject) => {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
		const request = (url.protocol === 'https:' ? https : http).request(url, {
			method: 'POST',
			headers: {
				...headers,
				'content-type': 'application/json; charset=utf-8',
				'content-length': String(Buffer.byteLength(body))
			},
			lookup: guardedLookup(policy),
			signal: controller.signal
		});
		request.on('response', (res) => {
			clearTimeout(timer);
			// The status is the answer; the body is read and dropped so the socket can be reused.
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		request.on('error', (e) => {
			clearTimeout(timer);
			reject(controller.signal.aborted ? Object.assign(new Error('timeout'), { code: 'TIMEOUT' }) : e);
		});
		request.end(body);
	});
}

export function classifyStatus(status: number): SendResult {
	if (status >= 200 && status < 300) return { ok: true };
	if (status >= 300 && status < 400) return failure(false, 'delivery.error.gatewayRedirect', { status });
	return failure(status >= 500 || status === 408 || status === 429, 'delivery.error.gatewayStatus', { status });
}

export function createSmsNotifier(options: SmsOptions): Notifier {
	const timeoutMs = options.timeoutMs ?? 10_000;
	return {
		channel: 'sms',
		async send(msg) {
			// Judged again before each send: DNS may have changed since start.
			const checked = await checkGatewayUrl(options.url, options.policy, options.resolve);
			if (!checked.ok) return failure(checked.retryable ?? false, checked.problem.key, checked.problem.params);
			const headers: Record<string, string> = { 'idempotency-key': msg.messageId };
			if (options.keyHeader && options.key) headers[options.keyHeader] = options.key;
			const body = renderGatewayBody(options.bodyTemplate, { to: msg.to, text: msg.text, messageId: msg.messageId });
			try {
				return classifyStatus(await post(checked.url, body, headers, options.policy, timeoutMs));
			} catch (e) {
				if (e instanceof BlockedAddressError) return failure(false, e.problem.key, e.problem.params);
				const code = (e as { code?: string }).code;
				if (code === 'TIMEOUT')
					return failure(true, 'delivery.error.gatewayTimeout', { seconds: Math.round(timeoutMs / 100) / 10 });
				if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
					return failure(true, 'delivery.error.gatewayDns', { host: checked.url.hostname });
				return failure(true, 'delivery.error.gatewayNetwork', { detail: describeError(e) });
			}
		}
	};
}
