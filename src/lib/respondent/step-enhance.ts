// The respondent's steps move on without a whole new page: an enhanced post (send, verify, attest) reloads
// only the page's own data (`STEP_DEPENDENCY`), not the layout's texts, and the server renders no HTML
// (issue 16: the verify and attest posts re-rendered the whole page). Without JavaScript the forms post
// and redirect as before.
import { tick } from 'svelte';
import { applyAction } from '$app/forms';
import { invalidate } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';
import { STEP_DEPENDENCY } from './step';

/** Focus on the new step's heading, as a page load would put the reader at its top. */
function focusHeading() {
	const heading = document.querySelector<HTMLElement>('main h1');
	if (!heading) return;
	heading.tabIndex = -1;
	heading.focus();
}

export const nextStep: SubmitFunction =
	() =>
	async ({ result, update }) => {
		if (result.type === 'redirect' && new URL(result.location, location.href).pathname === location.pathname) {
			await invalidate(STEP_DEPENDENCY);
			// The previous step's answer (e.g. "code sent") belongs to a step that is gone.
			await applyAction({ type: 'success', status: 200 });
			await tick();
			focusHeading();
		} else if (result.type === 'success') {
			await invalidate(STEP_DEPENDENCY);
			await applyAction(result);
		} else await update();
	};
