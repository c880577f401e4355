// What Pagefind's browser API fetches per query: Chromium (playwright-core from tests/e2e)
// opens SITE_URL (a page served beside a Pagefind bundle at ./pagefind/), imports
// pagefind.js, runs each query from a cold cache and loads the data of the first 30 results
// (as dossier's search page shows 30). Prints {query: {path: bytes}} as JSON, each file's
// size as a server sends it: Pagefind's own files are gzipped already, others gzipped here.
//
//   node bench/pagefind/fetched.mjs http://127.0.0.1:8768/ DIR > fetched.json
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const require = createRequire(new URL('../../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, dir] = process.argv.slice(2);
const QUERIES = ['securite', 'cloud', 'huawei', 'souverainete donnees', 'certification scheme',
  'xi', 'sofia kowalski', 'backdoor', '1991', 'telecommunications', 'datacenter audit', 'evidence', 'zz'];
const size = (p) => {
  const bytes = fs.readFileSync(path.join(dir, decodeURIComponent(p)));
  return /\.(pf_\w+|pagefind)$/.test(p) ? bytes.length : zlib.gzipSync(bytes, { level: 6 }).length;
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const out = {};
for (const q of QUERIES) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base, { waitUntil: 'load' });
  const fetched = new Set();
  page.on('request', (r) => { const p = new URL(r.url()).pathname; if (p.includes('/pagefind/')) fetched.add(p); });
  const started = Date.now();
  const n = await page.evaluate(async (q) => {
    const pagefind = await import('./pagefind/pagefind.js');
    await pagefind.init();
    const search = await pagefind.search(q);
    await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    return search.results.length;
  }, q);
  const ms = Date.now() - started;
  out[q] = Object.fromEntries([...fetched].map((p) => [p, size(p)]));
  process.stderr.write(`${q}: ${n} results, ${fetched.size} files, ${ms} ms\n`);
  await ctx.close();
}
await browser.close();
console.log(JSON.stringify(out, null, 1));
