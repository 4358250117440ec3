// Shared helpers for the browser end-to-end tests: the static server for dist/ on 127.0.0.1, a
// headless Chromium driven by playwright-core, and the CLI as the oracle for every figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');

/**
 * Serves dist/ through scripts/serve.mjs (as `scripts/run.sh` does: precompressed br/gzip,
 * MIME types, caching) on a random port, optionally under a sub-path `prefix` ('/a/b/').
 * Resolves to { origin, url, close }: `url` is the app's address (origin + prefix).
 */
export async function startServer({ prefix = '/' } = {}) {
  return serve({ root: DIST, prefix });
}

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A Chromium with a new, empty profile. Returns { context, close }. */
export async function openBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ncms-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A page that records every request, console error, page error and CSP violation. Call
 * `watch.assertClean(origin)` at the end of a test.
 */
export async function newWatchedPage(context) {
  const page = await context.newPage();
  const watch = { requests: [], errors: [] };
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') watch.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  watch.assertClean = (origin, assert) => {
    const foreign = watch.requests.filter(
      (u) => !u.startsWith(origin + '/') && !u.startsWith('blob:' + origin) && !u.startsWith('data:'),
    );
    assert.deepEqual(foreign, [], 'no request may leave the page origin');
    assert.deepEqual(watch.errors, [], 'no console error, page error or CSP violation');
  };
  return { page, watch };
}

/**
 * A new page with the app open on empty storage: storage is cleared from a page of the origin
 * where the app does not run (one of its stylesheets), so that no running copy writes its draft
 * back.
 */
export async function freshApp(context, origin, url = '/') {
  // A stylesheet of the app: a page of the origin where no script runs.
  const asset = fs.readdirSync(DIST).find((f) => f.endsWith('.css'));
  const clearer = await context.newPage();
  await clearer.goto(`${origin}/${asset}`);
  await clearer.evaluate(() => localStorage.clear());
  await clearer.close();
  const { page, watch } = await newWatchedPage(context);
  await openApp(page, origin + url);
  return { page, watch };
}

/** Opens the app and waits for the first results. */
export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForSelector('[data-testid="kpi-income"]');
}

/** The attribute `data-value` of a test id. */
export async function dataValue(page, testid) {
  return page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
}

/** Waits until every panel shows the current figures (those below the fold follow a pause). */
export async function settled(page) {
  await page.waitForSelector('[data-testid="results"][data-settled="true"]', { state: 'attached' });
}

/** Every `data-value` under the results, by test id (the figures a test compares). */
export async function figures(page) {
  await settled(page);
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('.results [data-testid][data-value]')) {
      out[el.dataset.testid] = el.dataset.value;
    }
    return out;
  });
}

/** Types `text` into the typed number of the lever at `path` (replacing what is there). */
export async function typeInto(page, fieldPath, text) {
  const input = page.locator(`[data-testid="input-${fieldPath}"]`);
  await input.fill(text);
}

/** The edits shown in "What I changed": { path: after }. */
export async function shownEdits(page) {
  return page.evaluate(() => {
    const out = {};
    for (const li of document.querySelectorAll('[data-testid^="change-"]')) {
      out[li.dataset.testid.slice('change-'.length)] = Number(li.dataset.after);
    }
    return out;
  });
}

/** Clicks save and returns the downloaded scenario file's text. */
export async function saveScenario(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="save-button"]'),
  ]);
  const file = await download.path();
  return fs.readFileSync(file, 'utf8');
}

let cliBuilt = false;
/** The CLI's JSON report for a scenario file's text (its proposal included). */
export function cliReport(scenarioJson) {
  if (!cliBuilt) {
    execFileSync('cargo', ['build', '-q', '--bin', 'ncms'], { cwd: ROOT, stdio: 'inherit' });
    cliBuilt = true;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncms-cli-'));
  const file = path.join(dir, 'scenario.json');
  fs.writeFileSync(file, scenarioJson);
  try {
    const out = execFileSync(path.join(ROOT, 'target/debug/ncms'), ['simulate', file, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Asserts the app's figures for year index `y` equal the CLI's: money exactly as decimal strings,
 * rates exactly as numbers.
 */
export function assertFiguresMatch(assert, shown, report, y = 0) {
  const b = report.baseline.years[y];
  const p = report.proposal.years[y];
  const money = (testid, value) => {
    assert.equal(typeof value, 'string', `the CLI gives ${testid} as a decimal string`);
    assert.equal(shown[testid], value, testid);
  };
  const rate = (testid, value) => {
    assert.equal(typeof value, 'number', `the CLI gives ${testid} as a number`);
    assert.equal(typeof shown[testid], 'string', `the app shows ${testid}`);
    assert.equal(Number(shown[testid]), value, testid);
  };
  money('kpi-income', p.income.total);
  money('kpi-spending', p.spending.total);
  money('kpi-surplus', p.surplus);
  money('kpi-closing_balance', p.closing_balance);
  rate('kpi-surplus_rate', p.indicators.surplus_rate);
  money('sum-income-proposal', p.income.total);
  money('sum-income-baseline', b.income.total);
  money('sum-spending-proposal', p.spending.total);
  money('sum-surplus-proposal', p.surplus);
  money('sum-closing_balance-proposal', p.closing_balance);
  rate('outpatient-share', p.indicators.outpatient_share);
  money('outpatient-headroom', p.indicators.outpatient_headroom);
  rate('sum-inpatient_policy_ratio-proposal', p.indicators.inpatient_policy_ratio);
  rate('sum-inpatient_actual_ratio-proposal', p.indicators.inpatient_actual_ratio);
  rate('sum-outpatient_policy_ratio-proposal', p.indicators.outpatient_policy_ratio);
  rate('sum-outpatient_actual_ratio-proposal', p.indicators.outpatient_actual_ratio);
  rate('sum-inpatient_policy_ratio-baseline', b.indicators.inpatient_policy_ratio);
  const lines = [...p.spending.lines, ...(p.spending.special_disease ? [p.spending.special_disease] : [])];
  lines.forEach((line, i) => money(`line-${i}-proposal`, line.benefit));
  money('line-total-proposal', p.spending.total);
}

/** The targets table: { id: { met, actual } } of the proposal. */
export async function targetsShown(page) {
  await settled(page);
  return page.evaluate(() => {
    const out = {};
    for (const tr of document.querySelectorAll('[data-testid^="target-"]')) {
      out[tr.dataset.testid.slice('target-'.length)] = { met: tr.dataset.met, actual: tr.dataset.value };
    }
    return out;
  });
}

/** Asserts the targets shown equal the CLI's for year index `y` (same ids, verdicts, actuals). */
export function assertTargetsMatch(assert, shown, report, y = 0) {
  const targets = report.proposal.years[y].targets;
  assert.ok(targets.length > 0, 'the CLI reports targets');
  assert.deepEqual(Object.keys(shown).sort(), targets.map((t) => t.id).sort());
  for (const t of targets) {
    const met = t.met === null ? 'none' : t.met ? 'met' : 'missed';
    assert.equal(shown[t.id].met, met, `target ${t.id}`);
    assert.equal(shown[t.id].actual === '' ? null : Number(shown[t.id].actual), t.actual, `target ${t.id} actual`);
  }
}

/** Switches the interface to `lang` ('zh-CN' or 'en') unless it is in it already. */
export async function setLang(page, lang) {
  if (await page.getAttribute('html', 'lang') !== lang) {
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
}

/** `ncms COMMAND FILE --format json` on a scenario file's text (the CLI is built once). */
export function cliJson(command, scenarioJson) {
  cliReport(scenarioJson); // builds the CLI once
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ncms-${command}-`));
  const file = path.join(dir, 'scenario.json');
  fs.writeFileSync(file, scenarioJson);
  try {
    return JSON.parse(execFileSync(path.join(ROOT, 'target/debug/ncms'), [command, file, '--format', 'json'],
      { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
