// (a) Edits through a slider and a typed number give exactly the CLI's figures for the same
// edits; (f) no request leaves the origin; (g) a screenshot for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, openBrowser, newWatchedPage, openApp, figures, typeInto, shownEdits,
  saveScenario, cliReport, assertFiguresMatch, targetsShown, assertTargetsMatch, dataValue, ARTIFACTS,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('default scenario shows the CLI figures of its own proposal', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await openApp(page, server.origin + '/');
  const saved = JSON.parse(await saveScenario(page));
  assert.equal(saved.id, 'taizhou-2013-plan', 'the default scenario is the Taizhou 2013 plan');
  // With no edits of ours, the proposal is the scenario's own.
  assert.deepEqual(await shownEdits(page), saved.proposal ?? {});
  const report = cliReport(JSON.stringify(saved));
  assertFiguresMatch(assert, await figures(page), report);
  assertTargetsMatch(assert, await targetsShown(page), report);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('slider and typed edits equal the CLI for the same edits', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await openApp(page, server.origin + '/');
  const before = await figures(page);
  const ownEdits = await shownEdits(page);

  // A typed inpatient ratio at the first level with inpatient care (in percent).
  const ratioPath = await page.getAttribute('[data-testid$=".inpatient.reimbursement_ratio"][data-testid^="field-"]', 'data-testid')
    .then((id) => id.slice('field-'.length));
  const current = Number(await dataValue(page, `field-${ratioPath}`));
  const typed = current >= 0.9 ? 70 : Math.round(current * 100) + 7;
  await typeInto(page, ratioPath, String(typed));
  await page.waitForFunction(
    ([p, v]) => document.querySelector(`[data-testid="field-${p}"]`)?.dataset.value === String(v),
    [ratioPath, typed / 100],
  );

  // The individual contribution through the slider, with the keyboard (5 steps of 1 yuan up).
  const slider = page.locator('[data-testid="slider-financing.individual"]');
  const individual = Number(await dataValue(page, 'field-financing.individual'));
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid="field-financing.individual"]')?.dataset.value === String(v),
    individual + 5,
  );

  const expected = { ...ownEdits, [ratioPath]: typed / 100, 'financing.individual': individual + 5 };
  assert.deepEqual(await shownEdits(page), expected, 'what I changed lists every edit');
  const shown = await figures(page);
  assert.notEqual(shown['kpi-income'], before['kpi-income'], 'income moved with the contribution');
  assert.notEqual(shown['kpi-spending'], before['kpi-spending'], 'spending moved with the ratio');

  // The oracle: the baseline file with these edits as its proposal, through the CLI.
  const saved = JSON.parse(await saveScenario(page));
  assert.deepEqual(saved.proposal, expected, 'the saved file carries the edits');
  const scenario = { ...saved, proposal: expected };
  const report = cliReport(JSON.stringify(scenario));
  assertFiguresMatch(assert, shown, report);
  assertTargetsMatch(assert, await targetsShown(page), report);

  // Another year of the projection.
  const last = report.proposal.years.length - 1;
  await page.selectOption('[data-testid="year-select"]', String(last));
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid="kpi-income"]')?.dataset.value === v,
    report.proposal.years[last].income.total,
  );
  assertFiguresMatch(assert, await figures(page), report, last);
  assert.equal(
    await dataValue(page, 'deficit-year'),
    report.proposal.first_deficit_year === null ? '' : String(report.proposal.first_deficit_year),
  );
  assert.equal(
    await dataValue(page, 'exhaustion-year'),
    report.proposal.exhaustion_year === null ? '' : String(report.proposal.exhaustion_year),
  );
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('an invalid edit shows the problem at the field and keeps the last valid results', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await openApp(page, server.origin + '/');
  const before = await figures(page);
  const ratioPath = (await page.getAttribute('[data-testid$=".inpatient.reimbursement_ratio"][data-testid^="field-"]', 'data-testid'))
    .slice('field-'.length);
  await typeInto(page, ratioPath, '150');
  const problem = page.locator(`[data-testid="problem-${ratioPath}"]`);
  await problem.waitFor();
  // The message names the parameter by its label, in the interface's language, and speaks in
  // per cent as the field does; no field path is shown, at the field or in the panel's list.
  assert.match(await problem.innerText(), /补偿比例应在 0\.0% – 100\.0% 之间，现为 150\.0%/);
  const listed = await page.locator('[data-testid="edit-problems"]').innerText();
  assert.match(listed, /补偿比例应在 0\.0% – 100\.0% 之间，现为 150\.0%/);
  assert.doesNotMatch(listed, /lines\[|reimbursement_ratio|〔/);
  assert.equal(await page.getAttribute('[data-testid="results"]', 'data-stale'), 'true');
  assert.deepEqual(await figures(page), before, 'the last valid figures stay on screen');
  // Back to a valid number: recomputed, problem gone.
  await typeInto(page, ratioPath, '80');
  await problem.waitFor({ state: 'detached' });
  assert.equal(await page.getAttribute('[data-testid="results"]', 'data-stale'), 'false');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('screenshot for review and CSV export', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await openApp(page, server.origin + '/');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'app.png') });
  await page.screenshot({ path: path.join(ARTIFACTS, 'app-full.png'), fullPage: true });
  assert.ok(fs.statSync(path.join(ARTIFACTS, 'app.png')).size > 10_000);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="csv-button"]'),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  // One table: a header in the interface's language, a plan column, the plan's income.
  assert.equal(csv.split('\n')[0], '方案,类别,项目,年度,单位,基线,方案值,差额,目标,是否达标');
  const income = await dataValue(page, 'sum-income-proposal');
  assert.ok(csv.split('\n').some((l) => l.startsWith('方案一,概要,基金收入,') && l.includes(`,${income},`)),
    'the CSV holds the plan income');
  // Print stylesheet: on paper the report replaces the interactive page.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.controls').isVisible(), false);
  assert.equal(await page.locator('[data-testid="print-report"]').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  watch.assertClean(server.origin, assert);
  await page.close();
});
