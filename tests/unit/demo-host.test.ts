import { describe, expect, it } from 'vitest';
import { pickDemoHost } from '../../src/cli/demo-host';

describe('the demo server address', () => {
	it('listens on this machine only unless HOST is set', () => {
		expect(pickDemoHost({})).toBe('127.0.0.1');
		expect(pickDemoHost({ HOST: '  ' })).toBe('127.0.0.1');
		expect(pickDemoHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
	});
});
