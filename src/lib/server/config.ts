// Run-time configuration from the environment; read in one place so the CLI and the server agree.
import path from 'node:path';

export interface AppConfig {
	/** A SQLite file path, or a postgres:// URL (DATABASE_URL, issue 17). */
	database: string;
	keysSecret: string | null;
	keysFile: string | null;
	origin: string | null;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const database = env.DATABASE_URL || env.DATABASE_PATH || 'data/par-survey.sqlite';
	return {
		database,
		keysSecret: env.KEYS_SECRET || null,
		keysFile: env.KEYS_FILE || null,
		origin: env.ORIGIN || null
	};
}

/** The key file lives beside the database by default, but never inside it. */
export function defaultKeysFile(database: string): string {
	return path.join(path.dirname(path.resolve(database)), 'par-survey.key');
}

/** Delivery channels and their limits (issue 5). A channel exists only when its variables are set. */
export interface DeliveryConfig {
	/** smtp://user:pass@host:587 or smtps://…:465 */
	smtpUrl: string | null;
	/** The From address, e.g. "Ban Tổ chức khảo sát" <khaosat@example.gov.vn> */
	mailFrom: string | null;
	/** https:// endpoint of the SMS/Zalo gateway (http only in demo mode). */
	smsGatewayUrl: string | null;
	smsGatewayKeyHeader: string | null;
	smsGatewayKey: string | null;
	/** JSON body with {{to}}, {{text}} (and optionally {{messageId}}) inside quotes. */
	smsGatewayBody: string;
	emailPerSecond: number;
	smsPerSecond: number;
	maxAttempts: number;
}

export const DEFAULT_GATEWAY_BODY = '{"to":"{{to}}","text":"{{text}}"}';

function positive(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readDeliveryConfig(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
	return {
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.MAIL_FROM || null,
		smsGatewayUrl: env.SMS_GATEWAY_URL || null,
		smsGatewayKeyHeader: env.SMS_GATEWAY_KEY_HEADER || null,
		smsGatewayKey: env.SMS_GATEWAY_KEY || null,
		smsGatewayBody: env.SMS_GATEWAY_BODY || DEFAULT_GATEWAY_BODY,
		emailPerSecond: positive(env.DELIVERY_EMAIL_PER_SECOND, 10),
		smsPerSecond: positive(env.DELIVERY_SMS_PER_SECOND, 5),
		maxAttempts: Math.floor(positive(env.DELIVERY_MAX_ATTEMPTS, 8))
	};
}
