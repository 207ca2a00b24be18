// The demo has public passwords: it listens on this machine only, unless HOST asks for more.
export const DEMO_DEFAULT_HOST = '127.0.0.1';

/** The address the demo server binds: HOST when set (e.g. `HOST=0.0.0.0` to show it on a LAN), else 127.0.0.1. */
export function pickDemoHost(env: Record<string, string | undefined>): string {
	const host = env.HOST?.trim();
	return host ? host : DEMO_DEFAULT_HOST;
}
