import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { echoValues, parseForm } from '$lib/domain/form';

const schema = z.object({
	name: z.string().min(1, 'error.displayNameRequired'),
	year: z.coerce.number().int().min(2000, 'campaign.error.year')
});

describe('parseForm', () => {
	it('returns the parsed value and the typed values to refill the form', () => {
		const parsed = parseForm(schema, { name: 'Sở Nội vụ', year: '2026' });
		expect(parsed).toEqual({
			ok: true,
			value: { name: 'Sở Nội vụ', year: 2026 },
			values: { name: 'Sở Nội vụ', year: '2026' }
		});
	});

	it("refuses with each field's first problem as a catalog message, keeping what was typed", () => {
		const parsed = parseForm(schema, { name: '', year: '1999' });
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual({ name: { key: 'error.displayNameRequired' }, year: { key: 'campaign.error.year' } });
		expect(parsed.values).toEqual({ name: '', year: '1999' });
	});

	it('carries the parameters of a custom issue', () => {
		const withParams = z.string().superRefine((v, ctx) => {
			if (v.length > 3) ctx.addIssue({ code: 'custom', message: 'table.error.tooLarge', params: { maxMiB: 20 } });
		});
		const parsed = parseForm(z.object({ file: withParams }), { file: 'toolong' });
		expect(parsed.ok ? null : parsed.errors.file).toEqual({ key: 'table.error.tooLarge', params: { maxMiB: 20 } });
	});
});

describe('echoValues', () => {
	it('never sends a secret back, even a rejected one', () => {
		const values = echoValues({
			username: 'bichngoc',
			password: 'hunter2-hunter2',
			newPassword: 'x',
			passphrase: 'y',
			code: '123456',
			shareCode: 'ABCD',
			revisionCode: 'R',
			token: 't',
			scopeUnitCode: '51'
		});
		expect(values).toEqual({ username: 'bichngoc', scopeUnitCode: '51' });
	});

	it('echoes a field whose name only looks secret when the form keeps it, and cuts long text', () => {
		expect(echoValues({ code: 'CBCC' }, ['code'])).toEqual({ code: 'CBCC' });
		expect(echoValues({ note: 'a'.repeat(6000) }).note).toHaveLength(5000);
		expect(echoValues({ file: new Blob(['x']) })).toEqual({});
	});
});
