// Time from the last keystroke to the results shown, on dossier's search page, in Chromium
// (playwright-core from tests/e2e). Each query is typed letter by letter in a fresh page
// (cold cache but for the manifest, which the page fetches as it opens).
//
//   node bench/search_latency.mjs http://127.0.0.1:8769/
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const base = process.argv[2];
const QUERIES = ['securite', 'cloud', 'souverainete donnees', 'sofia kowalski', 'telecommunications', 'datacenter audit'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const times = [];
for (const q of QUERIES) {
  const page = await browser.newPage();
  await page.goto(new URL('search/', base).href, { waitUntil: 'networkidle' });
  await page.type('#search-input', q, { delay: 60 });
  const typed = Date.now();
  await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(`“${q}”`)
    && document.querySelectorAll('#search-results li').length > 0, q, { timeout: 10000, polling: 'raf' });
  const ms = Date.now() - typed;
  times.push(ms);
  console.log(`${q}: results ${ms} ms after the last keystroke`);
  await page.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`median ${times[times.length >> 1]} ms, max ${times[times.length - 1]} ms`);
