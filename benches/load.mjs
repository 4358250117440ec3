// Load benchmark on a slow line (not a test: it prints figures). Run after scripts/build-web.sh:
//   node benches/load.mjs [runs]          (or UI=1 scripts/bench.sh)
// Headless Chromium with a cold cache (a new profile each run) behind Chromium's network
// emulation, Fast 3G as issue 9 defines it: 150 ms latency, 1.6 Mbps down, 750 kbps up. The app
// is served by scripts/serve.mjs three times over: brotli, gzip, and uncompressed. For each it
// prints the median over the runs of
//   - first contentful paint (the loading message is the page's first content),
//   - first results (navigation start to the first figures in the DOM),
//   - the bytes the page transferred until then (encoded, headers included, from the browser),
//   - the bytes the server sent in all, the service worker's precaching after the load included;
// then the first paint of a one-line page on the same line (the machine's floor), and a repeat
// visit in the same profile (the service worker serving the app from its cache).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../scripts/serve.mjs';
import { openBrowser, DIST } from '../tests/e2e/helpers.mjs';

const RUNS = Math.max(1, Number(process.argv[2] ?? 3));
const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8),
  uploadThroughput: (750e3 / 8),
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// In the page: the time the first figures appear, against navigation start.
function instrument() {
  window.__firstResults = undefined;
  const seen = new MutationObserver(() => {
    if (window.__firstResults === undefined && document.querySelector('[data-testid="kpi-income"]')) {
      window.__firstResults = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document, { subtree: true, childList: true });
}

async function visit(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  let transferred = 0;
  cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstResults !== undefined, null, { timeout: 60_000 });
  const bytes = transferred;
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    results: window.__firstResults,
  }));
  return { page, cdp, ...timing, bytes };
}

// The floor on this machine: the first paint of a one-line page over the same emulated line
// (a busy CPU shows here, not in the app's figures alone).
async function floor() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncms-floor-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>-</title><p>正在加载 Loading');
  const server = await serve({ root: dir });
  const paints = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const browser = await openBrowser();
      try {
        const page = await browser.context.newPage();
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', FAST_3G);
        await page.goto(server.url);
        await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
        paints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return median(paints);
}

const variants = [['br', ['br', 'gzip']], ['gzip', ['gzip']], ['none', []]];
const rows = [];
for (const [name, encodings] of variants) {
  let served = 0;
  const server = await serve({ root: DIST, encodings, onServe: ({ bytes }) => { served += bytes; } });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      served = 0;
      const browser = await openBrowser();
      try {
        const first = await visit(browser.context, server.url);
        // Let the service worker install (it precaches what is not yet in the HTTP cache).
        await first.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
        await first.page.waitForTimeout(300);
        const servedFirst = served;
        await first.page.close();
        served = 0;
        const again = await visit(browser.context, server.url);
        runs.push({ fcp: first.fcp, results: first.results, bytes: first.bytes, served: servedFirst,
          againFcp: again.fcp, againResults: again.results, againBytes: again.bytes, againServed: served });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const m = (key) => median(runs.map((r) => r[key]));
  rows.push({ name, fcp: m('fcp'), results: m('results'), bytes: m('bytes'), served: m('served'),
    againFcp: m('againFcp'), againResults: m('againResults'), againBytes: m('againBytes'), againServed: m('againServed') });
}

console.log(`load on Fast 3G (150 ms, 1.6 Mbps down, 750 kbps up), cold cache, median of ${RUNS}:`);
console.log('encoding  loading message (FCP)  first results  page bytes  server bytes (with precache)');
for (const r of rows) {
  console.log(`${r.name.padEnd(8)}  ${`${r.fcp.toFixed(0)} ms`.padStart(21)}  ${`${r.results.toFixed(0)} ms`.padStart(13)}  ${kb(r.bytes).padStart(10)}  ${kb(r.served).padStart(10)}`);
}
console.log(`reference: a one-line page, first paint ${(await floor()).toFixed(0)} ms (this machine's floor)`);
console.log('repeat visit (service worker cache), same line:');
for (const r of rows) {
  console.log(`${r.name.padEnd(8)}  ${`${r.againFcp.toFixed(0)} ms`.padStart(21)}  ${`${r.againResults.toFixed(0)} ms`.padStart(13)}  ${kb(r.againBytes).padStart(10)}  ${kb(r.againServed).padStart(10)}`);
}
for (const f of fs.readdirSync(DIST).filter((n) => n.endsWith('.wasm'))) {
  const size = (name) => (fs.existsSync(path.join(DIST, name)) ? kb(fs.statSync(path.join(DIST, name)).size) : '-');
  console.log(`wasm ${f}: ${size(f)} raw, ${size(`${f}.gz`)} gzip, ${size(`${f}.br`)} br`);
}
