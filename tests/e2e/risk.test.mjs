// How sure are we, in the browser, with `ncms risk` as the oracle: the risk panel's chances and
// reserves for the baseline and every plan equal the CLI's for the saved scenario (the same 2000
// draws and seed 1), the balance chart draws a band behind each plan's line, and an edit marks
// the bands and the cards stale until they are worked out again; a range typed into the
// assumptions is saved in the file and moves the figures as the CLI says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, openBrowser, freshApp, saveScenario, settled, typeInto, cliJson, ARTIFACTS,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** `ncms risk FILE --format json` on a scenario file's text. */
const risk = (scenarioJson) => cliJson('risk', scenarioJson);

/** Waits until the risk panel and the chart's bands are for the plans on screen. */
async function ready(page) {
  await settled(page);
  await page.waitForSelector('[data-testid="risk-panel"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.waitForFunction(() => {
    const bands = [...document.querySelectorAll('[data-testid^="band-plan-"]')];
    return bands.length > 0 && bands.every((b) => b.dataset.stale === 'false');
  }, null, { timeout: 60_000 });
}

/** The cards' figures as the page holds them, in order. */
async function cards(page) {
  return page.$$eval('[data-testid="risk-panel"] [data-testid^="risk-card-"]', (els) => els.map((el) => ({
    id: el.dataset.testid,
    pDeficit: Number(el.dataset.pDeficit),
    pExhausted: Number(el.dataset.pExhausted),
    reserve: Number(el.dataset.reserve),
    text: el.textContent,
  })));
}

function assertMatches(shown, expected) {
  assert.deepEqual(shown.map((c) => c.id),
    ['risk-card-baseline', ...expected.plans.slice(1).map((_, i) => `risk-card-plan-${i}`)]);
  expected.plans.forEach((plan, i) => {
    const first = plan.years[0];
    const last = plan.years[plan.years.length - 1];
    assert.equal(shown[i].pDeficit, first.p_deficit, `${plan.name}: chance of a deficit in ${first.year}`);
    assert.equal(shown[i].pExhausted, last.p_exhausted, `${plan.name}: chance of running out by ${last.year}`);
    assert.equal(shown[i].reserve, Number(plan.reserve_for_90), `${plan.name}: reserve for 90 %`);
  });
}

test('the risk panel gives ncms risk\'s chances and reserves, and the chart a band per plan', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  // Two plans: the scenario's own and a copy that raises the individual contribution.
  await page.click('[data-testid="plan-duplicate"]');
  await typeInto(page, 'financing.individual', '120');
  await ready(page);
  assert.match(await page.textContent('[data-testid="risk-draws"]'), /^2000 次抽样，随机种子 1/);
  const saved = JSON.parse(await saveScenario(page));
  const expected = risk(JSON.stringify(saved));
  assert.equal(expected.draws, 2000);
  assert.equal(expected.seed, 1);
  assert.equal(expected.plans.length, 3, 'the baseline and two plans');
  const shown = await cards(page);
  assertMatches(shown, expected);
  // The chances in words, with their shares.
  assert.match(shown[1].text, /的可能在 \d{4} 年出现当年赤字/);
  assert.match(shown[1].text, /年底前用完可用结余/);
  assert.match(shown[1].text, /万元/);

  // A band behind each plan's line, the inner within the outer, and a legend entry.
  const bands = await page.$$eval('[data-testid^="band-plan-"]', (gs) => gs.map((g) => ({
    id: g.dataset.testid,
    polygons: g.querySelectorAll('polygon').length,
  })));
  assert.deepEqual(bands, [
    { id: 'band-plan-0', polygons: 2 },
    { id: 'band-plan-1', polygons: 2 },
  ]);
  // The chart with both plans' bands, to judge, at 1366 and 390 px (the test artifacts).
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 390) await page.click('[data-testid="phone-results"]');
    const chart = page.locator('.chart-panel');
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: path.join(ARTIFACTS, `risk-bands-${width}-zh.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await page.textContent('[data-testid="band-legend"]'), 'P10–P90');

  // An edit: the bands are marked at once, the cards once the new plans are being worked out,
  // and both are current again when the new figures arrive.
  await page.evaluate(() => {
    // Whether the cards were ever marked stale (the mark may last only while the worker works).
    window.riskStaleSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="risk-panel"]')?.dataset.stale === 'true') window.riskStaleSeen = true;
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-stale'] });
  });
  await typeInto(page, 'financing.individual', '150');
  await page.waitForSelector('[data-testid="band-plan-1"][data-stale="true"]', { state: 'attached' });
  await page.waitForSelector('[data-testid="band-legend"][data-stale="true"]', { state: 'attached' });
  await ready(page);
  assert.ok(await page.evaluate(() => window.riskStaleSeen), 'the cards were marked stale until recomputed');
  assert.equal(await page.getAttribute('[data-testid="risk-panel"]', 'data-stale'), 'false');
  const ms = Number(await page.getAttribute('[data-testid="risk-panel"]', 'data-compute-ms'));
  assert.ok(ms > 0, `the worker's time is said (${ms} ms)`);
  const again = risk(await saveScenario(page));
  assertMatches(await cards(page), again);
  assert.ok(again.plans[2].years[0].p_deficit <= expected.plans[2].years[0].p_deficit,
    'more funding never raises the chance of a deficit');

  // A wider range typed into the assumptions is saved in the file and gives the CLI's figures.
  await page.click('[data-testid="tab-assumptions"]');
  assert.match(await page.textContent('[data-testid="hint-ranges.cost_growth"]'), /^约 2\/3 的抽样在 .+ 至 .+ 之间（中心值 .+）$/);
  await typeInto(page, 'ranges.cost_growth', '6');
  await ready(page);
  const wider = await saveScenario(page);
  assert.ok(JSON.parse(wider).assumptions['ranges.cost_growth'] === 0.06
    || JSON.parse(wider).ranges?.cost_growth === 0.06, 'the range is in the file');
  assertMatches(await cards(page), risk(wider));

  // The printed report carries every card, with the panel's figures.
  await page.waitForSelector('[data-testid="report-prepared"][data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('[data-testid="report-risk"]').waitFor({ state: 'attached' });
  const printed = await page.$$eval('[data-testid="report-risk"] [data-testid^="risk-card-"]', (els) => els.map((el) => ({
    pDeficit: Number(el.dataset.pDeficit), pExhausted: Number(el.dataset.pExhausted), reserve: Number(el.dataset.reserve),
  })));
  assert.deepEqual(printed, (await cards(page)).map(({ pDeficit, pExhausted, reserve }) => ({ pDeficit, pExhausted, reserve })));
  assert.match(await page.textContent('[data-testid="report-risk"]'), /2000 次抽样，随机种子 1/);
  // And the chart on paper draws each plan's band too, from the same figures.
  const paperBands = await page.$$eval('[data-testid="print-report"] [data-testid^="band-plan-"]', (gs) => gs.map((g) => g.dataset.testid));
  assert.deepEqual(paperBands, ['band-plan-0', 'band-plan-1']);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

  // In English.
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.querySelector('#risk-title')?.textContent.startsWith('How sure'));
  await ready(page);
  assert.match(await page.textContent('[data-testid="risk-card-plan-0"]'), /A chance of|No chance|Certain/);
  watch.assertClean(server.origin, assert);
  await page.close();
});
