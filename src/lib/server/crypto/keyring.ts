// The application key encrypts secrets at rest (TOTP keys now, cell signing keys later).
// It comes from KEYS_SECRET or a key file outside the database, never from the database itself.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { defaultKeysFile, type AppConfig } from '../config';
import { isPostgresUrl } from '../db/postgres';

export type AppKey = Buffer & { readonly __appKey: true };

const POSTGRES_NEEDS_KEY =
	'Với PostgreSQL cần đặt KEYS_FILE (tệp khóa dùng chung cho mọi tiến trình) hoặc KEYS_SECRET. ' +
	'(With PostgreSQL set KEYS_FILE, a key file every process shares, or KEYS_SECRET.)';

export function loadAppKey(config: AppConfig, log: (line: string) => void = console.warn): AppKey {
	if (config.keysSecret) {
		if (config.keysSecret.length < 32) throw new Error('KEYS_SECRET must be at least 32 characters');
		return createHash('sha256').update(config.keysSecret, 'utf8').digest() as AppKey;
	}
	// No file to sit beside, and every process must hold the same key: the operator names it.
	if (!config.keysFile && isPostgresUrl(config.database)) throw new Error(POSTGRES_NEEDS_KEY);
	const file = config.keysFile ?? defaultKeysFile(config.database);
	if (!existsSync(file)) {
		writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
		chmodSync(file, 0o600);
		log(`[par-survey] created a new key file ${file}: back it up separately from the database`);
	}
	const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== 32) throw new Error(`key file ${file} must hold 32 bytes in base64`);
	return key as AppKey;
}

/** AES-256-GCM; the output is "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function sealSecret(key: AppKey, plaintext: Uint8Array, context: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
	return ['v1', iv, cipher.getAuthTag(), body]
		.map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
		.join('.');
}

export function openSecret(key: AppKey, sealed: string, context: string): Uint8Array {
	const [version, iv, tag, body] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed secret format');
	const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
	decipher.setAAD(Buffer.from(context, 'utf8'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
}
