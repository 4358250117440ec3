// Several plans for one fund: created, duplicated, renamed and deleted; three plans survive a
// reload, a saved file and a link; a plan made the baseline; every plan on the cards, the yearly
// table and the chart, each equal to the CLI's figures for that plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshApp, startServer, openBrowser, newWatchedPage, openApp, figures, typeInto, saveScenario, cliReport,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh(url = '/') {
  return freshApp(browser.context, server.origin, url);
}

const chips = (page) => page.$$eval('[data-testid^="plan-"][role="tab"]', (els) => els.map((e) => e.innerText.trim()));

/** Three plans: the scenario's own, a copy with a higher contribution, a new one renamed. */
async function threePlans(page) {
  await page.click('[data-testid="plan-duplicate"]');
  await typeInto(page, 'financing.individual', '180');
  await page.waitForFunction(() => document.querySelector('[data-testid="change-financing.individual"]')?.dataset.after === '180');
  await page.click('[data-testid="plan-add"]');
  await page.click('[data-testid="plan-rename"]');
  // The rename box takes the keyboard at once.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'plan-name-input');
  await page.fill('[data-testid="plan-name-input"]', '零调整');
  await page.press('[data-testid="plan-name-input"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-2"]')?.innerText.includes('零调整'));
}

test('plans are created, duplicated, renamed and deleted; every plan is shown', async () => {
  const { page, watch } = await fresh();
  assert.deepEqual(await chips(page), ['方案一']);
  await threePlans(page);
  assert.deepEqual(await chips(page), ['方案一', '方案二', '零调整']);
  // Every plan on the cards, the yearly table and the chart's legend.
  for (const i of [0, 1]) await page.locator(`[data-testid="kpi-income-plan-${i}"]`).waitFor();
  await page.locator('[data-testid="sum-income-plan-0"]').waitFor();
  assert.equal(await page.locator('[data-testid="chart-legend"] .key-plan').count(), 3);
  assert.equal(await page.locator('.plan-line').count(), 3);
  // The copy's figures are the CLI's for the copy's edits.
  await page.click('[data-testid="plan-1"]');
  const saved = JSON.parse(await saveScenario(page));
  assert.deepEqual(saved.plans.map((p) => p.name), ['方案一', '方案二', '零调整']);
  assert.equal(saved.plans[1].edits['financing.individual'], 180);
  assert.deepEqual(saved.proposal, saved.plans[1].edits, 'the plan on screen is the proposal');
  const report = cliReport(JSON.stringify({ ...saved, plans: undefined }));
  assert.equal((await figures(page))['kpi-income'], report.proposal.years[0].income.total);
  // Deleted: two remain, the active one moves to a neighbour.
  await page.click('[data-testid="plan-delete"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="plan-"][role="tab"]').length === 2);
  assert.deepEqual(await chips(page), ['方案一', '零调整']);
  // A delete is said, with the way back.
  assert.match(await page.locator('[data-testid="plan-deleted"]').innerText(), /^已删除“方案二”；点“撤销”可恢复。/);
  await page.click('[data-testid="undo-button"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="plan-"][role="tab"]').length === 3);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('three plans survive a reload, a saved file and a link; the active plan and year travel', async () => {
  const { page, watch } = await fresh();
  await threePlans(page);
  await page.click('[data-testid="plan-1"]');
  await page.selectOption('[data-testid="year-select"]', '2');
  const shown = await figures(page);
  await page.reload();
  await page.waitForSelector('[data-testid="kpi-income"]');
  assert.deepEqual(await chips(page), ['方案一', '方案二', '零调整']);
  assert.equal(await page.getAttribute('[data-testid="plan-1"]', 'aria-selected'), 'true');
  assert.equal(await page.inputValue('[data-testid="year-select"]'), '2');
  assert.deepEqual(await figures(page), shown);

  // A saved file reopens with its three plans.
  const saved = await saveScenario(page);
  const { page: other } = await fresh();
  await other.setInputFiles('[data-testid="file-input"]', { name: 'three.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await other.waitForFunction(() => document.querySelectorAll('[data-testid^="plan-"][role="tab"]').length === 3);
  assert.deepEqual(await chips(other), ['方案一', '方案二', '零调整']);

  // A link carries the plans, the active one and the year.
  await page.click('[data-testid="share-button"]');
  const link = await page.inputValue('[data-testid="share-link"]');
  const fresher = await openBrowser();
  try {
    const { page: linked } = await newWatchedPage(fresher.context);
    await openApp(linked, link);
    assert.deepEqual(await chips(linked), ['方案一', '方案二', '零调整']);
    assert.equal(await linked.getAttribute('[data-testid="plan-1"]', 'aria-selected'), 'true');
    assert.equal(await linked.inputValue('[data-testid="year-select"]'), '2');
    assert.deepEqual(await figures(linked), shown);
  } finally {
    await fresher.close();
  }
  watch.assertClean(server.origin, assert);
  await other.close();
  await page.close();
});

test('a plan made the baseline: its policy becomes the baseline, the others are measured from it', async () => {
  const { page, watch } = await fresh();
  await threePlans(page);
  await page.click('[data-testid="plan-1"]');
  const planIncome = (await figures(page))['kpi-income'];
  const baselineIncome = await page.getAttribute('[data-testid="sum-income-baseline"]', 'data-value');
  // It says what it will do and waits: nothing changes until the official says yes.
  await page.click('[data-testid="plan-make-baseline"]');
  const ask = page.locator('[data-testid="make-baseline-ask"]');
  assert.match(await ask.innerText(), /把“方案二”的 \d+ 项调整写入基线？其余方案将改为与新基线比较/);
  assert.equal(await page.getAttribute('[data-testid="sum-income-baseline"]', 'data-value'), baselineIncome);
  await page.click('[data-testid="make-baseline-no"]');
  await ask.waitFor({ state: 'detached' });
  assert.equal(await page.getAttribute('[data-testid="sum-income-baseline"]', 'data-value'), baselineIncome);
  await page.click('[data-testid="plan-make-baseline"]');
  await page.click('[data-testid="make-baseline-yes"]');
  await page.waitForFunction((v) => document.querySelector('[data-testid="sum-income-baseline"]')?.dataset.value === v, planIncome);
  // The plan now equals the baseline: no change left; the baseline says where it came from.
  assert.equal(await page.locator('[data-testid="changes"]').getAttribute('data-count'), '0');
  assert.equal(await page.locator('[data-testid="baseline-from"]').innerText(), '基线已取自“方案二”');
  assert.match(await page.locator('[data-testid="scenario-select"]').innerText(), /已修改结构/);
  await page.click('[data-testid="undo-button"]');
  await page.waitForFunction((v) => document.querySelector('[data-testid="sum-income-baseline"]')?.dataset.value !== v, planIncome);
  assert.equal(await page.locator('[data-testid="baseline-from"]').count(), 0, 'undone, the mark goes too');
  watch.assertClean(server.origin, assert);
  await page.close();
});
