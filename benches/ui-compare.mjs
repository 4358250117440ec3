// Compares the keystroke latency of several builds of the app in one run (not a test: it prints
// figures). This machine's timings drift by tens of per cent from one minute to the next, so a
// build measured alone and another measured later cannot be told apart; this interleaves them:
//   node benches/ui-compare.mjs DIR... (each a copy of dist/ from scripts/build-web.sh)
//   ROUNDS=3 node benches/ui-compare.mjs /tmp/before /tmp/after
// For each round and each folder, in headless Chromium with the CPU throttled 4× (RATE=…): 84
// keyboard edits over the 7 levers of benches/ui-latency.mjs, then 30 typed digits in the
// individual contribution, each from its input event to the DOM updated and to the next frame
// (benches/latency.mjs, as ui-latency.mjs). Compare the medians across rounds, not one run.
import { serve } from '../scripts/serve.mjs';
import { openBrowser } from '../tests/e2e/helpers.mjs';
import { instrument, quantile, keyboardEdits, typedDigits } from './latency.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 2);
const RATE = Number(process.env.RATE ?? 4);
const EDITS = 84;
const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node benches/ui-compare.mjs DIR... (copies of dist/)');
  process.exit(2);
}

const ms = (v) => v.toFixed(1).padStart(5);


async function run(root) {
  const server = await serve({ root, prefix: '/' });
  const browser = await openBrowser();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(instrument);
    await page.goto(server.origin + '/');
    await page.waitForSelector('[data-testid="kpi-income"]');
    await page.waitForTimeout(1500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    const { records: keys } = await keyboardEdits(page, EDITS);
    const typed = await typedDigits(page);
    const dom = keys.map((r) => r.dom - r.start);
    const frame = keys.map((r) => r.frame - r.start);
    const digits = typed.map((r) => r.frame - r.start);
    return `keyboard: DOM p50 ${ms(quantile(dom, 0.5))} p95 ${ms(quantile(dom, 0.95))}, frame p50 ${ms(quantile(frame, 0.5))} p95 ${ms(quantile(frame, 0.95))}; typed digit → frame p50 ${ms(quantile(digits, 0.5))} p95 ${ms(quantile(digits, 0.95))} (ms)`;
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log(`CPU throttled ${RATE}x, ${EDITS} keyboard edits and 30 typed digits a run, ${ROUNDS} round(s):`);
for (let round = 1; round <= ROUNDS; round++) {
  for (const dir of dirs) console.log(`round ${round}  ${dir.padEnd(16)}  ${await run(dir)}`);
}
