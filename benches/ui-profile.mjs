// Where a keystroke's script time goes, function by function (not a test: it prints figures).
// Run after `WASM_NAMES=1 scripts/build-web.sh` (a build that keeps the wasm functions' names):
//   node benches/ui-profile.mjs [rate]            keyboard edits of the latency runs' levers (default rate 4)
//   TYPED=1 node benches/ui-profile.mjs [rate]    digits typed into the individual contribution
//   GREP='ncms_web|reconcile' node benches/ui-profile.mjs   only the functions that match
// In headless Chromium, V8's sampling profiler (the DevTools Profiler domain: the page's own
// thread, not the compute worker's) over 40 keyboard edits or 30 typed digits, then per
// keystroke: the top functions by self time, and by inclusive time (the component renders, the
// reducer, Yew's diff). benches/ui-trace.mjs gives the same keystrokes by kind of browser work
// (script, style, layout, paint).
import { startServer, openBrowser } from '../tests/e2e/helpers.mjs';
import { LEVERS } from './latency.mjs';
const rate = Number(process.argv[2] ?? 4);
const server = await startServer();
try {
  const browser = await openBrowser();
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/');
  await page.waitForSelector('[data-testid="kpi-income"]');
  await page.waitForTimeout(4000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const all = await page.$$eval('[data-testid^="slider-"]', (els) => els.map((e) => e.dataset.testid));
  const controls = [...new Set(LEVERS.map((w) => all.find((id) => id.includes(w))).filter(Boolean))];
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const box = '[data-testid="input-financing.individual"]';
  const N = process.env.TYPED ? 30 : 40;
  if (process.env.TYPED) {
    for (let i = 0; i < 10; i++) {
      await page.fill(box, '1');
      await page.waitForTimeout(150);
      await page.focus(box);
      await page.keyboard.press('End');
      for (const key of ['5', String(i % 10), '0']) { await page.keyboard.press(key); await page.waitForTimeout(60); }
    }
  } else {
    for (let i = 0; i < N; i++) {
      await page.focus(`[data-testid="${controls[i % controls.length]}"]`);
      await page.keyboard.press(Math.floor(i / controls.length) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await page.waitForTimeout(60);
    }
  }
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map(), total = new Map();
  let sum = 0;
  profile.samples.forEach((s, i) => {
    const dt = profile.timeDeltas[i] / 1000; sum += dt;
    const name = (id) => { const f = nodes.get(id).callFrame; return f.functionName || `(${f.url.split('/').pop()})`; };
    self.set(name(s), (self.get(name(s)) ?? 0) + dt);
    const seen = new Set();
    for (let id = s; id !== undefined; id = parent.get(id)) { const n = name(id); if (!seen.has(n)) { seen.add(n); total.set(n, (total.get(n) ?? 0) + dt); } }
  });
  const busy = sum - (self.get('(idle)') ?? 0);
  console.log(`page thread busy ${(busy / N).toFixed(2)} ms a keystroke at ${rate}x (script, the browser's work and the profiler's own; the waits between keystrokes excluded)`);
  console.log('--- self');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / N).toFixed(2).padStart(7)}  ${k.slice(0, 140)}`);
  console.log('--- total (inclusive)');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).filter(([k]) => !process.env.GREP || new RegExp(process.env.GREP).test(k)).slice(0, 60)) console.log(`${(v / N).toFixed(2).padStart(7)}  ${k.slice(0, 140)}`);
  await browser.close();
} finally { await server.close(); }
