import { parseArgs } from 'node:util';
import { intakeAccept, intakeAcceptNormal, storeSizePer100k } from './intake.bench.js';
import { noticeBenchmarks } from './notices.bench.js';
import { searchCaseNumber, searchIdNumber } from './search.bench.js';
import { scanPage } from './scan.bench.js';
import { storeInsertCommit } from './store.bench.js';
import { syncCentral } from './sync.bench.js';
import { syncRecovery } from './recovery.bench.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * `npm run bench` prints a table; `-- --json` prints one JSON object per line per result;
 * `-- --only NAME` runs the benchmarks whose name starts with NAME.
 */
const benchmarks: Benchmark[] = [storeInsertCommit, intakeAccept, intakeAcceptNormal, storeSizePer100k, searchCaseNumber, searchIdNumber, ...noticeBenchmarks, scanPage, syncCentral, syncRecovery];

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' } } });
const chosen = benchmarks.filter((b) => !values.only || b.name === values.only || b.name.startsWith(`${values.only}.`) || b.name.startsWith(values.only));
if (chosen.length === 0) {
  console.error(`No benchmark named "${values.only}". Known: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const fmt = (v: number | undefined): string => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const results: BenchResult[] = [];
for (const b of chosen) {
  if (!values.json) console.error(`running ${b.name}: ${b.description}…`);
  for (const r of await b.run()) {
    results.push(r);
    if (values.json) console.log(JSON.stringify(r));
  }
}

if (!values.json) {
  const rows = [['benchmark', 'unit', 'median', 'p99', 'n', 'baseline', 'ratio', 'target', 'extra']];
  for (const r of results) {
    const extra = r.extra ? Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    rows.push([r.name, r.unit, fmt(r.median), fmt(r.p99), String(r.n), fmt(r.baseline), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.target ?? '', extra]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd());
}
