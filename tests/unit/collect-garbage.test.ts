import { expect, it } from 'vitest';
import { collectGarbage } from '$lib/server/collect-garbage';

it('collects an object nothing refers to any more, on demand', async () => {
	const ref = (() => new WeakRef({ rows: new Array(1000).fill('Nguyễn Văn An') }))();
	// A WeakRef's target lives at least until the current job ends.
	await new Promise((resolve) => setTimeout(resolve, 0));
	collectGarbage();
	collectGarbage();
	expect(ref.deref()).toBeUndefined();
});
