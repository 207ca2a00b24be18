// Sealing the answer sheet in the browser (docs/integrity.md step 7), loaded by dynamic import at submission:
// the canonical JSON of the checked sheet, sealed with HPKE to the counting committee's public key, with
// the campaign and the reporting cell as associated data. The server stores it and cannot read it.
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import type { SheetAnswers } from '$lib/domain/ballot';
import { fromBase64url, toBase64url } from '$lib/sealing/bytes';
import { KEY_BYTES, sealBytes, sealingFingerprint, sheetAad } from '$lib/sealing/hpke';

export type SealingKey = { publicKey: string; fingerprint: string };

/** Checks the key against its published fingerprint, then seals; base64url of enc ‖ ciphertext. */
export async function sealSheet(
	key: SealingKey,
	campaignId: number,
	cellId: number,
	sheet: SheetAnswers
): Promise<string> {
	const publicKey = fromBase64url(key.publicKey);
	if (!publicKey || publicKey.length !== KEY_BYTES || (await sealingFingerprint(publicKey)) !== key.fingerprint)
		throw new Error('sealing_key_invalid');
	const plaintext = new TextEncoder().encode(JSON.stringify(sheet));
	return toBase64url(await sealBytes(new DhkemX25519HkdfSha256(), publicKey, plaintext, sheetAad(campaignId, cellId)));
}
