// Takes the README's screenshot of the app (docs/images/app-1366-zh.png), 1366 × 900, in Chinese,
// from dist/ (run scripts/build-web.sh first):  node scripts/readme-screenshot.mjs
import path from 'node:path';
import { startServer, openBrowser, ROOT } from '../tests/e2e/helpers.mjs';

const server = await startServer();
const browser = await openBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(server.origin + '/');
  await page.waitForSelector('[data-testid="kpi-income"]');
  await page.waitForSelector('[data-testid="protection-panel"][data-ready="true"]', { state: 'attached' });
  const file = path.join(ROOT, 'docs', 'images', 'app-1366-zh.png');
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(ROOT, file)}`);
} finally {
  await browser.close();
  await server.close();
}
