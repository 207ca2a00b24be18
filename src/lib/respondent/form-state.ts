// Browser side: read answers out of the questionnaire <form>, put a draft back into it, and keep
// drafts in localStorage (never on the server, docs/integrity.md step 5).
import { formToSheet, sheetToForm, validateSheet, type SheetAnswers } from '$lib/domain/ballot';
import type { Message } from '$lib/domain/message';
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { Translate } from '$lib/i18n/translate';

/** localStorage keys of one invitation's draft answers and of its unfinished submission. */
export const draftStorageKey = (draftKey: string) => `par:draft:${draftKey}`;
export const pendingStorageKey = (draftKey: string) => `par:pending:${draftKey}`;
export type Draft = { sheet: SheetAnswers; page: number };

export function collectSheet(form: HTMLFormElement): SheetAnswers {
	const entries: [string, string][] = [];
	for (const [name, value] of new FormData(form)) if (typeof value === 'string') entries.push([name, value]);
	return formToSheet(entries);
}

export function restoreSheet(form: HTMLFormElement, sheet: SheetAnswers): void {
	for (const [name, value] of sheetToForm(sheet)) {
		const fields = form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`);
		for (const field of fields) {
			if (field instanceof HTMLInputElement && field.type === 'radio') field.checked = field.value === value;
			else field.value = value;
		}
	}
}

/** localStorage may be missing or full (private mode, old phones): drafts are a convenience. */
export function readStored<T>(key: string): T | null {
	try {
		const raw = localStorage.getItem(key);
		return raw ? (JSON.parse(raw) as T) : null;
	} catch {
		return null;
	}
}

export function writeStored(key: string, value: unknown): boolean {
	try {
		localStorage.setItem(key, JSON.stringify(value));
		return true;
	} catch {
		return false;
	}
}

export function removeStored(key: string): void {
	try {
		localStorage.removeItem(key);
	} catch {
		/* nothing to remove */
	}
}

/** Validation messages name the rated unit, not its database id. */
export function describeErrors(
	t: Translate,
	errors: readonly Message[],
	units: { id: string; name: string }[]
): string[] {
	const names = new Map(units.map((u) => [u.id, u.name]));
	return errors.map((e) =>
		t(
			e.key,
			e.params && 'unitId' in e.params
				? { ...e.params, unitId: names.get(String(e.params.unitId)) ?? e.params.unitId }
				: e.params
		)
	);
}

/**
 * Our own checks before sending, not the browser's (a required question on a hidden page cannot show a
 * bubble): the sheet against its questionnaire, and the declaration box ticked.
 */
export function checkBeforeSubmit(
	t: Translate,
	form: HTMLFormElement,
	questionnaire: Questionnaire,
	units: { id: string; name: string }[]
): { ok: true; sheet: SheetAnswers } | { ok: false; problems: string[] } {
	const checked = validateSheet(
		questionnaire,
		units.map((u) => u.id),
		collectSheet(form)
	);
	const attested = new FormData(form).get('attest') === '1';
	if (checked.ok && attested) return { ok: true, sheet: checked.sheet };
	return {
		ok: false,
		problems: [
			...(checked.ok ? [] : describeErrors(t, checked.errors, units)),
			...(attested ? [] : [t('answer.error.attest')])
		]
	};
}
