// A new fund from its annual figures: the Excel template downloaded from the app, filled in Node
// with a spreadsheet library (as an official fills it in Excel or WPS) from seed 000's Taizhou
// figures, opened in the app: the calibration table reproduces the reported figures, the fund
// opens. A bad template (a missing column, text in a number cell, a negative cost) gets a
// message naming the sheet cell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { freshApp, startServer, openBrowser, ROOT, settled } from './helpers.mjs';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The Taizhou figures of the filled template in the repository: { key: value }. */
function taizhouFigures() {
  const text = fs.readFileSync(path.join(ROOT, 'scenarios/figures/taizhou-2012.csv'), 'utf8').replace(/^\uFEFF/, '');
  const book = XLSX.read(text, { type: 'string' });
  const rows = XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]], { header: 1, raw: false });
  const values = {};
  for (const row of rows) if (row[0] && row[3] !== undefined && row[3] !== '' && /^[a-z]/.test(row[0])) values[row[0]] = row[3];
  return values;
}

async function downloadTemplate(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="template-xlsx"]')]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  return fs.readFileSync(await download.path());
}

/** The template with the figures written into its value column; `change` may spoil it. */
function filled(template, figures, change = () => {}) {
  const book = XLSX.read(template, { type: 'buffer' });
  const sheet = book.Sheets[book.SheetNames[0]];
  const rows = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: false, defval: '' });
  const header = rows.findIndex((r) => /^(代码 Key|Key 代码)$/.test(String(r[0]).trim()));
  const valueColumn = rows[header].findIndex((c) => String(c).includes('Value'));
  rows.forEach((row, r) => {
    if (r > header && figures[row[0]] !== undefined) {
      const text = String(figures[row[0]]);
      const number = Number(text);
      const address = XLSX.utils.encode_cell({ r, c: valueColumn });
      sheet[address] = Number.isFinite(number) && text.trim() !== '' ? { t: 'n', v: number } : { t: 's', v: text };
    }
  });
  change(sheet, rows, header, valueColumn);
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' });
}

async function openFigures(page, buffer, name = 'taizhou.xlsx') {
  await page.setInputFiles('[data-testid="figures-input"]', {
    name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer,
  });
}

test('the template filled in Excel calibrates the fund and opens it', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  await page.click('[data-testid="new-fund-button"]');
  const started = Date.now();
  const template = await downloadTemplate(page);
  await openFigures(page, filled(template, taizhouFigures()));
  const table = page.locator('[data-testid="calibration-table"]');
  await table.waitFor();
  const seconds = (Date.now() - started) / 1000;
  const deviations = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.deviation)));
  assert.ok(deviations.length >= 8, `${deviations.length} figures`);
  assert.ok(deviations.every((d) => Math.abs(d) < 0.01), `every reported figure within 1 %: ${deviations}`);
  assert.match(await table.innerText(), /当年筹集基金总额|筹资/);

  await page.click('[data-testid="open-calibrated"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-name"]')?.innerText.includes('由报表数据校准'));
  await settled(page);
  assert.equal(await page.getAttribute('[data-testid="sum-income-baseline"]', 'data-value'), '1895000000.00');
  // The new fund's assumptions are editable like any other's.
  await page.click('[data-testid="tab-assumptions"]');
  await page.locator('[data-testid="field-projection.cost_growth"]').waitFor();
  console.log(`# template to first results of the new fund: ${seconds.toFixed(1)} s`);
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('a bad template gets a message naming the sheet cell', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  await page.click('[data-testid="new-fund-button"]');
  const template = await downloadTemplate(page);
  const figures = taizhouFigures();
  const problems = page.locator('[data-testid="new-fund-problems"]');
  const cellOf = (rows, header, column, key) => XLSX.utils.encode_cell({ r: rows.findIndex((r, i) => i > header && r[0] === key), c: column });

  // Text in a number cell.
  let cell;
  await openFigures(page, filled(template, figures, (sheet, rows, header, column) => {
    cell = cellOf(rows, header, column, 'funds_raised');
    sheet[cell] = { t: 's', v: '十八亿' };
  }));
  await problems.waitFor();
  assert.ok((await problems.innerText()).includes(cell), `${await problems.innerText()} names ${cell}`);

  // A negative cost.
  await openFigures(page, filled(template, figures, (sheet, rows, header, column) => {
    cell = cellOf(rows, header, column, 'major_disease.cost');
    sheet[cell] = { t: 'n', v: -5 };
  }), 'negative.xlsx');
  await page.waitForFunction((c) => document.querySelector('[data-testid="new-fund-problems"]')?.innerText.includes(c), cell);

  // A missing column: the value column's header gone.
  await openFigures(page, filled(template, figures, (sheet, rows, header, column) => {
    delete sheet[XLSX.utils.encode_cell({ r: header, c: column })];
  }), 'no-column.xlsx');
  await page.waitForFunction(() => /[A-Z]+[0-9]+/.test(document.querySelector('[data-testid="new-fund-problems"]')?.innerText ?? ''));
  watch.assertClean(server.origin, assert);
  await page.close();
});
