// Trust in the app: no silent trap and no lost work. (a) "0.9" in a percent box asks instead of
// setting 0.9 %; "90" and "90%" are 90 %; a value far from the usual is confirmed first. (b) Undo
// and redo (keys and buttons) bring back every replaced state: an edit, a reset, a switched
// scenario, an opened link, across a reload. (c) Two tabs keep their own work. (d) A failed
// autosave is said, not swallowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  freshApp, startServer, openBrowser, newWatchedPage, openApp, figures, typeInto, shownEdits, dataValue,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

const RATIO = 'lines[2].inpatient.reimbursement_ratio';

async function fresh(url = '/') {
  return freshApp(browser.context, server.origin, url);
}

async function waitForEdit(page, path, value) {
  await page.waitForFunction(
    ([p, v]) => document.querySelector(`[data-testid="change-${p}"]`)?.dataset.after === v,
    [path, value],
  );
}

test('0.9 in a percent box asks; 90 and 90% are 90 %; an answer applies', async () => {
  const { page, watch } = await fresh();
  const before = await figures(page);
  const was = await dataValue(page, `field-${RATIO}`);

  await typeInto(page, RATIO, '0.9');
  const ask = page.locator(`[data-testid="ask-${RATIO}"]`);
  await ask.waitFor();
  assert.match(await ask.innerText(), /“0\.9”是指 90% 还是 0\.9%？/);
  assert.equal(await dataValue(page, `field-${RATIO}`), was, 'nothing applied while asking');
  assert.deepEqual(await figures(page), before);

  await page.click(`[data-testid="ask-${RATIO}-fraction"]`);
  await waitForEdit(page, RATIO, '0.9');
  await ask.waitFor({ state: 'detached' });

  for (const typed of ['91', '91%', '９１', '91 %']) {
    await typeInto(page, RATIO, typed);
    await waitForEdit(page, RATIO, '0.91');
    assert.equal(await ask.count(), 0, `${typed} needs no question`);
  }
  // An explicit percent sign is never asked about: 0.9% is 0.9 %.
  await typeInto(page, RATIO, '0.9%');
  await waitForEdit(page, RATIO, '0.009');
  // Asked again, the other answer applies 0.9 %.
  await typeInto(page, RATIO, '0.5');
  await ask.waitFor();
  await page.click(`[data-testid="ask-${RATIO}-percent"]`);
  await waitForEdit(page, RATIO, '0.005');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('a value far from the usual is confirmed before it is applied', async () => {
  const { page, watch } = await fresh();
  const was = await dataValue(page, 'field-financing.individual');
  await typeInto(page, 'financing.individual', '0.5');
  const confirm = page.locator('[data-testid="confirm-financing.individual"]');
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /0\.50 元 远超出常见范围（10\.00 元 – 2,000.00 元）/);
  assert.equal(await dataValue(page, 'field-financing.individual'), was);
  await page.click('[data-testid="confirm-financing.individual-no"]');
  await confirm.waitFor({ state: 'detached' });
  assert.equal(await dataValue(page, 'field-financing.individual'), was, 'cancelled: unchanged');
  await typeInto(page, 'financing.individual', '0.5');
  await page.click('[data-testid="confirm-financing.individual-yes"]');
  await waitForEdit(page, 'financing.individual', '0.5');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('undo and redo bring back every replaced state, across a reload', async () => {
  const { page, watch } = await fresh();
  const original = { edits: await shownEdits(page), shown: await figures(page) };
  const undo = () => page.click('[data-testid="undo-button"]');

  // An edit, undone and redone by keys.
  await typeInto(page, 'financing.individual', '150');
  await waitForEdit(page, 'financing.individual', '150');
  const edited = { edits: await shownEdits(page), shown: await figures(page) };
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.locator('[data-testid="change-financing.individual"]').waitFor({ state: 'detached' });
  assert.deepEqual(await figures(page), original.shown);
  await page.keyboard.press('Control+y');
  await waitForEdit(page, 'financing.individual', '150');
  assert.deepEqual(await figures(page), edited.shown);

  // A reset, undone.
  await page.click('[data-testid="reset-button"]');
  await page.locator('[data-testid="change-financing.individual"]').waitFor({ state: 'detached' });
  await undo();
  await waitForEdit(page, 'financing.individual', '150');

  // Another scenario, undone: the first one comes back with its edits.
  await page.selectOption('[data-testid="scenario-select"]', 'pinghu-2012');
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes('平湖'));
  await undo();
  await waitForEdit(page, 'financing.individual', '150');
  assert.deepEqual(await shownEdits(page), edited.edits);
  assert.deepEqual(await figures(page), edited.shown);

  // A colleague's link replaces the work; undo brings it back.
  const link = `${server.origin}/#w=${Buffer.from(JSON.stringify({
    source: { bundled: 'wafangdian-village-fee' }, plans: [{ name: '方案一', edits: {} }], active: 0, year: 0,
  })).toString('base64url')}`;
  await page.evaluate((l) => { location.hash = new URL(l).hash; }, link);
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes('瓦房店'));
  await undo();
  await waitForEdit(page, 'financing.individual', '150');

  // The history survives a reload: back to before the edit, then forward again to the link.
  await page.reload();
  await page.waitForSelector('[data-testid="kpi-income"]');
  assert.deepEqual(await shownEdits(page), edited.edits);
  await undo();
  await page.locator('[data-testid="change-financing.individual"]').waitFor({ state: 'detached' });
  assert.deepEqual(await figures(page), original.shown);
  await page.click('[data-testid="redo-button"]');
  await waitForEdit(page, 'financing.individual', '150');
  await page.click('[data-testid="redo-button"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes('瓦房店'));
  assert.equal(await page.isDisabled('[data-testid="redo-button"]'), true, 'nothing more to redo');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('two tabs keep their own work', async () => {
  const { page: first } = await fresh();
  await typeInto(first, 'financing.individual', '151');
  await waitForEdit(first, 'financing.individual', '151');

  // The draft is written once typing pauses.
  await first.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ncms-sim/draft/') && localStorage.getItem(k).includes('151')));
  // A second tab starts from the newest work, then goes its own way.
  const { page: second } = await newWatchedPage(browser.context);
  await openApp(second, server.origin + '/');
  assert.equal((await shownEdits(second))['financing.individual'], 151);
  await typeInto(second, 'financing.individual', '222');
  await waitForEdit(second, 'financing.individual', '222');

  // The first tab, reloaded, still has its own work; so has the second.
  await first.reload();
  await first.waitForSelector('[data-testid="kpi-income"]');
  assert.equal((await shownEdits(first))['financing.individual'], 151);
  await second.reload();
  await second.waitForSelector('[data-testid="kpi-income"]');
  assert.equal((await shownEdits(second))['financing.individual'], 222);
  await first.close();
  await second.close();
});

test('a failed autosave is said, and the work stays on the page', async () => {
  const { page } = await fresh();
  // Fill the origin's storage to the brim, as a large file or other tools would.
  await page.evaluate(() => {
    // Blocks of halving size until not one more character fits.
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const block = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`filler-${n}`, block); n += 1; } catch { break; }
      }
    }
  });
  await typeInto(page, 'financing.individual', '160');
  await waitForEdit(page, 'financing.individual', '160');
  const banner = page.locator('[data-testid="autosave-failed"]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /自动保存失败/);
  assert.match(await banner.innerText(), /保存文件/);
  // Room again: the next change is kept and the banner goes.
  await page.evaluate(() => { for (const key of Object.keys(localStorage)) if (!key.startsWith('ncms')) localStorage.removeItem(key); });
  await typeInto(page, 'financing.individual', '161');
  await banner.waitFor({ state: 'detached' });
  await page.close();
});

test('pending input never drives results: a half-typed number, 万, and a total out of range', async () => {
  const { page, watch } = await fresh();
  const before = await figures(page);
  const results = page.locator('[data-testid="results"]');
  const notice = page.locator('[data-testid="pending-notice"]');

  // Text that is not a number: the results stay the last confirmed ones and say so.
  await typeInto(page, RATIO, '8x');
  await notice.waitFor();
  assert.equal(await results.getAttribute('data-pending'), 'true');
  assert.match(await notice.innerText(), /未应用：县级医院 住院补偿比例/);
  assert.deepEqual(await figures(page), before, 'nothing computed for a partial reading');
  // Esc drops it; the field shows its value again.
  await page.press(`[data-testid="input-${RATIO}"]`, 'Escape');
  await notice.waitFor({ state: 'detached' });
  assert.equal(await results.getAttribute('data-pending'), 'false');

  // 460万 enrollees are 4 600 000, never 460.
  await page.click('[data-testid="tab-assumptions"]');
  await typeInto(page, 'population.enrollees', '460万');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="sum-enrollees-baseline"]')?.dataset.value === '4600000');
  assert.equal(await notice.count(), 0);
  await page.click('[data-testid="tab-levers"]');

  // A total per head no fund can have, even when the official insists, is refused at the total
  // and applied to no payer.
  const shown = await figures(page);
  await typeInto(page, 'financing.total', '99999999999');
  const confirm = page.locator('[data-testid="confirm-financing.total"]');
  await confirm.waitFor();
  await page.click('[data-testid="confirm-financing.total-yes"]');
  const problem = page.locator('[data-testid="problem-financing.total"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /人均筹资合计/);
  assert.equal(await page.locator('[data-testid="problem-financing.individual"]').count(), 0,
    'no message at a field never typed in');
  assert.deepEqual(await figures(page), shown, 'the last confirmed results stay');
  assert.equal(await results.getAttribute('data-pending'), 'true');
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('in English the not-applied notice names the field in English', async () => {
  const { page, watch } = await fresh();
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await typeInto(page, RATIO, '0.9');
  const notice = page.locator('[data-testid="pending-notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /^Not applied: .*County hospital/);
  await page.locator(`[data-testid="ask-${RATIO}"]`).waitFor();
  await page.click(`[data-testid="ask-${RATIO}-fraction"]`);
  await notice.waitFor({ state: 'detached' });
  await page.click('[data-testid="lang-toggle"]');
  watch.assertClean(server.origin, assert);
  await page.close();
});
