// The form that ends one of a person's other sessions names it by its opaque handle (32 hex digits).
import { z } from 'zod';

export const endSessionSchema = z.object({
	handle: z.preprocess(
		(v) => (typeof v === 'string' ? v : ''),
		z.string().regex(/^[0-9a-f]{32}$/, 'account.sessionNotFound')
	)
});
