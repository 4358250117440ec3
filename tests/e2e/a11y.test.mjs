// Accessibility: axe-core finds no serious or critical violation, in both languages, on a desk,
// on a phone and in presentation mode; sliders speak their value in its unit; every label is
// unique; text is at least 14 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { startServer, openBrowser, newWatchedPage, openApp } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [name, width, height, url] of [
  ['desk', 1366, 900, '/'],
  ['phone', 390, 844, '/'],
  ['presentation', 1920, 1080, '/?present'],
]) {
  test(`no serious or critical accessibility violation: ${name}, both languages`, async () => {
    const { page, watch } = await newWatchedPage(browser.context);
    await page.setViewportSize({ width, height });
    await openApp(page, server.origin + url);
    for (const lang of ['zh-CN', 'en']) {
      if (await page.getAttribute('html', 'lang') !== lang) {
        await page.click('[data-testid="lang-toggle"]');
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      assert.deepEqual(await violations(page), [], `${name} ${lang}`);
    }
    watch.assertClean(server.origin, assert);
    await page.close();
  });
}

test('sliders say their value in its unit; labels are unique; text is at least 14 px', async () => {
  const { page } = await newWatchedPage(browser.context);
  await openApp(page, server.origin + '/');
  if (await page.getAttribute('html', 'lang') !== 'zh-CN') {
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  }
  const slider = page.locator('[data-testid="slider-lines[2].inpatient.reimbursement_ratio"]');
  assert.match(await slider.getAttribute('aria-valuetext'), /^\d+\.\d%$/);
  assert.match(await page.getAttribute('[data-testid="slider-financing.individual"]', 'aria-valuetext'), /元$/);
  const labels = await page.$$eval('.controls label[for]', (els) => els.map((e) => e.innerText.trim()));
  assert.equal(new Set(labels).size, labels.length, `unique: ${labels.filter((l, i) => labels.indexOf(l) !== i)}`);
  assert.ok(labels.includes('乡镇卫生院 普通门诊补偿比例'));
  const small = await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .filter((e) => !e.closest('svg') && e.offsetParent !== null)
    .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 14)
    .map((e) => `${e.tagName}.${e.className}: ${getComputedStyle(e).fontSize}`));
  assert.deepEqual(small, []);
  // Figures that change are announced.
  assert.equal(await page.getAttribute('.cards', 'aria-live'), 'polite');
  await page.close();
});
