// The printed 测算报告 (the browser's print to PDF, A4): its pages and its text, with every plan's
// figures equal to the CLI's for that plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  freshApp, startServer, openBrowser, newWatchedPage, openApp, typeInto, saveScenario, cliReport, ARTIFACTS,
} from './helpers.mjs';

let server;
let browser;
before(async () => { server = await startServer(); browser = await openBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

/**
 * A fund total as every panel and the report write it, worked out here from the CLI's exact
 * yuan: "1970140000.00" → "197,014.00 万元" (to the hundredth of 万元, half away from zero).
 */
const grouped = (money) => {
  const cents = BigInt(money.replace('.', ''));
  const negative = cents < 0n;
  const rounded = ((negative ? -cents : cents) + 5000n) / 10000n;
  const whole = (rounded / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (rounded % 100n).toString().padStart(2, '0');
  return `${negative && rounded > 0n ? '-' : ''}${whole}.${fraction} 万元`;
};

test('the printed report has its pages, every plan and the CLI\'s figures', async () => {
  const { page, watch } = await freshApp(browser.context, server.origin);
  await page.click('[data-testid="plan-duplicate"]');
  await typeInto(page, 'financing.individual', '170');
  await page.waitForFunction(() => document.querySelector('[data-testid="change-financing.individual"]')?.dataset.after === '170');
  const saved = JSON.parse(await saveScenario(page));
  // The typical patients and the protection figures are worked out beforehand, once typing pauses:
  // first the pause (until then "prepared" may still speak of the plans before the edit).
  await page.waitForSelector('[data-testid="results"][data-settled="true"]');
  await page.waitForSelector('[data-testid="report-prepared"][data-ready="true"]', { state: 'attached' });

  // The browser says it is about to print (as Ctrl+P does): the report is built.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('[data-testid="print-report"]').waitFor({ state: 'attached' });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'report.pdf');
  fs.writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  assert.ok(pages >= 2 && pages <= 7, `${pages} pages`);
  assert.match(info, /Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.writeFileSync(path.join(ARTIFACTS, 'report.txt'), text);

  for (const words of ['新农合基金测算报告', '台州市新农合 2013 年方案', '测算假设', '各方案的政策调整',
    '逐年测算', '方案一', '方案二', '目标检查', '典型病例', '医疗保障效果', '说明', '个人缴费']) {
    assert.ok(text.includes(words), `the report says ${words}`);
  }
  // Page numbers, "n / N", on every page (pdftotext drops the spaces around the slash).
  for (let n = 1; n <= pages; n++) {
    const one = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
    assert.match(one, new RegExp(`(^|\\s)${n} ?/ ?${pages}(\\s|$)`), `page ${n} is numbered`);
  }
  // The first page opens with a summary in words: each plan's surplus, balance at the horizon,
  // outpatient share and targets met, with the CLI's figures.
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.ok(first.indexOf('摘要') < first.indexOf('测算假设'), 'the summary comes before the assumptions');
  for (const plan of saved.plans) {
    const report = cliReport(JSON.stringify({ ...saved, plans: undefined, proposal: plan.edits }));
    const [y0, yN] = [report.proposal.years[0], report.proposal.years.at(-1)];
    const met = y0.targets.filter((t) => t.met === true).length;
    assert.ok(first.includes(`${plan.name}：${y0.year} 年当年结余 ${grouped(y0.surplus)}`), `${plan.name}'s surplus in the summary`);
    assert.ok(first.includes(`${yN.year} 年累计结余 ${grouped(yN.closing_balance)}`), `${plan.name}'s balance in the summary`);
    assert.ok(first.includes(`年目标达标 ${met}/${y0.targets.length} 项`), `${plan.name}'s targets in the summary`);
  }
  // Each plan's income and balance of every year, as the CLI computes them for that plan.
  for (const plan of saved.plans) {
    const report = cliReport(JSON.stringify({ ...saved, plans: undefined, proposal: plan.edits }));
    for (const year of report.proposal.years) {
      assert.ok(text.includes(grouped(year.income.total)), `${plan.name} ${year.year} income ${year.income.total}`);
      assert.ok(text.includes(grouped(year.closing_balance)), `${plan.name} ${year.year} balance`);
    }
  }
  watch.assertClean(server.origin, assert);
  await page.close();
});

test('the hand-over workbook: an overview and a sheet per table, with the app\'s figures', async () => {
  const { createRequire } = await import('node:module');
  const XLSX = createRequire(import.meta.url)('xlsx');
  const { page, watch } = await freshApp(browser.context, server.origin);
  await page.click('[data-testid="plan-duplicate"]');
  await typeInto(page, 'financing.individual', '170');
  await page.waitForFunction(() => document.querySelector('[data-testid="change-financing.individual"]')?.dataset.after === '170');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="xlsx-button"]')]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const book = XLSX.read(fs.readFileSync(await download.path()), { type: 'buffer' });
  assert.deepEqual(book.SheetNames, ['概况', '逐年测算', '目标', '分项支出', '风险测算']);
  const years = XLSX.utils.sheet_to_json(book.Sheets['逐年测算'], { header: 1 });
  const incomeColumn = years[0].indexOf('基金收入（元）');
  const row = years.find((r) => r[0] === '方案二' && r[1] === 2013);
  const shown = await page.getAttribute('[data-testid="kpi-income"]', 'data-value');
  assert.equal(row[incomeColumn].toFixed(2), shown, 'the workbook holds the plan on screen');
  const overview = XLSX.utils.sheet_to_json(book.Sheets['概况'], { header: 1 }).map((r) => r.join('|'));
  assert.ok(overview.some((l) => l.includes('financing.individual|130.00 元|170.00 元')), overview.join('\n'));
  watch.assertClean(server.origin, assert);
  await page.close();
});
