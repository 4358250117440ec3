// A phone and a room. At 390 px wide the page never scrolls sideways, in either language, and the
// key figures are on screen at once; presentation mode at 1920×1080 shows the key figures and the
// balance chart without scrolling, in large type, values written on the points.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, newWatchedPage, openApp } from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function setLang(page, lang) {
  if (await page.getAttribute('html', 'lang') !== lang) {
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
}

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
    assert.ok(chart.width >= 1500, `the chart spans the width (${chart.width})`);
    assert.ok(await page.locator('[data-testid="discussed-levers"] .slider').first().isVisible());
    const size = await page.$eval('[data-testid="kpi-income"] .card-value', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 32, `large figures (${size}px)`);
    assert.ok(await page.locator('.point-value').count() >= 5, 'values on the points');
    assert.equal(await page.locator('.controls').isVisible(), false);
  }
  // The button leaves presentation mode, and the address forgets it.
  await page.click('[data-testid="present-button"]');
  await page.locator('.controls').waitFor();
  assert.ok(!page.url().includes('present'));
  watch.assertClean(server.origin, assert);
  await page.close();
});
