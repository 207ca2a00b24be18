// The respondent's steps move on without a whole new page: an enhanced post (send, verify, attest) reloads
// only the page's own data (`STEP_DEPENDENCY`), not the layout's texts, and the server renders no HTML
// (issue 16: the verify and attest posts re-rendered the whole page). Without JavaScript the forms post
// and redirect as before.
import { applyAction } from '$app/forms';
import { invalidate } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';
import { focusHeadingWhenShown } from './focus';
import { STEP_DEPENDENCY } from './step';

export const nextStep: SubmitFunction =
	() =>
	async ({ result, update }) => {
		if (result.type === 'redirect' && new URL(result.location, location.href).pathname === location.pathname) {
			await invalidate(STEP_DEPENDENCY);
			// The previous step's answer (e.g. "code sent") belongs to a step that is gone.
			await applyAction({ type: 'success', status: 200 });
			await focusHeadingWhenShown();
		} else if (result.type === 'success') {
			await invalidate(STEP_DEPENDENCY);
			await applyAction(result);
		} else await update();
	};
