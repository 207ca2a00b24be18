// TOTP recovery codes (issue 15, item 11): 12 characters of a 32-letter alphabet (60 bits), shown in
// groups of four. Letters that are easy to confuse (l, o, 0, 1) are left out; typing is forgiving.
export const RECOVERY_CODE_COUNT = 10;
/** At or below this many unused codes the owner is urged to make a new set. */
export const RECOVERY_CODES_LOW = 3;
export const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const LENGTH = 12;

/** A code from 12 random bytes (5 bits of each): `xxxx-xxxx-xxxx`. */
export function recoveryCodeFrom(bytes: Uint8Array): string {
	if (bytes.length < LENGTH) throw new Error('recoveryCodeFrom needs 12 bytes');
	const letters = Array.from(bytes.subarray(0, LENGTH), (b) => RECOVERY_ALPHABET[b & 31]).join('');
	return letters.replace(/(.{4})(?=.)/g, '$1-');
}

/** The code as stored (12 lowercase letters), whatever the spacing, dashes or case typed; null if not one. */
export function normalizeRecoveryCode(typed: string): string | null {
	const letters = typed.toLowerCase().replace(/[\s-]/g, '');
	if (letters.length !== LENGTH) return null;
	return [...letters].every((c) => RECOVERY_ALPHABET.includes(c)) ? letters : null;
}

/** True when the typed text has the shape of a recovery code rather than a six-digit TOTP. */
export function looksLikeRecoveryCode(typed: string): boolean {
	return normalizeRecoveryCode(typed) !== null;
}

/** The downloadable .txt: who, when, the codes, and how to use them (Vietnamese first). */
export function recoveryCodesText(codes: readonly string[], username: string, madeOn: string): string {
	return [
		`PAR Survey — mã khôi phục xác thực hai lớp / two-factor recovery codes`,
		`Tài khoản / account: ${username}`,
		`Tạo ngày / made on: ${madeOn}`,
		'',
		...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
		'',
		'Mỗi mã chỉ dùng được một lần, thay cho mã 6 số khi không có điện thoại.',
		'Each code works once, instead of the 6-digit code when you do not have your phone.',
		'Cất tệp này ở nơi an toàn, tách khỏi điện thoại. / Keep this file safe, away from your phone.',
		''
	].join('\r\n');
}
