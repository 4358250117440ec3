// The official's own fund: every input editable. (a) An assumption moves baseline and proposal
// alike, is listed apart from the plan's changes, and survives a saved file (the CLI agrees).
// (b) Structural edits: a line removed and added back, a rule switched, the fund renamed, each
// undoable. (c) The total funding lever moves the payers together in their shares.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshApp, startServer, openBrowser, newWatchedPage, openApp, figures, typeInto, shownEdits, saveScenario,
  cliReport, assertFiguresMatch,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh(url = '/') {
  return freshApp(browser.context, server.origin, url);
}

test('an assumption moves baseline and proposal alike, apart from the plan, and is saved', async () => {
  const { page, watch } = await fresh();
  await page.selectOption('[data-testid="year-select"]', '4');
  const before = await figures(page);
  await page.click('[data-testid="tab-assumptions"]');
  await typeInto(page, 'projection.cost_growth', '10');
  await page.waitForFunction(() => document.querySelector('[data-testid="change-assumption-projection.cost_growth"]')?.dataset.after === '0.1');
  const after = await figures(page);
  // Baseline and proposal both spend more in the fifth year; the plan's own changes are untouched.
  const spending = (f, which) => Number(f[`sum-spending-${which}`]);
  assert.ok(spending(after, 'baseline') > spending(before, 'baseline'));
  assert.ok(spending(after, 'proposal') > spending(before, 'proposal'));
  const edits = await shownEdits(page);
  assert.equal(edits['assumption-projection.cost_growth'], 0.1);
  assert.ok(Object.keys(edits).some((k) => !k.startsWith('assumption-')), 'the plan keeps its own changes');
  assert.match(await page.locator('[data-testid="assumption-changes"]').innerText(), /假设调整/);

  // Saved, the file carries the assumption apart from the proposal, and the CLI agrees.
  const saved = JSON.parse(await saveScenario(page));
  assert.deepEqual(saved.assumptions, { 'projection.cost_growth': 0.1 });
  assert.ok(!('projection.cost_growth' in saved.proposal));
  assert.equal(saved.projection.cost_growth, 0.06, 'the file keeps its own value; the edit is listed apart');
  const report = cliReport(JSON.stringify(saved));
  assertFiguresMatch(assert, after, report, 4);
  assert.equal(report.assumption_changes[0].path, 'projection.cost_growth');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('lines and rules are added and removed, the fund renamed, each undoable', async () => {
  const { page, watch } = await fresh();
  await page.click('[data-testid="tab-assumptions"]');
  const rows = () => page.locator('[data-testid="lines-table"] tbody tr').count();
  const lines = await rows();

  // Remove the county line: its levers go, the figures change.
  const county = await page.locator('[data-testid^="structure-line-"]', { hasText: '县级医院' }).getAttribute('data-testid');
  const index = county.slice('structure-line-'.length);
  const before = await figures(page);
  await page.click(`[data-testid="remove-line-${index}"]`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="lines-table"] tbody tr').length < n, lines);
  assert.notDeepEqual(await figures(page), before);
  assert.match(await page.locator('[data-testid="scenario-select"]').innerText(), /已修改结构/);
  // Undo: the line and every figure come back.
  await page.click('[data-testid="undo-button"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="lines-table"] tbody tr').length === n, lines);
  assert.deepEqual(await figures(page), before);

  // A rule switched on adds its line of spending; a care switched off removes its levers.
  await page.uncheck('[data-testid="rule-consultation_fee"]').catch(() => {});
  await page.check('[data-testid="rule-consultation_fee"]');
  await page.locator('[data-testid="line-consultation_fee-proposal"]').waitFor();
  await page.click('[data-testid="tab-levers"]');
  await page.locator('[data-testid="field-rules.consultation_fee.scheme_part"]').waitFor();
  await page.click('[data-testid="tab-assumptions"]');
  await page.uncheck('[data-testid="care-1-outpatient"]');
  await page.click('[data-testid="tab-levers"]');
  await page.locator('[data-testid="field-lines[1].outpatient.reimbursement_ratio"]').waitFor({ state: 'detached' });

  // Renamed: the name shows at once.
  await page.click('[data-testid="tab-assumptions"]');
  await page.fill('[data-testid="name-zh"]', '我的县');
  await page.press('[data-testid="name-zh"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText === '我的县');
  // A line added: the new level gets levers of its own.
  await page.click('[data-testid="remove-line-0"]');
  await page.selectOption('[data-testid="add-line-level"]', 'village');
  await page.click('[data-testid="add-line"]');
  await page.click('[data-testid="tab-levers"]');
  await page.locator('[data-testid="field-lines[0].outpatient.reimbursement_ratio"]').waitFor();
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('the total funding lever moves every payer in its share', async () => {
  const { page, watch } = await fresh();
  await typeInto(page, 'financing.total', '500');
  await page.waitForFunction(() => document.querySelector('[data-testid="change-financing.individual"]'));
  const edits = await shownEdits(page);
  const payers = ['financing.individual', 'financing.government.central', 'financing.government.provincial',
    'financing.government.municipal', 'financing.government.county'];
  const value = async (path) => Number(await page.getAttribute(`[data-testid="field-${path}"]`, 'data-value'));
  let total = 0;
  for (const p of payers) total += await value(p);
  assert.ok(Math.abs(total - 500) < 1e-6, `${total}`);
  assert.ok(edits['financing.individual'] > 0);

  // One undo step for the whole move.
  await page.click('[data-testid="undo-button"]');
  await page.locator('[data-testid="change-financing.individual"]').waitFor({ state: 'detached' });
  watch.assertClean(server.origin, assert);
  await page.close();
});
