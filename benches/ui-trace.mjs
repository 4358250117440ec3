// A performance trace of keystrokes (not a test: it prints what the time goes into). Run after
// scripts/build-web.sh:
//   node benches/ui-trace.mjs [keystrokes] [rate]
// In headless Chromium with the CPU throttled `rate` times (default 4: an old office PC), it
// records a DevTools trace (timeline and the V8 sampling profiler) over `keystrokes` keyboard
// edits of one slider (default 20), then prints, per keystroke: the main thread's time by kind of
// work (self time of the timeline's events: script and wasm, style, layout, paint, …) and the
// sampling profiler's top functions by self time (wasm functions by name where the build keeps
// the name section: `WASM_NAMES=1 scripts/build-web.sh`). The raw trace is written to
// target/ui-trace.json for chrome://tracing or the DevTools performance panel.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, openBrowser } from '../tests/e2e/helpers.mjs';

const KEYSTROKES = Number(process.argv[2] ?? 20);
const RATE = Number(process.argv[3] ?? 4);
const SLIDER = process.env.SLIDER ?? 'lines[2].inpatient.reimbursement_ratio';

const server = await startServer();
const browser = await openBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/');
  await page.waitForSelector('[data-testid="kpi-income"]');
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  const slider = `[data-testid="slider-${SLIDER}"]`;
  await page.focus(slider);
  // A few keystrokes first, so that the trace holds no first-time work.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(500);

  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink',
        'disabled-by-default-v8.cpu_profiler', 'v8',
      ],
    },
  });
  await page.evaluate(() => { window.__marks = []; });
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    // The next frame after the update, then a short pause, as a person's keystrokes have.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30))));
  }
  await page.waitForTimeout(200);
  await cdp.send('Tracing.end');
  await done;
  fs.mkdirSync('target', { recursive: true });
  fs.writeFileSync(path.join('target', 'ui-trace.json'), JSON.stringify({ traceEvents: events }));

  // The renderer's main thread.
  // The renderer's main thread: of the threads so named (one per renderer), the busiest.
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const count = (t) => events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ph === 'X').length;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);

  // Self time of complete events by name: a parent's time less its children's.
  const complete = onMain.filter((e) => e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of complete) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const perKey = (us) => `${(us / 1000 / KEYSTROKES).toFixed(2)} ms`;
  const total = [...self.values()].reduce((a, b) => a + Math.max(0, b), 0);
  console.log(`trace: ${KEYSTROKES} keystrokes on ${SLIDER}, CPU throttled ${RATE}x; main thread busy ${perKey(total)} a keystroke`);
  console.log('main thread, self time by kind of work, a keystroke:');
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${perKey(us).padStart(10)}  ${name}`);
  }

  // The sampling profiler: self time by function.
  const nodes = new Map();
  const samples = [];
  for (const e of events.filter((x) => x.name === 'ProfileChunk')) {
    const data = e.args?.data?.cpuProfile;
    for (const node of data?.nodes ?? []) nodes.set(node.id, node);
    const deltas = e.args?.data?.timeDeltas ?? [];
    (data?.samples ?? []).forEach((id, i) => samples.push({ id, dt: deltas[i] ?? 0 }));
  }
  const byFunction = new Map();
  for (const { id, dt } of samples) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const name = frame.functionName || `(${frame.url ? path.basename(frame.url) : 'program'})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
  }
  const sampled = [...byFunction.values()].reduce((a, b) => a + b, 0);
  console.log(`sampling profiler, top functions by self time (${(sampled / 1000).toFixed(0)} ms sampled):`);
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`  ${((100 * us) / sampled).toFixed(1).padStart(5)} %  ${perKey(us).padStart(10)}  ${name.slice(0, 110)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
