// UI latency benchmark (not a test: it prints figures). Run after scripts/build-web.sh:
//   node benches/ui-latency.mjs [edits]
// In headless Chromium, at least 100 keyboard edits across several sliders; for each, from the
// input event's timestamp to (1) the DOM updated (first MutationObserver callback after the
// event: Yew renders every panel in one pass) and (2) the next animation frame after that.
// Also prints the release wasm size (raw and gzip) and the cold load time (navigation start to
// the first results in the DOM). Each throttling rate runs twice: with the answers' default tab
// (the one-click questions) and with the tornado chosen; both recompute once typing pauses (and
// only while in view: the run scrolls back to them to wait for them), as
// one task: the engine's time in it (the panel's data-compute-ms) and the longest task (the Long
// Tasks API, tasks over 50 ms) are printed over five pauses.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, openBrowser, DIST } from '../tests/e2e/helpers.mjs';
import { instrument, quantile, keyboardEdits, typedDigits } from './latency.mjs';

const EDITS = Math.max(100, Number(process.argv[2] ?? 120));

const ms = (v) => `${v.toFixed(2)} ms`;

/** Waits until the answers tab `tab` shows answers for the current plan (each question its own).
 * The answers compute only in view, and the panels above them grow as their figures come: the
 * wait keeps them in view, as an official looking at them would. */
async function ready(page, tab) {
  await page.waitForFunction((t) => {
    const answers = document.querySelector('section.answers');
    if (answers?.dataset.inView === 'false') answers.scrollIntoView({ block: 'nearest' });
    const panel = document.querySelector(`[data-testid="${t}-panel"]`);
    if (!panel) return false;
    const parts = panel.dataset.ready !== undefined ? [panel] : [...panel.querySelectorAll('[data-ready]')];
    return parts.length > 0 && parts.every((p) => p.dataset.ready === 'true');
  }, tab, { timeout: 60000 });
}


const server = await startServer();
try {
  // Cold loads: a new profile each time, so nothing is cached.
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const browser = await openBrowser();
    const page = await browser.context.newPage();
    await page.addInitScript(instrument);
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => window.__firstResults !== undefined);
    loads.push(await page.evaluate(() => window.__firstResults));
    await browser.close();
  }

  // Keyboard edits on sliders, then typed digits in a number box, unthrottled and with the CPU
  // slowed four times (Chromium's throttling: an old office PC).
  async function run(rate, tab) {
    const browser = await openBrowser();
    const page = await browser.context.newPage();
    await page.addInitScript(instrument);
    await page.goto(server.origin + '/');
    await page.waitForSelector('[data-testid="kpi-income"]');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.click(`[data-testid="answers-${tab}"]`);
    await ready(page, tab);
    const { controls, records: sliders } = await keyboardEdits(page, EDITS);
    // Whether the answers were on screen while the levers were edited (they compute only then).
    const inView = await page.getAttribute('section.answers', 'data-in-view');
    // Typed digits: 30 keystrokes into the individual contribution (each one an edit).
    const typed = await typedDigits(page);
    // Pauses: one edit, then the answers recompute; the longest task of each pause.
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => window.__long.push(...list.getEntries().map((e) => e.duration)))
        .observe({ type: 'longtask' });
    });
    const pauses = [];
    for (let i = 0; i < 5; i++) {
      await page.focus(`[data-testid="${controls[0]}"]`);
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await page.waitForTimeout(200);
      await ready(page, tab);
      await page.waitForTimeout(300);
      pauses.push({
        longest: Math.max(0, ...await page.evaluate(() => window.__long.splice(0))),
        compute: await page.evaluate((t) => [...document.querySelectorAll(`[data-testid="${t}-panel"], [data-testid="${t}-panel"] [data-compute-ms]`)]
          .reduce((sum, e) => sum + Number(e.dataset.computeMs ?? 0), 0), tab),
      });
    }
    await browser.close();
    return { sliders, typed, pauses, inView };
  }
  for (const [rate, tab] of [[1, 'questions'], [1, 'tornado'], [4, 'questions'], [4, 'tornado']]) {
    const { sliders, typed, pauses, inView } = await run(rate, tab);
    const label = `${rate === 1 ? 'unthrottled' : `CPU throttled ${rate}x`}, ${tab} tab`;
    console.log(`[${label}] the answers in view while the levers were edited: ${inView}`);
    const dom = sliders.map((r) => r.dom - r.start);
    const frame = sliders.map((r) => r.frame - r.start);
    const digits = typed.map((r) => r.frame - r.start);
    console.log(`[${label}] keyboard edits: ${sliders.length}`);
    console.log(`[${label}] input -> DOM updated:   p50 ${ms(quantile(dom, 0.5))}  p95 ${ms(quantile(dom, 0.95))}  max ${ms(Math.max(...dom))}`);
    console.log(`[${label}] input -> next frame:    p50 ${ms(quantile(frame, 0.5))}  p95 ${ms(quantile(frame, 0.95))}  max ${ms(Math.max(...frame))}`);
    console.log(`[${label}] typed digit -> frame:   p50 ${ms(quantile(digits, 0.5))}  p95 ${ms(quantile(digits, 0.95))}  (${digits.length} keystrokes)`);
    const nodes = sliders.map((r) => r.nodes);
    const mutations = sliders.map((r) => r.mutations);
    console.log(`[${label}] DOM per keyboard edit:  nodes touched p50 ${quantile(nodes, 0.5)}  p95 ${quantile(nodes, 0.95)}; mutation records p50 ${quantile(mutations, 0.5)}  p95 ${quantile(mutations, 0.95)}`);
    const compute = pauses.map((p) => p.compute);
    const longest = pauses.map((p) => p.longest);
    console.log(`[${label}] answers recomputed after a pause: engine ${ms(quantile(compute, 0.5))} median, ${ms(Math.max(...compute))} max; longest task ${ms(Math.max(...longest))} (0: none over 50 ms)`);
  }
  for (const f of fs.readdirSync(DIST).filter((n) => n.endsWith('.wasm'))) {
    const raw = fs.readFileSync(path.join(DIST, f));
    const gz = zlib.gzipSync(raw, { level: 9 });
    console.log(`wasm ${f}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gz.length / 1024).toFixed(1)} KB gzip`);
  }
  console.log(`cold load (navigation start -> first results), ${loads.length} fresh profiles: median ${ms(quantile(loads, 0.5))}, max ${ms(Math.max(...loads))}`);
} finally {
  await server.close();
}
