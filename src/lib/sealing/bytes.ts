// Byte helpers shared by the browser and the server (WebCrypto and base64url only).
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

export async function sha256Bytes(data: Uint8Array): Promise<Uint8Array> {
	return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
}

export const toBase64url = (bytes: Uint8Array) => encodeBase64urlNoPadding(bytes);

export function fromBase64url(text: string): Uint8Array | null {
	try {
		return decodeBase64urlIgnorePadding(text);
	} catch {
		return null;
	}
}

/** A CSPRNG shuffle (Fisher–Yates with rejection sampling, so every order is equally likely). */
export function shuffleInPlace<T>(items: T[]): T[] {
	const word = new Uint32Array(1);
	for (let i = items.length - 1; i > 0; i--) {
		const bound = i + 1;
		const limit = Math.floor(0x1_0000_0000 / bound) * bound;
		let r: number;
		do r = crypto.getRandomValues(word)[0];
		while (r >= limit);
		const j = r % bound;
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}
