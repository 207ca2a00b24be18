// Reading an imported JSON document: its size, its syntax, and zod's issues turned into keyed problems
// that point at the offending value (shared by frameworks and questionnaires).
import type { z } from 'zod';
import { formatPath, IMPORT_MAX_CHARS, type ImportResult, type Problem, type ProblemParams } from './framework-model';
import type { MessageKey } from './message';

const EXPECTED_KEYS: Record<string, MessageKey> = {
	string: 'jsonImport.expectedText',
	number: 'jsonImport.expectedNumber',
	boolean: 'jsonImport.expectedBoolean',
	array: 'jsonImport.expectedList',
	object: 'jsonImport.expectedObject'
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let node = input;
	for (const seg of path) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<PropertyKey, unknown>)[seg];
	}
	return node;
}

/** Turns zod issues into keyed problems, each with the JSON path of the offending value. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
	const out: Problem[] = [];
	const seen = new Set<string>();
	const add = (key: MessageKey, path: readonly PropertyKey[], extra: ProblemParams = {}) => {
		const params = { path: formatPath(path), ...extra };
		const id = `${key} ${params.path}`;
		if (seen.has(id)) return;
		seen.add(id);
		out.push({ key, params });
	};
	for (const issue of issues) {
		// Our schemas' own messages are jsonImport.* catalog keys (the i18n test checks each exists).
		if (issue.message.startsWith('jsonImport.')) add(issue.message as MessageKey, issue.path);
		else if (issue.code === 'unrecognized_keys')
			for (const key of issue.keys) add('jsonImport.unknownKey', [...issue.path, key]);
		else if (issue.code === 'invalid_type')
			add(
				valueAt(input, issue.path) === undefined
					? 'jsonImport.missing'
					: (EXPECTED_KEYS[issue.expected] ?? 'jsonImport.invalid'),
				issue.path
			);
		else if (issue.code === 'too_big' && issue.origin === 'string')
			add('jsonImport.textTooLong', issue.path, { max: Number(issue.maximum) });
		else if (issue.code === 'too_big' && issue.origin === 'array')
			add('jsonImport.tooMany', issue.path, { max: Number(issue.maximum) });
		else add('jsonImport.invalid', issue.path);
	}
	return out;
}

/** Parses JSON text and validates it; never throws. */
export function importJson<T>(json: string, parse: (data: unknown) => ImportResult<T>): ImportResult<T> {
	if (json.length > IMPORT_MAX_CHARS) {
		return { ok: false, errors: [{ key: 'jsonImport.tooLarge', params: { max: IMPORT_MAX_CHARS } }] };
	}
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		return { ok: false, errors: [{ key: 'jsonImport.invalidJson', params: {} }] };
	}
	return parse(data);
}
