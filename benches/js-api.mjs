// The JS API's `simulate` in WebAssembly (Node, the tools module's `compute` profile: opt-level 3, panic
// abort): read and validate the Taizhou 2013 plan, compare its proposal with the baseline over
// five years and hand the comparison to JavaScript. The same work natively is criterion's
// `api/taizhou-2013-plan`; give its median in µs as NATIVE_US (scripts/bench.sh does) to print
// the ratio. Needs `scripts/build-js-api.sh` first.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const api = createRequire(import.meta.url)(`${root}target/js-api/ncms_sim.js`);
const json = readFileSync(`${root}scenarios/taizhou-2013-plan.json`, 'utf8');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Warm up (the wasm compiles in tiers), then batches of calls, the median per call.
for (let i = 0; i < 2000; i++) api.simulate(json);
const batches = [];
for (let b = 0; b < 30; b++) {
  const n = 200;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) api.simulate(json);
  batches.push(Number(process.hrtime.bigint() - t0) / 1000 / n);
}
const wasm = median(batches);
console.log(`js-api/simulate taizhou-2013-plan (parse + compare + to JS) in wasm: median ${wasm.toFixed(1)} µs`);
const native = Number(process.env.NATIVE_US);
if (native > 0) {
  console.log(`  natively (criterion api/): ${native.toFixed(1)} µs; wasm / native = ${(wasm / native).toFixed(2)}`);
}
