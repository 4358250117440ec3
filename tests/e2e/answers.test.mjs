// The answers issue in the browser, with the CLI as the oracle: (a) the one-click questions give
// the values of `ncms solve` and "apply" makes the answer an edit of the plan, undone in one step;
// (b) goal seek on any lever and target equals `ncms solve`; (c) the tornado equals
// `ncms sensitivity` and follows an edit; (d) the waterfall equals `ncms explain` and its bars add
// up to the change; (e) one patient equals `ncms patient`; each in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  startServer, openBrowser, freshApp, saveScenario, shownEdits, settled, typeInto, cliReport, ROOT,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** `ncms ARGS… FILE --format json` on a scenario file's text; the parsed JSON. */
function cli(scenarioJson, command, ...args) {
  cliReport(scenarioJson); // builds the CLI once
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncms-cli-'));
  const file = path.join(dir, 'scenario.json');
  fs.writeFileSync(file, scenarioJson);
  try {
    const out = execFileSync(path.join(ROOT, 'target/debug/ncms'), [command, file, ...args, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function questionsReady(page) {
  await settled(page);
  // Each question is answered on its own, by the compute worker, while the panel is in view: the
  // panels above it grow as their figures come, so the wait keeps it in view.
  await page.waitForFunction(() => {
    const answers = document.querySelector('section.answers');
    if (answers?.dataset.inView === 'false') answers.scrollIntoView({ block: 'nearest' });
    const questions = [...document.querySelectorAll('[data-testid="questions-panel"] .question')];
    return questions.length > 0 && questions.every((q) => q.dataset.ready === 'true');
  });
}

const attr = (page, testid, name) => page.getAttribute(`[data-testid="${testid}"]`, name);

test('one-click questions give the CLI\'s answers; apply makes an edit, undone in one step', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  const saved = await saveScenario(page);
  const scenario = JSON.parse(saved);
  const own = await shownEdits(page);
  await page.click('[data-testid="answers-questions"]');
  await questionsReady(page);

  const cap = scenario.targets?.outpatient_share_max ?? 0.25;
  const policy = scenario.targets?.inpatient_policy_ratio_min ?? 0.75;
  const asked = {
    'break-even-next-year': ['--lever', 'funding_per_head', '--target', 'surplus>=0'],
    'break-even-horizon': ['--lever', 'funding_per_head', '--target', 'surplus>=0', '--year', 'all'],
    'outpatient-within-cap': ['--lever', 'outpatient_ratios', '--target', `outpatient_share<=${cap}`],
    'inpatient-no-deficit': ['--lever', 'inpatient_ratios', '--target', 'surplus>=0'],
    'policy-scope-target': ['--lever', 'inpatient_ratios', '--target', `inpatient_policy_ratio>=${policy}`],
    // Goal seek under risk: 2000 draws from seed 1, the same in the worker as in the CLI.
    'deficit-chance': ['--lever', 'funding_per_head', '--target', 'p_deficit<=0.1'],
    'run-out-chance': ['--lever', 'inpatient_ratios', '--target', 'p_exhausted<=0.05'],
  };
  const answers = {};
  for (const [id, args] of Object.entries(asked)) {
    const expected = cli(saved, 'solve', ...args);
    answers[id] = expected;
    assert.equal(Number(await attr(page, `answer-${id}`, 'data-answer')), expected.value, id);
    assert.equal(await attr(page, `answer-${id}`, 'data-status'), expected.status, id);
    const words = await page.textContent(`[data-testid="answer-${id}"] p`);
    assert.ok(words.startsWith(expected.words.zh.slice(0, 8)), `${id}: ${words}`);
  }
  // Break-even funding is a real question for this plan: it runs a deficit next year.
  const breakEven = answers['break-even-next-year'];
  assert.equal(breakEven.status, 'solved');
  assert.ok(breakEven.value > breakEven.current, `${breakEven.value} > ${breakEven.current}`);

  // The surplus band: its two ends are the CLI's two targets.
  const floor = cli(saved, 'solve', '--lever', 'funding_per_head', '--target',
    `surplus_rate>=${scenario.targets?.surplus_rate_min ?? 0}`);
  const ceiling = cli(saved, 'solve', '--lever', 'funding_per_head', '--target',
    `surplus_rate<=${scenario.targets?.surplus_rate_max ?? 0.15}`);
  assert.equal(Number(await attr(page, 'answer-surplus-band', 'data-floor')), floor.value);
  assert.equal(Number(await attr(page, 'answer-surplus-band', 'data-ceiling')), ceiling.value);

  // The words are the CLI's, in each language.
  const words = () => page.textContent('[data-testid="answer-break-even-next-year"] p');
  assert.equal(await words(), breakEven.words.zh);
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction((w) => document.querySelector('[data-testid="answer-break-even-next-year"] p')?.textContent === w,
    breakEven.words.en);
  assert.match(await page.textContent('[data-testid="apply-break-even-next-year"]'), /^Apply$/);
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction((w) => document.querySelector('[data-testid="answer-break-even-next-year"] p')?.textContent === w,
    breakEven.words.zh);

  // Apply: the plan becomes the answer's, and next year's surplus is no longer negative.
  await page.click('[data-testid="apply-break-even-next-year"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="apply-break-even-next-year"]')?.disabled === true);
  const applied = await shownEdits(page);
  // The answer's plan, less what it leaves at the file's own value (the app lists only changes).
  const own_value = (p) => p.split(/\.|\[(\d+)\]\.?/).filter(Boolean).reduce((o, k) => o?.[k], scenario);
  const expectedEdits = Object.fromEntries(Object.entries(breakEven.edits).filter(([p, v]) => Number(own_value(p)) !== v));
  assert.deepEqual(applied, expectedEdits, 'the plan is the answer\'s plan');
  await settled(page);
  const surplus = await attr(page, 'kpi-surplus', 'data-value');
  assert.ok(Number(surplus) >= 0 && Number(surplus) < 0.001 * Number(await attr(page, 'kpi-income', 'data-value')), surplus);
  // The saved plan reproduces it through the CLI.
  const report = cliReport(await saveScenario(page));
  assert.equal(report.proposal.years[0].surplus, surplus);

  // One undo step back to the plan as it was.
  await page.click('[data-testid="undo-button"]');
  // The undo button is at the top of the page: the answers are asked again once back in view.
  await page.locator('section.answers').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid="apply-break-even-next-year"]') === null
    || document.querySelector('[data-testid="apply-break-even-next-year"]').disabled === false);
  assert.deepEqual(await shownEdits(page), own);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('the questions wait while scrolled away from, and answer the plan as it is once scrolled back', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  await page.setViewportSize({ width: 1280, height: 500 });
  const answers = page.locator('section.answers');
  await answers.scrollIntoViewIfNeeded();
  await questionsReady(page);
  // At the top of a short window the answers are out of view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('section.answers')?.dataset.inView === 'false');
  // An edit at the top: every question now holds the reply for the plan before it, marked stale,
  // and none is asked (not even after the chance questions' longer pause).
  await typeInto(page, 'financing.individual', '120');
  await page.keyboard.press('Enter');
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(1500);
  assert.equal(await answers.getAttribute('data-in-view'), 'false');
  const ready = () => page.$$eval('[data-testid="questions-panel"] .question', (qs) => qs.map((q) => q.dataset.ready));
  const held = await ready();
  assert.ok(held.length > 0 && held.every((r) => r === 'false'), `stale while out of view: ${held}`);
  // Scrolled back: the questions are asked for the plan as it is, and give the CLI's answer.
  await answers.scrollIntoViewIfNeeded();
  await questionsReady(page);
  const expected = cli(await saveScenario(page), 'solve', '--lever', 'funding_per_head', '--target', 'surplus>=0');
  assert.equal(Number(await attr(page, 'answer-break-even-next-year', 'data-answer')), expected.value);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('goal seek on any lever and target equals ncms solve; a bad target is explained', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  const saved = await saveScenario(page);
  await page.click('[data-testid="answers-questions"]');
  await questionsReady(page);
  await page.selectOption('[data-testid="seek-lever"]', 'inpatient_ratios');
  await page.selectOption('[data-testid="seek-indicator"]', 'closing_balance');
  await page.selectOption('[data-testid="seek-goal"]', 'at_least');
  await page.fill('[data-testid="seek-value"]', '0');
  await page.selectOption('[data-testid="seek-year"]', 'all');
  await page.click('[data-testid="seek-solve"]');
  await page.waitForSelector('[data-testid="answer-seek"]');
  const expected = cli(saved, 'solve', '--lever', 'inpatient_ratios', '--target', 'closing_balance>=0', '--year', 'all');
  assert.equal(Number(await attr(page, 'answer-seek', 'data-answer')), expected.value);
  assert.equal(await attr(page, 'answer-seek', 'data-status'), expected.status);

  // A share typed in per cent, on one level's ratio.
  const lever = 'lines[1].outpatient.reimbursement_ratio';
  await page.selectOption('[data-testid="seek-lever"]', lever);
  await page.selectOption('[data-testid="seek-indicator"]', 'outpatient_share');
  await page.selectOption('[data-testid="seek-goal"]', 'at_most');
  await page.fill('[data-testid="seek-value"]', '20');
  await page.selectOption('[data-testid="seek-year"]', String(JSON.parse(saved).year));
  await page.click('[data-testid="seek-solve"]');
  await page.waitForFunction((l) => document.querySelector('[data-testid="answer-seek"]')?.dataset.lever === l, lever);
  const share = cli(saved, 'solve', '--lever', lever, '--target', 'outpatient_share<=20%');
  assert.equal(Number(await attr(page, 'answer-seek', 'data-answer')), share.value);

  // A chance over the risk figures' draws, in per cent: the worker's answer is the CLI's.
  assert.equal(await page.locator('[data-testid="seek-indicator"] option[value="p_exhausted"]').count(), 1);
  await page.selectOption('[data-testid="seek-lever"]', 'funding_per_head');
  await page.selectOption('[data-testid="seek-indicator"]', 'p_deficit');
  await page.selectOption('[data-testid="seek-goal"]', 'at_most');
  await page.fill('[data-testid="seek-value"]', '10');
  await page.click('[data-testid="seek-solve"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="answer-seek"]')?.dataset.lever === 'funding_per_head');
  const chance = cli(saved, 'solve', '--lever', 'funding_per_head', '--target', 'p_deficit<=10%');
  assert.equal(Number(await attr(page, 'answer-seek', 'data-answer')), chance.value);
  assert.equal(chance.value, 480.86);

  // Text where a number belongs: a message, no answer.
  await page.fill('[data-testid="seek-value"]', 'abc');
  await page.click('[data-testid="seek-solve"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="answer-seek"]')?.getAttribute('role') === 'alert');
  assert.match(await page.textContent('[data-testid="answer-seek"]'), /目标值应为一个数/);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('the tornado equals ncms sensitivity and follows an edit', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  let saved = await saveScenario(page);
  await page.click('[data-testid="answers-tornado"]');
  const ready = () => page.waitForFunction(() => {
    const answers = document.querySelector('section.answers');
    if (answers?.dataset.inView === 'false') answers.scrollIntoView({ block: 'nearest' });
    return document.querySelector('[data-testid="tornado-panel"]')?.dataset.ready === 'true';
  });
  await ready();
  const rows = () => page.$$eval('[data-testid="tornado-table"] tbody tr',
    (trs) => trs.map((tr) => [tr.dataset.testid.slice(3), tr.dataset.swing]));
  let expected = cli(saved, 'sensitivity');
  assert.equal(await attr(page, 'tornado', 'data-base'), expected.base.value);
  assert.deepEqual(await rows(), expected.ten_percent.slice(0, 12).map((b) => [b.path, b.swing.value]));

  // In English, the outcome and the parameters are named as the CLI names them.
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction((l) => document.querySelector('[data-testid="tornado"] .wf-summary')?.textContent.startsWith(l),
    expected.outcome_label.en);
  const firstRow = await page.textContent('[data-testid="tornado-table"] tbody tr th');
  assert.ok(firstRow.startsWith(expected.ten_percent[0].label.en), firstRow);
  await page.click('[data-testid="lang-toggle"]');
  // The toggle is at the top of the page: back to the tornado, which computes only in view.
  await page.locator('section.answers').scrollIntoViewIfNeeded();

  // Every bar, by one natural unit, for the outpatient share.
  await page.selectOption('[data-testid="tornado-outcome"]', 'outpatient_share');
  await page.selectOption('[data-testid="tornado-step"]', 'natural_unit');
  await ready();
  await page.click('[data-testid="tornado-all"]');
  expected = cli(saved, 'sensitivity', '--outcome', 'outpatient_share');
  assert.deepEqual(await rows(), expected.natural_unit.map((b) => [b.path, String(b.swing.value)]));

  // What a plan does for families: the tornado on the inpatient catastrophic share, as the CLI's.
  await page.selectOption('[data-testid="tornado-outcome"]', 'inpatient_catastrophic_10');
  await page.selectOption('[data-testid="tornado-step"]', 'ten_percent');
  await ready();
  expected = cli(saved, 'sensitivity', '--outcome', 'inpatient_catastrophic_10');
  assert.equal(Number(await attr(page, 'tornado', 'data-base')), expected.base.value);
  // "Show all" stays on from above: every bar that moves the share.
  // Tiny swings are written without an exponent by the page: compare them as numbers.
  assert.deepEqual((await rows()).map(([p, v]) => [p, Number(v)]), expected.ten_percent.map((b) => [b.path, b.swing.value]));

  // An edit: the tornado is drawn again for the new plan.
  await page.selectOption('[data-testid="tornado-outcome"]', 'outpatient_share');
  await page.selectOption('[data-testid="tornado-step"]', 'natural_unit');
  await ready();
  await typeInto(page, 'financing.individual', '200');
  await settled(page);
  // The lever is at the top of the page: the tornado is drawn again once back in view.
  await page.locator('section.answers').scrollIntoViewIfNeeded();
  await ready();
  saved = await saveScenario(page);
  expected = cli(saved, 'sensitivity', '--outcome', 'outpatient_share');
  assert.equal(Number(await attr(page, 'tornado', 'data-base')), expected.base.value);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('the waterfall equals ncms explain; one patient equals ncms patient', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  const saved = await saveScenario(page);
  await page.click('[data-testid="answers-waterfall"]');
  await page.click('[data-testid="waterfall-compute"]');
  await page.waitForSelector('[data-testid="waterfall"]');
  const expected = cli(saved, 'explain');
  assert.equal(await attr(page, 'waterfall', 'data-change'), expected.change);
  assert.equal(await attr(page, 'waterfall', 'data-bars-sum'), expected.change, 'the bars add up to the change');
  for (const change of expected.changes) {
    assert.ok(await page.$(`[data-testid="wf-${change.path}"]`), change.path);
  }

  // In English: the summary reads the CLI's figures in words.
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => /^Surplus/.test(document.querySelector('.wf-summary')?.textContent ?? ''));

  await page.click('[data-testid="answers-patient"]');
  await page.selectOption('[data-testid="patient-kind"]', 'inpatient');
  await page.selectOption('[data-testid="patient-level"]', 'county');
  await page.fill('[data-testid="patient-bill"]', '30000');
  await page.waitForFunction(() => document.querySelector('[data-testid="patient-summary"]'));
  const bill = cli(saved, 'patient', '--level', 'county', '--kind', 'inpatient', '--cost', '30000');
  await page.waitForFunction((p) => document.querySelector('[data-testid="patient-summary"]')?.dataset.patientProposal === p,
    bill.proposal.patient);
  assert.equal(await attr(page, 'patient-summary', 'data-patient-baseline'), bill.baseline.patient);
  assert.equal(await attr(page, 'patient-summary', 'data-scheme-proposal'), bill.proposal.scheme);
  assert.ok((await page.textContent('[data-testid="patient-summary"]')).startsWith(`${bill.name.en}: the patient pays`));
  watch.assertClean(server.origin, assert);
  await page.close();
});
