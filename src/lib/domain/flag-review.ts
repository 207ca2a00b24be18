// Reviews of proxy-completion flags. A flag is computed, not stored, so it is named by what makes it:
// its kind and the invitations behind it (sorted), which stay the same each time the flags are computed.
import { z } from 'zod';
import type { Role } from './roles';
import type { ProxyFlag } from './proxy-flag-kinds';

/** Roles that may mark a flag reviewed; organisers see their campaigns' flags but do not judge them. */
export const FLAG_REVIEW_ROLES: readonly Role[] = ['admin', 'auditor'];

export const canReviewFlags = (role: Role): boolean => FLAG_REVIEW_ROLES.includes(role);

/** The flag's stable key: `kind:id,id…`; a shared contact with no link yet is named by its people instead. */
export function flagIdentity(flag: Pick<ProxyFlag, 'kind' | 'invitationIds' | 'personIds'>): string {
	const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
	return flag.invitationIds.length > 0
		? `${flag.kind}:${sorted(flag.invitationIds)}`
		: `${flag.kind}:p${sorted(flag.personIds)}`;
}

export const FLAG_REASON_MIN = 3;
export const FLAG_REASON_MAX = 500;

export const flagReviewSchema = z.object({
	flagKey: z.string().trim().min(1, 'flags.review.error.unknown').max(4000, 'flags.review.error.unknown'),
	reason: z
		.string('flags.review.error.reason')
		.trim()
		.min(FLAG_REASON_MIN, 'flags.review.error.reason')
		.max(FLAG_REASON_MAX, 'flags.review.error.reason')
});
export type FlagReviewInput = z.output<typeof flagReviewSchema>;
