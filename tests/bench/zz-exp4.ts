import { readFileSync } from 'node:fs';
import { readTable } from '$lib/server/files/tabular-file';
const buf = readFileSync(process.argv[2]);
const delay = Number(process.argv[3] ?? 0);
const m = () => { const u = process.memoryUsage(); return `rss ${(u.rss/2**20).toFixed(0)} heap ${(u.heapUsed/2**20).toFixed(0)}/${(u.heapTotal/2**20).toFixed(0)} ext ${(u.external/2**20).toFixed(0)}`; };
let peak = 0; setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10).unref();
let n = 0;
for await (const r of readTable(buf)) { n++; if (delay && n % 1000 === 0) await new Promise(r => setTimeout(r, delay)); if (n % 25000 === 0) console.log(n, m()); }
console.log('peak', (peak/2**20).toFixed(0));
