// Opens a page in headless Chromium and answers, as one JSON line on standard output, what a reader would see:
// console errors, every request the page made, whether the trend chart is visible and its size, and a screenshot.
// Usage: node check-report.mjs URL SCREENSHOT_FILE CHROMIUM_EXECUTABLE
// Run by ResponseRateReportBrowserTest (api module); `npm ci` in this folder installs playwright-core.
import { chromium } from 'playwright-core';

const [url, screenshot, executablePath] = process.argv.slice(2);
if (!url || !screenshot || !executablePath) {
  console.error('usage: node check-report.mjs URL SCREENSHOT_FILE CHROMIUM_EXECUTABLE');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    consoleErrors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => requests.push(request.url()));

  const response = await page.goto(url, { waitUntil: 'load' });
  const chart = page.locator('svg#trend-chart');
  const box = await chart.boundingBox();
  const result = {
    status: response ? response.status() : null,
    contentType: response ? response.headers()['content-type'] : null,
    title: await page.title(),
    consoleErrors,
    requests,
    chart: {
      visible: await chart.isVisible(),
      width: box ? box.width : 0,
      height: box ? box.height : 0,
    },
    responding: await page.locator('#responding').textContent(),
  };
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
