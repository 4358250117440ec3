// An old PC on a slow line (issue 9, section 5): (a) after a first visit the app opens and
// computes offline, served under a sub-path, and a new build replaces the cached one; (b) the
// server sends the precompressed wasm (br or gzip) with the right headers and the page stays
// clean; (c) a loading message is in the HTML before the wasm runs and is gone once results show,
// and a failed or impossible start is said; (d) the web app manifest is linked, parses and makes
// the app installable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  startServer, openBrowser, newWatchedPage, openApp, figures, typeInto, DIST, ARTIFACTS,
} from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

/** A GET without any decoding: { status, headers, body }. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const wasmName = () => fs.readdirSync(DIST).find((f) => f.endsWith('.wasm'));

/** Runs `body(browser, server)` with a fresh profile and its own server, then closes both. */
async function withBrowser(options, body) {
  const server = await startServer(options);
  const browser = await openBrowser();
  try {
    await body(browser, server);
  } finally {
    await browser.close();
    await server.close();
  }
}

test('after a first visit the app opens and computes offline, under a sub-path', async () => {
  await withBrowser({ prefix: '/tools/ncms/' }, async (browser, server) => {
    const { page, watch } = await newWatchedPage(browser.context);
    await openApp(page, server.url);
    const online = await figures(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.url, 'the service worker is scoped to the app\'s own path');
    // A file the app fetches on demand (not precached) is kept once fetched by a served page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const onDemand = 'icon-192.png';
    assert.equal(await page.evaluate((f) => fetch(f).then((r) => r.status), onDemand), 200);

    // The line drops, and the server is gone too: nothing can come from the network.
    await browser.context.setOffline(true);
    await server.close();
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page comes from the service worker');
    await page.waitForSelector('[data-testid="kpi-income"]');
    assert.deepEqual(await figures(page), online, 'the same figures offline');
    // And it computes: an edit moves the income.
    await typeInto(page, 'financing.individual', '200');
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="kpi-income"]')?.dataset.value !== before,
      online['kpi-income'],
    );
    assert.equal(await page.evaluate((f) => fetch(f).then((r) => r.status), onDemand), 200, 'on-demand file offline');
    watch.assertClean(server.origin, assert);

    // A new tab, on the page's other name, opens offline too.
    const { page: other, watch: otherWatch } = await newWatchedPage(browser.context);
    await openApp(other, server.url + 'index.html');
    otherWatch.assertClean(server.origin, assert);
  });
});

test('a new build replaces the cached one: the visit after its worker took over runs it', async () => {
  // A copy of dist/ that becomes "the next build": another page and another worker version.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ncms-dist-'));
  fs.cpSync(DIST, copy, { recursive: true });
  const server = await serve({ root: copy });
  const browser = await openBrowser();
  try {
    const { page, watch } = await newWatchedPage(browser.context);
    await openApp(page, server.url);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const cachesOf = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('ncms-')));
    const [first] = await cachesOf();

    for (const f of ['index.html', 'sw.js']) {
      for (const variant of ['.br', '.gz']) fs.rmSync(path.join(copy, f + variant), { force: true });
    }
    const index = path.join(copy, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<head>', '<head><meta name="ncms-build" content="next">'));
    const sw = path.join(copy, 'sw.js');
    fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/"version":"([0-9a-f]+)"/, '"version":"$1next"'));

    // This visit still runs the cached build, and finds the new worker, which takes over.
    await page.addInitScript(() => {
      navigator.serviceWorker.addEventListener('controllerchange', () => { window.__newWorker = true; });
    });
    await page.reload();
    await page.waitForSelector('[data-testid="kpi-income"]');
    assert.equal(await page.locator('meta[name="ncms-build"]').count(), 0, 'cache first');
    await page.waitForFunction(() => window.__newWorker === true);
    // The next visit runs the new build; the old cache is kept for one build only.
    await openApp(page, server.url);
    assert.equal(await page.locator('meta[name="ncms-build"]').count(), 1, 'the new build');
    assert.deepEqual((await cachesOf()).sort(), [first, `${first}next`].sort());
    watch.assertClean(server.origin, assert);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test('the server sends the wasm precompressed (br, gzip) with the right headers; the page stays clean', async () => {
  await withBrowser({}, async (browser, server) => {
    const { page, watch } = await newWatchedPage(browser.context);
    const seen = new Map();
    page.on('response', (r) => seen.set(new URL(r.url()).pathname, r));
    await openApp(page, server.url);
    const wasm = seen.get(`/${wasmName()}`);
    assert.ok(wasm, 'the page fetched the wasm');
    const headers = await wasm.allHeaders();
    const asked = (await wasm.request().allHeaders())['accept-encoding'] ?? '';
    const preferred = /\bbr\b/.test(asked) ? 'br' : 'gzip';
    assert.equal(headers['content-encoding'], preferred, `the browser asked for "${asked}"`);
    assert.equal(headers['content-type'], 'application/wasm');
    assert.match(headers.vary, /accept-encoding/i);
    assert.match(headers['cache-control'], /immutable/, 'hashed names are cached for good');
    const index = await seen.get('/').allHeaders();
    assert.equal(index['cache-control'], 'no-cache', 'the page is revalidated');
    watch.assertClean(server.origin, assert);

    // Byte for byte: each variant decodes to the file; a client without br gets gzip, one
    // without either gets the file.
    const url = server.url + wasmName();
    const raw = fs.readFileSync(path.join(DIST, wasmName()));
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(br.body.length < raw.length * 0.5, `br is ${br.body.length} of ${raw.length} bytes`);
    assert.deepEqual(zlib.brotliDecompressSync(br.body), raw);
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(gz.body), raw);
    const plain = await get(url, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, raw);
    const refused = await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined, 'q=0 refuses an encoding');
    // Nothing outside dist/.
    for (const bad of ['/..%2fREADME.md', '/%2e%2e/Cargo.toml', '/../Cargo.toml']) {
      const res = await get(server.origin + bad);
      assert.ok(res.status === 403 || res.status === 404, `${bad}: ${res.status}`);
    }
  });
});

test('the loading message is in the page before the wasm runs and goes when results show', async () => {
  await withBrowser({}, async (browser, server) => {
    // In the HTML itself, in both languages, before any script.
    const html = (await get(server.url)).body.toString('utf8');
    const message = html.indexOf('class="loading-now"');
    assert.ok(message > 0, 'the loading message is in index.html');
    assert.match(html, /正在加载/);
    assert.match(html, /Loading, please wait/);

    // Held at the wasm: the message shows; released: the results replace it.
    const { page, watch } = await newWatchedPage(browser.context);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(server.url);
    const now = page.locator('.loading-now');
    await now.waitFor({ state: 'visible' });
    assert.match(await now.innerText(), /正在加载[\s\S]*Loading/);
    assert.equal(await page.locator('[data-testid="kpi-income"]').count(), 0, 'no results yet');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'loading.png') });
    release();
    await page.waitForSelector('[data-testid="kpi-income"]');
    assert.equal(await page.locator('.loading').count(), 0, 'the loading message is gone');
    watch.assertClean(server.origin, assert);
  });
});

test('a start that fails, or a browser that cannot run the app, is said instead of loading for ever', async () => {
  // Fresh profiles: once the service worker of a first visit holds the app, page.route sees no
  // request for the wasm.
  await withBrowser({}, async (browser, server) => {
    const { page, watch } = await newWatchedPage(browser.context);
    await page.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
    await page.goto(server.url);
    await page.locator('#loading-failed').waitFor({ state: 'visible' });
    assert.match(await page.locator('#loading-failed').innerText(), /加载失败[\s\S]*Loading failed/);
    assert.ok(await page.locator('.loading-now').isHidden(), 'no longer "loading"');
    assert.deepEqual(watch.errors.filter((e) => /CSP/.test(e)), [], 'no CSP violation');
  });
  await withBrowser({}, async (browser, server) => {
    const { page } = await newWatchedPage(browser.context);
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto(server.url);
    await page.locator('#loading-unsupported').waitFor({ state: 'visible' });
    assert.match(await page.locator('#loading-unsupported').innerText(), /WebAssembly/);
    assert.ok(await page.locator('#loading-failed').isHidden());
    assert.ok(await page.locator('.loading-now').isHidden());
  });
});

test('the web app manifest is linked, parses, and makes the app installable', async () => {
  await withBrowser({ prefix: '/apps/ncms/' }, async (browser, server) => {
    const { page, watch } = await newWatchedPage(browser.context);
    await openApp(page, server.url);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    const manifestUrl = new URL(href, server.url).href;
    const res = await get(manifestUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/manifest\+json/);
    const manifest = JSON.parse(res.body.toString('utf8'));
    assert.match(manifest.name, /新农合/);
    assert.match(manifest.name, /NCMS/);
    assert.match(manifest.short_name, /新农合/);
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.scope, './');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.theme_color, await page.getAttribute('meta[name="theme-color"]', 'content'));
    for (const icon of manifest.icons) {
      const file = await get(new URL(icon.src, manifestUrl).href);
      assert.equal(file.status, 200, icon.src);
      assert.equal(file.headers['content-type'], icon.type, icon.src);
      if (icon.type === 'image/png') {
        const [w, h] = [file.body.readUInt32BE(16), file.body.readUInt32BE(20)];
        assert.equal(`${w}x${h}`, icon.sizes, icon.src);
      }
    }
    assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));

    // Chromium's own reading: no manifest error, and nothing stands in the way of installing.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const cdp = await browser.context.newCDPSession(page);
    const read = await cdp.send('Page.getAppManifest');
    assert.equal(read.url, manifestUrl);
    assert.deepEqual(read.errors, [], 'Chromium reads the manifest without errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'installable');
    watch.assertClean(server.origin, assert);
  });
});
