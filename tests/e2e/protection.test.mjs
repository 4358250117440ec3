// What a plan does for families, in the browser, with `ncms protection` as the oracle: the
// protection panel's shares for the baseline and every plan equal the CLI's, in both languages,
// and the trade-off chart shows each plan as a point of its fund figure and catastrophic share.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, openBrowser, freshApp, saveScenario, settled, typeInto, ROOT, cliJson,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** `ncms protection FILE --format json` on a scenario file's text. */
const protection = (scenarioJson) => cliJson('protection', scenarioJson);

async function ready(page) {
  await settled(page);
  await page.waitForSelector('[data-testid="protection-panel"][data-ready="true"]', { state: 'attached' });
}

const MEASURES = ['catastrophic_10', 'catastrophic_25', 'catastrophic_ctp40', 'impoverishing'];

test('the protection panel gives ncms protection\'s shares for the baseline and every plan', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  // Two plans: the scenario's own and a copy that raises the county inpatient ratio.
  await page.click('[data-testid="plan-duplicate"]');
  await typeInto(page, 'lines[2].inpatient.reimbursement_ratio', '95');
  await ready(page);
  const saved = JSON.parse(await saveScenario(page));
  const expected = protection(JSON.stringify(saved));
  assert.equal(expected.plans.length, 3, 'the baseline and two plans');
  for (const m of MEASURES) {
    const cells = await page.$$eval(`[data-testid="protection-${m}"] td`, (tds) => tds.map((td) => Number(td.dataset.value)));
    assert.deepEqual(cells, expected.plans.map((p) => p.overall[m]), m);
  }
  const oop = await page.$$eval('[data-testid="protection-mean_oop_per_admission"] td', (tds) => tds.map((td) => td.dataset.value));
  assert.deepEqual(oop, expected.plans.map((p) => p.overall.mean_oop_per_admission));
  // A higher ratio never raises a catastrophic share: the second plan's is the lowest.
  const over10 = expected.plans.map((p) => p.overall.catastrophic_10);
  assert.ok(over10[2] <= over10[1], `${over10}`);

  // The trade-off: a point for the baseline and each plan, at the CLI's share.
  const points = await page.$$eval('[data-testid^="trade-off-"] ', (gs) => gs
    .filter((g) => g.dataset.share !== undefined)
    .map((g) => ({ id: g.dataset.testid, share: Number(g.dataset.share) })));
  assert.deepEqual(points.map((p) => p.id), ['trade-off-baseline', 'trade-off-plan-0', 'trade-off-plan-1']);
  assert.deepEqual(points.map((p) => p.share), over10);

  // By kind of care, on request; and in English.
  await page.selectOption('[data-testid="protection-detail"]', 'kinds');
  await page.locator('[data-testid="protection-kinds"]').waitFor();
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.querySelector('#protection-title')?.textContent.startsWith('What the plans'));
  assert.match(await page.textContent('[data-testid="protection-catastrophic_10"] th'), /^Patients paying over 10 % of household income/);
  await page.click('[data-testid="lang-toggle"]');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('保大病 or 保小病: two plans of the same fund on the trade-off chart', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  await page.setViewportSize({ width: 1366, height: 900 });
  // 保大病: the inpatient ratios up by 10 points from the baseline; 保小病: the outpatient ones.
  const saved0 = JSON.parse(await saveScenario(page));
  const lines = saved0.lines.map((l, i) => ({ i, l }));
  await page.click('[data-testid="plan-add"]');
  for (const { i, l } of lines.filter(({ l }) => l.inpatient)) {
    await typeInto(page, `lines[${i}].inpatient.reimbursement_ratio`, String(Math.min(100, Math.round(l.inpatient.reimbursement_ratio * 100) + 10)));
  }
  await page.click('[data-testid="plan-rename"]');
  await page.fill('[data-testid="plan-name-input"]', '保大病');
  await page.press('[data-testid="plan-name-input"]', 'Enter');
  await page.click('[data-testid="plan-add"]');
  for (const { i, l } of lines.filter(({ l }) => l.outpatient)) {
    await typeInto(page, `lines[${i}].outpatient.reimbursement_ratio`, String(Math.min(100, Math.round(l.outpatient.reimbursement_ratio * 100) + 10)));
  }
  await page.click('[data-testid="plan-rename"]');
  await page.fill('[data-testid="plan-name-input"]', '保小病');
  await page.press('[data-testid="plan-name-input"]', 'Enter');
  await ready(page);
  const saved = JSON.parse(await saveScenario(page));
  const expected = protection(JSON.stringify(saved));
  const byName = Object.fromEntries(expected.plans.map((p) => [p.name, p]));
  // Inpatient stays are where households are ruined: 保大病 lowers the inpatient catastrophic
  // share, 保小病 leaves it where the baseline has it.
  const inpatient = (p) => p.kinds.find((k) => k.kind === 'inpatient').catastrophic_10;
  assert.ok(inpatient(byName['保大病']) < inpatient(byName['保小病']), 'the inpatient share falls with 保大病');
  const points = await page.$$eval('[data-testid^="trade-off-"]', (gs) => gs
    .filter((g) => g.dataset.share !== undefined).map((g) => Number(g.dataset.share)));
  assert.deepEqual(points, expected.plans.map((p) => p.overall.catastrophic_10), 'a point a plan, at the CLI\'s share');
  const panel = page.locator('[data-testid="protection-panel"]');
  await panel.scrollIntoViewIfNeeded();
  fs.mkdirSync(path.join(ROOT, 'tests/e2e/artifacts'), { recursive: true });
  await panel.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/trade-off-1366-zh.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(ROOT, 'tests/e2e/artifacts/trade-off-390-zh.png') });
  watch.assertClean(server.origin, assert);
  await page.close();
});
