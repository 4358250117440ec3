// A first look and getting around: the results say what baseline and plan are; the fund picker
// and the plans never share a word; a lever is found by its name in either language; the total
// per head says how it splits; money sliders span a useful range around the value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshApp, startServer, openBrowser, typeInto, figures, cliReport, saveScenario, setLang } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the results say what baseline and plan are; fund and plan never share a word', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  const intro = await page.locator('[data-testid="baseline-intro"]').innerText();
  assert.equal(intro, '基线：现行政策，2013 年起逐年测算；方案：调整政策参数后的测算。均为测算值，不是决算。');
  assert.equal(await page.locator('label[for="scenario-select"]').innerText(), '基金');
  const planWords = await page.$$eval('[data-testid="plans"] button', (bs) => bs.map((b) => b.innerText));
  assert.ok(planWords.some((w) => w.includes('方案')), 'the plans are 方案');
  await setLang(page, 'en');
  assert.equal(await page.locator('[data-testid="baseline-intro"]').innerText(), 'Baseline: the current rules, projected from 2013; plan: the rules changed. Projections, not accounts.');
  assert.equal(await page.locator('label[for="scenario-select"]').innerText(), 'Fund');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('a lever is found by its name in either language, and works where it is found', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  const search = page.locator('[data-testid="lever-search"]');
  // The task "450 yuan a head and 87 % at the county hospital", without scrolling.
  await search.fill('筹资合计');
  const found = page.locator('[data-testid="lever-search-results"]');
  assert.equal(await found.locator('[data-testid="input-financing.total"]').count(), 1);
  await typeInto(page, 'financing.total', '450');
  await page.waitForFunction(() => document.querySelector('[data-testid="field-financing.total"]')?.dataset.value === '450');
  await search.fill('county inpatient ratio');
  const county = await found.locator('[data-testid^="field-"][data-testid$=".inpatient.reimbursement_ratio"]').all();
  assert.equal(county.length, 1, 'one county inpatient ratio');
  const path = (await county[0].getAttribute('data-testid')).slice('field-'.length);
  assert.match(await county[0].innerText(), /县级医院/);
  await typeInto(page, path, '87');
  await page.waitForFunction((p) => document.querySelector(`[data-testid="field-${p}"]`)?.dataset.value === '0.87', path);
  // Both edits are the plan's, and the figures are the CLI's for them.
  const saved = JSON.parse(await saveScenario(page));
  assert.equal(saved.proposal[path], 0.87);
  const total = ['individual', 'government.central', 'government.provincial', 'government.municipal', 'government.county']
    .map((k) => Number(saved.proposal[`financing.${k}`] ?? 0)).reduce((a, b) => a + b, 0);
  assert.equal(Math.round(total * 100), 45000, 'the payers add up to 450 yuan to the fen');
  const report = cliReport(JSON.stringify(saved));
  assert.equal((await figures(page))['kpi-income'], report.proposal.years[0].income.total);
  // An assumption is found too, under its own heading; nothing found is said.
  await search.fill('参合人数');
  assert.match(await found.innerText(), /测算假设/);
  assert.equal(await found.locator('[data-testid="input-population.enrollees"]').count(), 1);
  await search.fill('不存在的参数');
  assert.equal(await page.locator('[data-testid="lever-search-none"]').innerText(), '没有名称含“不存在的参数”的参数或假设');
  await search.fill('');
  assert.equal(await found.count(), 0);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('the total per head says its split; a money slider spans half to twice its value', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  const split = await page.locator('[data-testid="funding-split"]').innerText();
  assert.match(split, /^改动合计时各方按现有比例分摊（精确到分）：个人缴费 \d+\.\d%、县级财政补助 \d+\.\d%$/);
  const slider = page.locator('[data-testid="slider-financing.total"]');
  const [min, max] = [Number(await slider.getAttribute('min')), Number(await slider.getAttribute('max'))];
  const saved = JSON.parse(await saveScenario(page));
  const baseline = Number(saved.financing.individual) + Object.values(saved.financing.government).map(Number).reduce((a, b) => a + b, 0);
  assert.ok(min <= baseline / 2 + 1 && min >= baseline / 2 - 1, `min ${min} for ${baseline}`);
  assert.ok(max >= baseline * 2 - 1 && max <= baseline * 2 + 1, `max ${max} for ${baseline}`);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('one figure, one word, one unit: cards, summary and gauge agree, in both languages', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  for (const lang of ['zh-CN', 'en']) {
    await setLang(page, lang);
    const rowName = (id) => page.$eval(`[data-testid="sum-${id}-baseline"]`, (td) => td.parentElement.querySelector('th').innerText.trim());
    for (const id of ['income', 'spending', 'surplus', 'surplus_rate', 'closing_balance']) {
      const card = (await page.locator(`[data-testid="kpi-${id}"] .card-label`).innerText()).trim();
      assert.equal(card, await rowName(id), `${lang}: ${id} is named alike on the card and in the summary`);
    }
    const gauge = await page.locator('#gauge-title').innerText();
    assert.ok(gauge.startsWith(await rowName('outpatient_share')), `${lang}: the gauge names the share as the summary does (${gauge})`);
    // Every figure of the summary carries its unit.
    const cells = await page.$$eval('[data-testid="summary-table"] td[data-testid$="-baseline"]', (tds) => tds.map((t) => t.innerText.trim()));
    const units = lang === 'en' ? /(million yuan|yuan|%|people|months|person-times)$/ : /(万元|元|%|人|个月|人次)$/;
    for (const cell of cells) assert.match(cell, units, `${lang}: "${cell}" has its unit`);
    // English groups thousands and names plans in English.
    if (lang === 'en') {
      assert.match(await page.locator('[data-testid="kpi-income"] .card-value').innerText(), /^\d{1,3}(,\d{3})*\.\d\d million yuan$/);
      assert.equal((await page.locator('[data-testid="plan-0"]').innerText()).trim(), 'Plan 1');
    }
  }
  watch.assertClean(server.origin, assert);
  await page.close();
});
