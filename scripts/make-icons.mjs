#!/usr/bin/env node
// Renders www/icon.svg into the PNG icons of the web app manifest with the headless Chromium the
// browser tests use: icon-192.png and icon-512.png ("any": the SVG as drawn, rounded corners) and
// icon-maskable-512.png ("maskable": full-bleed background, the drawing shrunk into the safe
// zone). The PNGs are committed; run this only after changing the SVG:
//   node scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../www');
const svg = fs.readFileSync(path.join(WWW, 'icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const render = async (file, size, maskable) => {
    // Maskable: a square of the background colour, the icon at 80 % (the safe zone's circle).
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;
      display:flex;align-items:center;justify-content:center;background:${maskable ? '#12355b' : 'transparent'}">
      <img src="${dataUrl}" width="${inner}" height="${inner}"></body></html>`);
    await page.waitForFunction(() => document.images[0].complete);
    await page.screenshot({ path: path.join(WWW, file), omitBackground: !maskable });
    console.log(`make-icons: www/${file} ${size}x${size} (${fs.statSync(path.join(WWW, file)).size} bytes)`);
  };
  await render('icon-192.png', 192, false);
  await render('icon-512.png', 512, false);
  await render('icon-maskable-512.png', 512, true);
} finally {
  await browser.close();
}
