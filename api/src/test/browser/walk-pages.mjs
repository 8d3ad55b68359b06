// The pages as their people use them, in headless Chromium (app PagesWalkBrowserTest).
// usage: node walk-pages.mjs WALK.json CHROMIUM
//   WALK.json: {base, analystToken, secretariatToken, brokenFile, correctedFile, screenshots}
// A newcomer lands on /, opens Colombia, switches to Spanish and downloads the homicide CSV; an analyst (MEX)
// signs in, uploads a broken file, reads the issues, downloads the fix list, uploads the corrected file and
// approves it; the secretariat starts a pipeline run and watches it until its report shows; the analyst then reads
// the published value on the country page. axe-core runs on every page type in the four languages. Prints one JSON line.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const walk = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const executablePath = process.argv[3];
const axeSource = fs.readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const languages = ['es', 'en', 'pt', 'fr'];

const seen = {
  consoleErrors: [], externalRequests: [], axeViolations: [], axeChecked: [], steps: [],
};

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });

/** A browser context of one person: the pages' own CSP stays on; nothing may load from elsewhere. */
async function person(name, locale) {
  const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(`${name} ${page.url()}: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(walk.base) && !request.url().startsWith('data:')) {
      seen.externalRequests.push(`${name}: ${request.url()}`);
    }
  });
  return { context, page };
}

/** axe-core in a page of its own (bypassing the CSP only there, to inject the script), serious and critical only. */
const axeContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
async function axe(type, url, cookies, status = 200) {
  for (const language of languages) {
    const localized = url.replace(/^\/(es|en|pt|fr)(\/|$)/, `/${language}$2`);
    if (cookies) await axeContext.addCookies(cookies);
    const page = await axeContext.newPage();
    const response = await page.goto(walk.base + localized, { waitUntil: 'load' });
    if (!response || response.status() !== status) {
      seen.axeViolations.push(`${type} ${language}: ${localized} answered ${response && response.status()}`);
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run());
    for (const violation of result.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        seen.axeViolations.push(`${type} ${language} ${localized}: ${violation.id} (${violation.impact}) at `
          + violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', '));
      }
    }
    seen.axeChecked.push(`${type} ${language}`);
    await page.close();
    await axeContext.clearCookies();
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(walk.screenshots, `walk-${name}.png`), fullPage: false });
}

async function mainText(page) {
  return await page.locator('main').innerText();
}

/** Follows a download link: the file's text, whether the browser downloads it or shows it. */
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click({ modifiers: ['Alt'] })]);
  return fs.readFileSync(await file.path(), 'utf8');
}

/** The path and query of the page. */
function here(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

try {
  // 1. a newcomer (English-speaking browser) lands on /, opens a country, switches to Spanish, downloads the CSV
  const newcomer = await person('newcomer', 'en-US');
  let page = newcomer.page;
  await page.goto(walk.base + '/', { waitUntil: 'load' });
  seen.steps.push(`landed on / in ${await page.getAttribute('html', 'lang')}`);
  await shot(page, 'landing-en');
  await axe('landing', '/en/');
  await page.getByRole('link', { name: 'Colombia', exact: true }).click();
  await page.waitForURL(/\/countries\/COL/);
  await shot(page, 'country-en');
  await page.getByRole('link', { name: 'Español' }).click();
  await page.waitForURL(/\/es\/countries\/COL/);
  seen.steps.push(`switched to ${await page.getAttribute('html', 'lang')}`);
  await shot(page, 'country-es');
  await page.getByRole('link', { name: 'Français' }).click();
  await page.waitForURL(/\/fr\/countries\/COL/);
  seen.frenchLang = await page.getAttribute('html', 'lang');
  seen.frenchCountryPage = await mainText(page);
  await shot(page, 'country-fr');
  await page.getByRole('link', { name: 'Português' }).click();
  await page.waitForURL(/\/pt\/countries\/COL/);
  seen.portugueseLang = await page.getAttribute('html', 'lang');
  seen.portugueseCountryPage = await mainText(page);
  await shot(page, 'country-pt');
  await page.getByRole('link', { name: 'Español' }).click();
  await page.waitForURL(/\/es\/countries\/COL/);
  await axe('country', here(page));
  const csvLink = page.locator('a[data-format="csv"][href*="intentional-homicide"]').first();
  seen.csvUrl = await csvLink.getAttribute('href');
  const csvResponse = await page.context().request.get(walk.base + seen.csvUrl);
  seen.csv = await csvResponse.text();
  await page.locator('main a[href="/es/indicators/intentional-homicide"]').first().click();
  await page.waitForURL(/\/indicators\/intentional-homicide/);
  await axe('indicator', here(page));

  // 2. the MEX analyst, in Spanish: signs in, uploads a broken file, reads the issues, gets the fix list
  const analyst = await person('analyst', 'es-MX');
  page = analyst.page;
  await page.goto(walk.base + '/es/submit', { waitUntil: 'load' });
  await page.waitForURL(/\/es\/sign-in/);
  await axe('sign-in', '/es/sign-in');
  await page.fill('#token', walk.analystToken);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.waitForURL(/\/es\/submit/);
  const analystCookies = await analyst.context.cookies();
  await axe('submit', '/es/submit', analystCookies);
  await page.setInputFiles('#file', walk.brokenFile);
  await page.selectOption('#source', 'cts');
  await page.locator('form.upload button[type="submit"]').click();
  await page.waitForURL(/\/es\/submissions\/[^/?]+$/);
  seen.brokenReceipt = await mainText(page);
  await shot(page, 'receipt-rejected-es');
  await axe('receipt', here(page), analystCookies);
  seen.fixList = await download(page, page.locator('a[href$="/fix-list"]').first());

  await page.goto(walk.base + '/es/submit', { waitUntil: 'load' });
  await page.setInputFiles('#file', walk.correctedFile);
  await page.selectOption('#source', 'cts');
  await page.locator('form.upload button[type="submit"]').click();
  await page.waitForURL(/\/es\/submissions\/[^/?]+$/);
  seen.correctedReceipt = await mainText(page);
  await page.locator('form[action$="/approve"] button[type="submit"]').first().click();
  await page.waitForURL(/\/es\/submissions\/[^/?]+$/);
  seen.approvedReceipt = await mainText(page);
  await shot(page, 'receipt-approved-es');
  await page.goto(walk.base + '/es/submissions', { waitUntil: 'load' });
  await axe('submissions', '/es/submissions', analystCookies);

  // 3. the secretariat, in English: starts a pipeline run and watches it until its report shows
  const secretariat = await person('secretariat', 'en-US');
  page = secretariat.page;
  await page.goto(walk.base + '/en/sign-in', { waitUntil: 'load' });
  await page.fill('#token', walk.secretariatToken);
  await page.locator('form.sign-in button[type="submit"]').click();
  await page.waitForURL(/\/en\/secretariat/);
  const secretariatCookies = await secretariat.context.cookies();
  await axe('secretariat', '/en/secretariat', secretariatCookies);
  await page.locator('form[action$="/secretariat/runs"] button[type="submit"]').first().click();
  await page.waitForURL(/\/en\/secretariat\/runs\/[^/?]+/);
  seen.runId = new URL(page.url()).pathname.split('/').pop();
  const runDeadline = Date.now() + 4 * 60 * 1000;
  let runText = await mainText(page);
  while (!/succeeded|failed/i.test(runText) && Date.now() < runDeadline) {
    await page.waitForTimeout(1000);
    await page.goto(walk.base + `/en/secretariat/runs/${seen.runId}?reload=off`, { waitUntil: 'load' });
    runText = await mainText(page);
  }
  seen.runPage = runText;
  await shot(page, 'run-en');
  await axe('run', `/en/secretariat/runs/${seen.runId}?reload=off`, secretariatCookies);

  // the pages of no one in particular: an error page and the API documentation (the response-rate report has its
  // own browser test, ResponseRateReportBrowserTest)
  await axe('error', '/en/countries/XYZ', undefined, 404);
  await axe('docs', '/docs');

  // 4. the analyst reads the published value on the country page (the server notices the new vintage within 1 s)
  page = analyst.page;
  const publishedDeadline = Date.now() + 15 * 1000;
  let countryText = '';
  do {
    await page.goto(walk.base + '/es/countries/MEX', { waitUntil: 'load' });
    countryText = await mainText(page);
    if (countryText.includes('36,579')) break;
    await page.waitForTimeout(500);
  } while (Date.now() < publishedDeadline);
  seen.publishedCountryPage = countryText;
  await shot(page, 'country-mex-es');
} catch (error) {
  seen.error = String(error && error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
