import { readFileSync } from 'node:fs';
import { readTable } from '$lib/server/files/tabular-file';
import { createRosterValidator } from '$lib/domain/roster';
const buf = readFileSync(process.argv[2]);
const live = () => { globalThis.gc!(); const m = process.memoryUsage(); return `rss ${(m.rss/2**20).toFixed(0)} live heap ${(m.heapUsed/2**20).toFixed(0)} total ${(m.heapTotal/2**20).toFixed(0)}`; };
let peak = 0; setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10).unref();
console.log('start', live());
const units = new Set(Array.from({ length: 200 }, (_, i) => String(21000 + i)));
const v = createRosterValidator({ unitCodes: units, groups: [{ id: 1, code: 'CBCC', name: 'Cán bộ' }], maxIssues: 300 });
let n = 0;
const t0 = performance.now();
for await (const r of readTable(buf)) { v.push(r); n++; if (process.argv[3] && (n === 2 || n === 100001)) console.log(n, live()); }
const rep = v.finish();
console.log('finished', ((performance.now()-t0)/1000).toFixed(1), 's', live(), 'peak', (peak/2**20).toFixed(0));
(rep as any).people = null;
console.log('people dropped', live());
