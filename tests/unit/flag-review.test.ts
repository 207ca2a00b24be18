import { describe, expect, it } from 'vitest';
import { canReviewFlags, flagIdentity, flagReviewSchema } from '$lib/domain/flag-review';

describe('flag identity and review input', () => {
	it('names a flag by its kind and sorted invitations, or its people when it has no link', () => {
		expect(flagIdentity({ kind: 'sameBrowser', invitationIds: [12, 3, 7], personIds: [1] })).toBe('sameBrowser:3,7,12');
		expect(flagIdentity({ kind: 'sameBrowser', invitationIds: [7, 12, 3], personIds: [9] })).toBe('sameBrowser:3,7,12');
		expect(flagIdentity({ kind: 'sharedContact', invitationIds: [], personIds: [5, 2] })).toBe('sharedContact:p2,5');
	});

	it('lets admins and auditors review, not organisers or analysts', () => {
		expect((['admin', 'auditor', 'organiser', 'analyst'] as const).map(canReviewFlags)).toEqual([
			true,
			true,
			false,
			false
		]);
	});

	it('wants a trimmed reason of 3 to 500 characters', () => {
		const parse = (reason: unknown) => flagReviewSchema.safeParse({ flagKey: 'ipBurst:1,2', reason });
		expect(parse('abc').success).toBe(true);
		expect(parse('x'.repeat(500)).success).toBe(true);
		for (const bad of ['ab', '  ab  ', 'x'.repeat(501), undefined]) {
			const r = parse(bad);
			expect(r.success).toBe(false);
			expect(r.error?.issues[0].message).toBe('flags.review.error.reason');
		}
	});
});
