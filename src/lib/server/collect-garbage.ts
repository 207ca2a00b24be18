// A full garbage collection on demand, obtained as jest's leak detector does (the flag is on only while a
// fresh context picks up `gc`). For the few places that make much short-lived garbage around a large live set.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
	if (!gc) {
		const exposed = (globalThis as { gc?: () => void }).gc;
		if (exposed) gc = exposed;
		else {
			setFlagsFromString('--expose-gc');
			gc = runInNewContext('gc') as () => void;
			setFlagsFromString('--no-expose-gc');
		}
	}
	gc();
}
