// Moving focus to what just appeared (a list of problems, the receipt), so a screen reader reads it and
// a keyboard user starts from there.
import { tick } from 'svelte';

/** Focuses the element with this id once the pending state change has rendered. */
export async function focusWhenShown(id: string): Promise<void> {
	await tick();
	document.getElementById(id)?.focus();
}
