// RFC 9474 blind signing (RSABSSA-SHA384-PSS-Randomized) with OpenSSL: the library's JavaScript
// bignum signer takes ~0.4 s per signature, the raw RSA private operation here ~0.3 ms (2048-bit
// key) or ~2 ms (3072-bit, tests/bench/signing.ts). Sizes come from each key, never from a constant.
import {
	constants,
	createPrivateKey,
	createPublicKey,
	privateDecrypt,
	publicEncrypt,
	verify,
	type KeyObject
} from 'node:crypto';

export class BlindSignError extends Error {
	constructor(readonly code: 'invalid' | 'check_failed') {
		super(`blind signing failed: ${code}`);
		this.name = 'BlindSignError';
	}
}

interface SignerParams {
	n: bigint;
	k: number;
	publicKey: KeyObject;
}

// Deriving n and the public key costs a JWK export; do it once per private KeyObject.
const signerParams = new WeakMap<KeyObject, SignerParams>();

function paramsOf(key: KeyObject): SignerParams {
	let params = signerParams.get(key);
	if (!params) {
		if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') throw new BlindSignError('invalid');
		const jwk = key.export({ format: 'jwk' });
		if (!jwk.n) throw new BlindSignError('invalid');
		const nBytes = Buffer.from(jwk.n, 'base64url');
		params = { n: toBigInt(nBytes), k: nBytes.length, publicKey: createPublicKey(key) };
		signerParams.set(key, params);
	}
	return params;
}

function toBigInt(bytes: Uint8Array): bigint {
	return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}

export function privateKeyFromPkcs8(der: Uint8Array): KeyObject {
	return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

/** RFC 9474 BlindSign: s = z^d mod n, refused unless 0 < z < n, checked by s^e mod n = z. */
export function signBlinded(key: KeyObject, blindedMsg: Uint8Array): Uint8Array {
	const { n, k, publicKey } = paramsOf(key);
	// RSASP1 requires a representative in range; 0 is never an honest blinded value (not in Z_n*).
	if (blindedMsg.length !== k) throw new BlindSignError('invalid');
	const z = toBigInt(blindedMsg);
	if (z === 0n || z >= n) throw new BlindSignError('invalid');
	const input = Buffer.from(blindedMsg);
	let s: Buffer, back: Buffer;
	try {
		s = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input);
		back = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, s);
	} catch {
		// OpenSSL's messages stay on the server side of this function.
		throw new BlindSignError('invalid');
	}
	// The RFC's check against faults in the private operation (a faulty CRT result leaks a factor of n).
	if (s.length !== k || !back.equals(input)) throw new BlindSignError('check_failed');
	return new Uint8Array(s);
}

// The ballot endpoint verifies against the same few cell keys over and over: keep them parsed.
const CACHE_LIMIT = 1000;
const publicKeys = new Map<string, KeyObject>();

function publicKeyOf(spkiDer: Uint8Array): KeyObject | null {
	const id = Buffer.from(spkiDer).toString('base64');
	let key = publicKeys.get(id);
	if (!key) {
		try {
			key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
		} catch {
			return null;
		}
		if (key.asymmetricKeyType !== 'rsa') return null;
		if (publicKeys.size >= CACHE_LIMIT) publicKeys.delete(publicKeys.keys().next().value!);
		publicKeys.set(id, key);
	}
	return key;
}

/** RSASSA-PSS-VERIFY with SHA-384, MGF1-SHA-384, 48-byte salt; message = 32-byte prefix ‖ msg. */
export function verifyCredential(publicKeySpkiDer: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
	try {
		const key = publicKeyOf(publicKeySpkiDer);
		const bits = key?.asymmetricKeyDetails?.modulusLength;
		// RFC 8017 8.1.2 step 1: the signature is exactly k bytes.
		if (!key || !bits || signature.length !== Math.ceil(bits / 8)) return false;
		return verify('sha384', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, signature);
	} catch {
		return false;
	}
}
