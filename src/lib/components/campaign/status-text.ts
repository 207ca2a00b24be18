// The words of a campaign's status, shared by its overview and the home page's cards.
import { countdownOf } from '$lib/domain/campaign-next-steps';
import type { CampaignState } from '$lib/domain/campaign';
import { dayMonthYearText } from '$lib/domain/vietnam-time';
import type { Translate } from '$lib/i18n/translate';

/** "Còn 12 ngày (hết ngày 15/01/2027)", "Hôm nay là ngày cuối…", "Đã quá hạn…", "Đã đóng". */
export function countdownText(
	t: Translate,
	state: CampaignState,
	daysLeft: number | null,
	closesOn: string | null
): string {
	const c = countdownOf(state, daysLeft);
	const date = dayMonthYearText(closesOn);
	if (c.kind === 'daysLeft' || c.kind === 'overdue') return t(`campaign.status.${c.kind}`, { count: c.count, date });
	return t(`campaign.status.${c.kind}`, { date });
}
