// Moving focus to what just appeared (a list of problems, the receipt), so a screen reader reads it and
// a keyboard user starts from there.
import { tick } from 'svelte';

/** Focuses the element with this id once the pending state change has rendered. */
export async function focusWhenShown(id: string): Promise<void> {
	await tick();
	document.getElementById(id)?.focus();
}

/** Focuses the page's heading once the new step has rendered, as a page load would put the reader at its top. */
export async function focusHeadingWhenShown(): Promise<void> {
	await tick();
	const heading = document.querySelector<HTMLElement>('main h1');
	if (!heading) return;
	heading.tabIndex = -1;
	heading.focus();
}
