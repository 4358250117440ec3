// (b) a bad file is refused with its field path and the work kept; (c) a share link reproduces
// the state in a fresh browser, a tampered one is refused; (d) a reload keeps the edits;
// (e) the language switch changes labels and number formats.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, openBrowser, newWatchedPage, openApp, figures, typeInto, shownEdits, saveScenario,
  dataValue,
} from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

/** A fresh browser with the app open and one edit of ours on top of the scenario's own. */
async function withEdit(run) {
  const browser = await openBrowser();
  try {
    const { page, watch } = await newWatchedPage(browser.context);
    await openApp(page, server.origin + '/');
    const individual = Number(await dataValue(page, 'field-financing.individual'));
    await typeInto(page, 'financing.individual', String(individual + 17));
    await page.waitForFunction(
      (v) => document.querySelector('[data-testid="change-financing.individual"]')?.dataset.after === String(v),
      individual + 17,
    );
    await run({ browser, page, watch, edits: await shownEdits(page), shown: await figures(page) });
    watch.assertClean(server.origin, assert);
  } finally {
    await browser.close();
  }
}

function b64url(text) {
  return Buffer.from(text, 'utf8').toString('base64url');
}

test('a bad file is refused with its field path; the work is kept', async () => {
  await withEdit(async ({ page, edits, shown }) => {
    const saved = JSON.parse(await saveScenario(page));
    const bad = structuredClone(saved);
    const line = bad.lines.findIndex((l) => l.inpatient);
    bad.lines[line].inpatient.reimbursement_ratio = 1.5;
    await page.setInputFiles('[data-testid="file-input"]', {
      name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)),
    });
    const notice = page.locator('[data-testid="notice"]');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.ok(text.includes(`lines[${line}].inpatient.reimbursement_ratio`), text);
    assert.ok(text.includes('无法打开该文件'), 'the error is in Chinese by default');
    assert.deepEqual(await shownEdits(page), edits, 'edits kept');
    assert.deepEqual(await figures(page), shown, 'figures kept');

    // In English, the same error reads in English.
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.innerText.includes('could not be opened'));

    // Not JSON at all, and an unknown field: refused too.
    await page.setInputFiles('[data-testid="file-input"]', {
      name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x",'),
    });
    await page.waitForFunction(() => !document.querySelector('[data-testid="notice"]')?.innerText.includes('lines['));
    const unknown = { ...saved, colour: 'blue' };
    await page.setInputFiles('[data-testid="file-input"]', {
      name: 'unknown.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(unknown)),
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.innerText.includes('colour'));
    assert.deepEqual(await shownEdits(page), edits, 'edits still kept');
    await page.click('[data-testid="notice-dismiss"]');
    await page.locator('[data-testid="notice"]').waitFor({ state: 'detached' });

    // A good file (the saved one) opens with its proposal as the edits: a re-openable save.
    await page.setInputFiles('[data-testid="file-input"]', {
      name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)),
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-select"]')?.selectedOptions[0]?.text.includes('mine.json'));
    assert.deepEqual(await shownEdits(page), edits);
    assert.deepEqual(await figures(page), shown);
  });
});

test('a share link reproduces the state in a fresh browser; a tampered one is refused', async () => {
  await withEdit(async ({ page, edits, shown }) => {
    await page.click('[data-testid="share-button"]');
    const link = await page.inputValue('[data-testid="share-link"]');
    assert.ok(link.startsWith(server.origin + '/#w='), link);

    const other = await openBrowser();
    try {
      const { page: fresh, watch } = await newWatchedPage(other.context);
      await openApp(fresh, link);
      assert.deepEqual(await shownEdits(fresh), edits);
      assert.deepEqual(await figures(fresh), shown);
      assert.equal(new URL(fresh.url()).hash, '', 'the fragment is consumed');
      watch.assertClean(server.origin, assert);
    } finally {
      await other.close();
    }

    // Tampered: a ratio out of range in the edits, then damaged base64. Same profile: the
    // stored work must survive both.
    const url = new URL(link);
    const work = JSON.parse(Buffer.from(url.hash.slice('#w='.length), 'base64url').toString('utf8'));
    const ratioPath = Object.keys(edits).find((p) => p.endsWith('reimbursement_ratio')) ??
      (await page.getAttribute('[data-testid$=".inpatient.reimbursement_ratio"][data-testid^="field-"]', 'data-testid')).slice('field-'.length);
    work.plans[0].edits[ratioPath] = 1.7;
    const tampered = `${url.origin}${url.pathname}#w=${b64url(JSON.stringify(work))}`;
    const { page: second } = await newWatchedPage(page.context());
    await openApp(second, tampered);
    const notice = second.locator('[data-testid="notice"]');
    await notice.waitFor();
    assert.ok((await notice.innerText()).includes(ratioPath), await notice.innerText());
    assert.deepEqual(await shownEdits(second), edits, 'the stored work is kept');
    assert.deepEqual(await figures(second), shown);

    await second.goto(`${url.origin}${url.pathname}#w=${b64url(JSON.stringify(work)).slice(0, -3)}*!*`);
    await second.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.innerText.includes('#w'));
    assert.deepEqual(await shownEdits(second), edits);

    // Pasting a good link into an open tab loads it (hashchange).
    await second.evaluate((l) => { location.hash = new URL(l).hash; }, link);
    await second.locator('[data-testid="notice"]').waitFor({ state: 'detached' });
    await second.close();
  });
});

test('a reload keeps the edits; reset goes back to the scenario\'s own proposal', async () => {
  await withEdit(async ({ page, edits, shown }) => {
    await page.reload();
    await page.waitForSelector('[data-testid="kpi-income"]');
    assert.deepEqual(await shownEdits(page), edits);
    assert.deepEqual(await figures(page), shown);
    await page.click('[data-testid="reset-button"]');
    await page.locator('[data-testid="change-financing.individual"]').waitFor({ state: 'detached' });
    const own = { ...edits };
    delete own['financing.individual'];
    assert.deepEqual(await shownEdits(page), own);
  });
});

test('the language switch changes labels and number formats', async () => {
  await withEdit(async ({ page }) => {
    const label = page.locator('label[for="f-financing-individual"]');
    assert.equal(await label.innerText(), '个人缴费');
    const income = page.locator('[data-testid="kpi-income"] .card-value');
    assert.match(await income.innerText(), /^-?\d{1,3}(,\d{3})*\.\d{2} 万元$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    const value = await dataValue(page, 'kpi-income');

    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await label.innerText(), 'Individual contribution');
    assert.match(await income.innerText(), /^-?\d{1,3}(,\d{3})*\.\d{2} million yuan$/);
    assert.equal(await page.locator('#summary-title').innerText().then((t) => t.startsWith('Yearly summary')), true);
    assert.equal(await dataValue(page, 'kpi-income'), value, 'the figure itself is unchanged');

    // The choice is remembered.
    await page.reload();
    await page.waitForSelector('[data-testid="kpi-income"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  });
});
