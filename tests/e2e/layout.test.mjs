// A phone and a room. At 390 px wide the page never scrolls sideways, in either language, and the
// key figures are on screen at once; presentation mode at 1920×1080 shows the key figures and the
// balance chart without scrolling, in large type, values written on the points; and at 1366 px,
// five plans side by side read in full.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, openBrowser, newWatchedPage, openApp, setLang, ARTIFACTS } from './helpers.mjs';

/** A screenshot for people to judge, in the test artifacts. */
async function keep(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('at 390 px: no sideways scroll in either language, key figures at once, levers a tap away', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, server.origin + '/');
  for (const lang of ['zh-CN', 'en']) {
    await setLang(page, lang);
    for (const view of ['phone-results', 'phone-levers']) {
      await page.click(`[data-testid="${view}"]`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${lang} ${view}: ${width} px wide`);
    }
    await page.click('[data-testid="phone-results"]');
    const cards = await page.locator('[data-testid="kpi-surplus"]').boundingBox();
    assert.ok(cards.y + cards.height <= 844, 'the surplus card is on the first screen');
    assert.ok(await page.locator('.phone-summary').isVisible());
    // The sticky bar carries the outpatient share, as the cards' figure.
    const share = await page.getAttribute('[data-testid="sum-outpatient_share-proposal"]', 'data-value');
    assert.match(await page.locator('.phone-summary').innerText(), new RegExp(`${(Number(share) * 100).toFixed(1)}%`));
    // The toolbar is one row of what is used most; the rest behind the menu.
    assert.equal(await page.locator('[data-testid="save-button"]').isVisible(), false);
    await page.click('[data-testid="menu-toggle"]');
    assert.ok(await page.locator('[data-testid="save-button"]').isVisible());
    await page.click('[data-testid="menu-toggle"]');
    assert.equal(await page.locator('[data-testid="save-button"]').isVisible(), false);
    // Chart and gauge text stays 12 px or more on the phone's screen.
    const smallest = await page.$$eval('[data-testid="balance-chart"] text, .gauge-svg text',
      (els) => Math.min(...els.filter((e) => e.getBBox().width > 0).map((e) => e.getBoundingClientRect().height)));
    assert.ok(smallest >= 12, `${lang}: chart text ${smallest.toFixed(1)} px high`);
    // Nothing is cut without a way to see it: every table wider than its box sits in a
    // scroller that shows a shadow at the side with more.
    const cut = await page.$$eval('.results table', (tables) => tables
      .filter((t) => t.getBoundingClientRect().width > 0)
      .filter((t) => {
        const box = t.parentElement;
        const scrolls = box.classList.contains('table-scroll') && getComputedStyle(box).backgroundAttachment.includes('local');
        return t.scrollWidth > box.clientWidth + 1 && !scrolls;
      })
      .map((t) => t.dataset.testid || t.className));
    assert.deepEqual(cut, [], `${lang}: tables cut with no scroll cue`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await keep(page, `app-390-${lang}`);
  }
  // The levers are one tap away; the results' sticky summary stays in view while scrolling.
  await page.click('[data-testid="phone-levers"]');
  assert.ok(await page.locator('[data-testid="input-financing.individual"]').isVisible());
  assert.equal(await page.locator('[data-testid="kpi-income"]').isVisible(), false);
  await page.click('[data-testid="phone-results"]');
  await page.evaluate(() => window.scrollTo(0, 3000));
  await page.waitForFunction(() => window.scrollY > 1000);
  const bar = await page.locator('.phone-bar').boundingBox();
  assert.ok(bar.y >= 0 && bar.y < 5, `the summary bar stays at the top (y ${bar.y})`);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('presentation at 1920×1080: key figures and the chart above the fold, large, values on points', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, server.origin + '/?present');
  for (const lang of ['zh-CN', 'en']) {
    await setLang(page, lang);
    const chart = await page.locator('[data-testid="balance-chart"]').boundingBox();
    const cards = await page.locator('[data-testid="kpi-closing_balance"]').boundingBox();
    assert.ok(cards.y + cards.height <= 1080 && chart.y + chart.height <= 1080, `${lang}: above the fold`);
    assert.ok(chart.width >= 1200, `the chart spans the width beside the gauge (${chart.width})`);
    assert.ok(await page.locator('[data-testid="discussed-levers"] .slider').first().isVisible());
    const size = await page.$eval('[data-testid="kpi-income"] .card-value', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 32, `large figures (${size}px)`);
    assert.ok(await page.locator('.point-value').count() >= 5, 'values on the points');
    assert.equal(await page.locator('.controls').isVisible(), false);
    // The outpatient gauge is on the first screen too, and panel text is 20 px or more.
    const gauge = await page.locator('.panel.gauge').boundingBox();
    assert.ok(gauge.y >= 0 && gauge.y + gauge.height <= 1080, `${lang}: the gauge is in view (y ${gauge.y}, h ${gauge.height})`);
    for (const selector of ['.panel.gauge h2', '.gauge-detail', '.chart-panel h2']) {
      const px = await page.$eval(selector, (e) => parseFloat(getComputedStyle(e).fontSize));
      assert.ok(px >= 20, `${lang}: ${selector} ${px}px`);
    }
    await keep(page, `present-1920-${lang}`);
  }
  // The button leaves presentation mode, and the address forgets it.
  await page.click('[data-testid="present-button"]');
  await page.locator('.controls').waitFor();
  assert.ok(!page.url().includes('present'));
  // Esc leaves it too, as it leaves a slide show.
  await page.click('[data-testid="present-button"]');
  await page.locator('.controls').waitFor({ state: 'hidden' });
  await page.keyboard.press('Escape');
  await page.locator('.controls').waitFor();
  assert.ok(!page.url().includes('present'));
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('five plans at 1366 px: every plan\'s figures read in full, in both languages', async () => {
  const { page, watch } = await newWatchedPage(browser.context);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, server.origin + '/');
  for (let i = 0; i < 4; i++) await page.click('[data-testid="plan-duplicate"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="plan-"][role="tab"]').length === 5);
  assert.equal(await page.locator('[data-testid="plan-duplicate"]').isDisabled(), true, 'five at most');
  for (const lang of ['zh-CN', 'en']) {
    await setLang(page, lang);
    // No card text cut: nothing wider than its box, no ellipsis.
    const cut = await page.$$eval('.cards .card *', (els) => els
      .filter((e) => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.innerText));
    assert.deepEqual(cut, [], `${lang}: card texts cut`);
    const ellipsis = await page.$$eval('.cards .card *', (els) => els.filter((e) => getComputedStyle(e).textOverflow === 'ellipsis').length);
    assert.equal(ellipsis, 0);
    // Every plan's value is on each card.
    assert.equal(await page.locator('[data-testid="kpi-income"] .card-others li').count(), 5, 'baseline and four other plans');
    // Row names of the yearly summary wrap between words, never a character a line.
    const narrow = await page.$$eval('[data-testid="summary-table"] tbody th', (ths) => ths.filter((th) => th.getBoundingClientRect().width < 60).length);
    assert.equal(narrow, 0, `${lang}: summary row names squeezed`);
    // The gauge and the ratios show every plan.
    assert.equal(await page.locator('.gauge-row').count(), 6);
    await keep(page, `five-plans-1366-${lang}`);
  }
  watch.assertClean(server.origin, assert);
  await page.close();
});
