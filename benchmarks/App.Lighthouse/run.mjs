// The app's budgets (issue 15), measured on this machine with Lighthouse (desktop preset) on Debian's
// Chromium, beside the Aspire dashboard (a Blazor app on the same component library) in the same run:
//   - Lighthouse performance, accessibility and best practices on the sign-in page, the journey page and
//     a ticket page (and the start page);
//   - bytes transferred on a first visit to the sign-in page;
//   - the journey page interactive (prerendered by the gateway, then taken over by WebAssembly) with a cold cache.
// The platform must be running (./run.sh, or CONFIGURATION=Release ./run.sh). See the README.
import lighthouse from 'lighthouse';
import desktop from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const gateway = args.gateway ?? 'http://localhost:8080';
const maildev = args.maildev ?? 'http://localhost:1080';
const dashboard = args.dashboard ?? 'http://localhost:18888';
const runs = Number(args.runs ?? 3);
const chromePath = args.chrome ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function json(method, url, body, token) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A verified customer with an open help ticket, made through the public API and MailDev. */
async function newCustomer() {
  const email = `lighthouse-${Date.now()}@example.com`;
  const password = 'lighthouse passphrase 2026';
  const signup = await json('POST', `${gateway}/api/identity/signup`, { email, password, displayName: 'Lee Lighthouse' });
  if (signup.status !== 202) throw new Error(`sign-up answered ${signup.status}`);
  let token;
  for (let i = 0; i < 120 && !token; i++, await sleep(500)) {
    const emails = await (await fetch(`${maildev}/api/email?to.address=${encodeURIComponent(email)}`)).json();
    const text = emails.filter(e => e.to?.some(t => t.address === email)).map(e => e.text ?? e.html ?? '').join('\n');
    token = /verify-email\?token=([^\s"<>&]+)/.exec(text)?.[1];
  }
  if (!token) throw new Error('no verification email');
  const verified = await json('POST', `${gateway}/api/identity/verify-email`, { token: decodeURIComponent(token) });
  if (verified.status !== 204) throw new Error(`verify-email answered ${verified.status}`);

  const form = new URLSearchParams({ grant_type: 'password', client_id: 'platform-cli', username: email, password, scope: 'openid offline_access api' });
  const access = (await (await fetch(`${gateway}/connect/token`, { method: 'POST', body: form })).json()).access_token;
  for (let i = 0; i < 120; i++, await sleep(500)) {
    const help = await json('POST', `${gateway}/api/onboarding/journey/help`, { body: 'Where do I find my invoices?' }, access);
    if (help.status === 201) return { email, password, ticketId: help.body.ticketId };
  }
  throw new Error('the journey never started');
}

async function audit(port, name, url) {
  const scores = [];
  for (let i = 0; i < runs; i++) {
    const { lhr } = await lighthouse(url, { port, output: 'json', logLevel: 'error' }, desktop);
    if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.message}`);
    scores.push({
      performance: lhr.categories.performance.score * 100,
      accessibility: lhr.categories.accessibility.score * 100,
      bestPractices: lhr.categories['best-practices'].score * 100,
      lcp: lhr.audits['largest-contentful-paint'].numericValue,
      tbt: lhr.audits['total-blocking-time'].numericValue,
      bytes: lhr.audits['total-byte-weight'].numericValue,
      finalUrl: lhr.finalDisplayedUrl,
      failed: Object.values(lhr.audits).filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map(a => a.id),
    });
  }
  const result = { name, url: scores[0].finalUrl };
  for (const key of ['performance', 'accessibility', 'bestPractices', 'lcp', 'tbt', 'bytes'])
    result[key] = median(scores.map(s => s[key]));
  result.failed = [...new Set(scores.flatMap(s => s.failed))];
  return result;
}

/** Milliseconds from navigation start until the selector is on the page, the browser's cache emptied first. */
async function coldTiming(context, url, selector) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector(selector, { timeout: 30_000 });
    times.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return median(times);
}

const customer = await newCustomer();
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
try {
  const results = [];
  // Signed out first: the sign-in page (Identity's, through the gateway) and the reference.
  results.push(await audit(chrome.port, 'sign-in page', `${gateway}/sign-in?returnUrl=%2Fonboarding`));
  results.push(await audit(chrome.port, 'start page (signed out)', `${gateway}/`));
  results.push(await audit(chrome.port, 'reference: Aspire dashboard login', `${dashboard}/login`));

  // Then signed in, in the same browser (Lighthouse keeps cookies and empties the cache).
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const context = browser.contexts()[0];
  const page = await context.newPage();
  await page.goto(`${gateway}/sign-in?returnUrl=%2Fonboarding`);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(customer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/onboarding$/);
  await page.close();

  results.push(await audit(chrome.port, 'journey page', `${gateway}/onboarding`));
  results.push(await audit(chrome.port, 'ticket page', `${gateway}/support/tickets/${customer.ticketId}`));
  const journeyInteractive = await coldTiming(context, `${gateway}/onboarding`, 'main[data-interactive] [data-step="19"]');
  const dashboardInteractive = await coldTiming(context, `${dashboard}/login`, 'input');

  console.log(`Lighthouse ${runs} runs each (median), desktop preset, Chromium at ${chromePath}`);
  console.log('| page | performance | accessibility | best practices | LCP ms | TBT ms | KB transferred |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${Math.round(r.lcp)} | ${Math.round(r.tbt)} | ${Math.round(r.bytes / 1024)} |`);
  for (const r of results.filter(r => r.failed.length))
    console.log(`  ${r.name}: audits not passed: ${r.failed.join(', ')}`);
  console.log(`Journey page interactive (taken over by WebAssembly, 19-step map on screen), cold cache: ${Math.round(journeyInteractive)} ms; reference, the dashboard's login form: ${Math.round(dashboardInteractive)} ms`);

  const budgets = [
    ...results.filter(r => !r.name.startsWith('reference') && r.name !== 'start page (signed out)').flatMap(r => [
      [`${r.name} performance ≥ 90`, r.performance >= 90],
      [`${r.name} accessibility ≥ 95`, r.accessibility >= 95],
      [`${r.name} best practices ≥ 95`, r.bestPractices >= 95],
    ]),
    ['sign-in page first visit ≤ 1.5 MB', results[0].bytes <= 1.5 * 1024 * 1024],
    ['journey page interactive ≤ 1.5 s cold', journeyInteractive <= 1500],
  ];
  for (const [budget, met] of budgets)
    console.log(`${met ? 'met    ' : 'MISSED '} ${budget}`);
  await browser.close();
  process.exitCode = budgets.every(([, met]) => met) ? 0 : 1;
} finally {
  await chrome.kill();
}
