// A small round-robin HTTP proxy in front of several app processes (issue 17): what a load balancer does, with
// two test controls — `drain` (no new requests to one backend, then wait for its last to end) and `sendNextTo`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRoundRobinProxy(ports: number[]) {
	const inFlight = ports.map(() => 0);
	const drained = new Set<number>();
	let next = 0;
	let pinned: number | null = null;
	const agent = new http.Agent({ keepAlive: true });
	const server = http.createServer((req, res) => {
		let i = pinned ?? next++ % ports.length;
		pinned = null;
		while (drained.has(i)) i = next++ % ports.length;
		inFlight[i]++;
		const done = () => void (inFlight[i] = Math.max(0, inFlight[i] - 1));
		const upstream = http.request(
			{ host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers, agent },
			(up) => {
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
				up.on('end', done);
			}
		);
		upstream.on('error', () => {
			done();
			if (!res.headersSent) res.writeHead(502).end();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		async drain(i: number) {
			drained.add(i);
			while (inFlight[i] > 0) await sleep(10);
		},
		undrain: (i: number) => void drained.delete(i),
		/** The next request goes to backend i (then round-robin again). */
		sendNextTo: (i: number) => void (pinned = i),
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.close(() => resolve());
			})
	};
}
