// What a reader of a large dossier waits for: the biggest pages, the timeline's first paint
// and load in headless Chromium, and how long a filter takes to show its events (with the
// bytes it fetched), for a built site. Optionally Lighthouse's mobile performance score.
//
//   python3 ../shared/bench/gen_corpus.py /tmp/c10k --docs 10000
//   cargo run --release -- build --root /tmp/c10k/dossier --output /tmp/s10k
//   node bench/readers.mjs /tmp/s10k [--runs 5] [--lighthouse PATH/TO/lighthouse]
//
// Targets (issue #23): no HTML page over 1 MB; the timeline's entry page and a year page
// painted under 1 s and loaded under 2 s; a filter's events shown under 300 ms; Lighthouse
// mobile performance at least 90 on both. The script serves the site itself on 127.0.0.1.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
// the one argument that is neither an option nor an option's value
const site = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!site) {
  console.error('usage: node bench/readers.mjs SITE_DIR [--runs N] [--lighthouse PATH]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(option('runs', 5));
const LIGHTHOUSE = option('lighthouse', '');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// 1. Page sizes.
const htmls = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.html')) htmls.push([fs.statSync(p).size, path.relative(site, p)]);
  }
})(site);
htmls.sort((a, b) => b[0] - a[0]);
console.log(`HTML pages: ${htmls.length}; over 1 MB: ${htmls.filter(([s]) => s > 1 << 20).length}`);
for (const [size, p] of htmls.slice(0, 5)) console.log(`  ${kb(size).padStart(10)}  ${p}`);

// A static server, as GitHub Pages or `python3 -m http.server` would be (gzip left out:
// sizes below are raw bytes).
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(site, p);
  if (!file.startsWith(path.resolve(site)) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

// 2. First paint and load of the timeline's pages.
const timeline = fs.readFileSync(path.join(site, 'timeline/index.html'), 'utf8');
const firstYear = /<nav class="toc periods"[\s\S]*?<a href="([^"]+)"/.exec(timeline);
const basePath = /<link rel="canonical" href="https?:\/\/[^/]+(\/[^"]*?)timeline\/"/.exec(timeline);
const local = (href) => href.replace(basePath ? basePath[1] : '/', '');
const urls = ['timeline/'];
if (firstYear) urls.push(local(firstYear[1]));
console.log('\npage                      FCP (ms)  load (ms)  DOM nodes   bytes');
for (const u of urls) {
  const fcp = [];
  const load = [];
  let nodes = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(base + u, { waitUntil: 'load' });
    const t = await page.evaluate(async () => {
      const nav = performance.getEntriesByType('navigation')[0];
      // the paint entry may be recorded a frame after the load event
      const paint = await new Promise((ok) => {
        new PerformanceObserver((l) => ok(l.getEntriesByName('first-contentful-paint')[0]))
          .observe({ type: 'paint', buffered: true });
        setTimeout(() => ok(null), 2000);
      });
      const bytes = [nav, ...performance.getEntriesByType('resource')].reduce((n, e) => n + (e.decodedBodySize || 0), 0);
      return { fcp: paint ? paint.startTime : NaN, load: nav.loadEventEnd, nodes: document.getElementsByTagName('*').length, bytes };
    });
    bytes = t.bytes;
    fcp.push(t.fcp);
    load.push(t.load);
    nodes = t.nodes;
    await ctx.close();
  }
  console.log(`${u.padEnd(24)} ${median(fcp).toFixed(0).padStart(9)} ${median(load).toFixed(0).padStart(10)} ${String(nodes).padStart(10)} ${kb(bytes).padStart(10)}`);
}

// 3. Filters: from a year page, the time from choosing until the events show, and the bytes
// fetched for them.
const panel = /<section id="timeline-filters"[^>]*data-filters="([^"]*)"[^>]*data-actor-list="([^"]*)"/.exec(timeline);
if (panel && panel[1] && firstYear) {
  const actors = JSON.parse(fs.readFileSync(path.join(site, local(panel[2])), 'utf8')).actors;
  const busiest = [...actors].sort((a, b) => b[2] - a[2])[0];
  const quiet = [...actors].sort((a, b) => a[2] - b[2])[0];
  const options = (id) => [...timeline.matchAll(new RegExp(`<select id="${id}">([\\s\\S]*?)</select>`, 'g'))]
    .flatMap((m) => [...m[1].matchAll(/<option value="([^"]+)"/g)].map((o) => o[1]));
  const cases = [
    ['actor (most events)', async (page) => page.fill('#filter-actor', busiest[1])],
    ['actor (fewest events)', async (page) => page.fill('#filter-actor', quiet[1])],
  ];
  for (const [id, what] of [['filter-tag', 'tag'], ['filter-kind', 'kind'], ['filter-claim', 'status']]) {
    const values = options(id);
    if (values.length) cases.push([`${what} ${values[0]}`, async (page) => page.selectOption(`#${id}`, values[0])]);
  }
  console.log('\nfilter (from a year page)        shown after (ms)   events   fetched');
  for (const [name, act] of cases) {
    const times = [];
    let rows = 0;
    let fetched = 0;
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(base + local(firstYear[1]), { waitUntil: 'load' });
      await page.focus('#filter-actor');
      await page.waitForLoadState('networkidle');
      const since = await page.evaluate(() => performance.now());
      const start = Date.now();
      await act(page);
      await page.waitForSelector('#filter-results:not([hidden]) li');
      times.push(Date.now() - start);
      rows = await page.$$eval('#filter-results li', (l) => l.length);
      fetched = await page.evaluate((t) => performance.getEntriesByType('resource')
        .filter((e) => e.startTime >= t).reduce((n, e) => n + (e.decodedBodySize || 0), 0), since);
      await ctx.close();
    }
    console.log(`${name.padEnd(32)} ${String(median(times)).padStart(16)} ${String(rows).padStart(8)} ${kb(fetched).padStart(9)}`);
  }
}
await browser.close();

// 4. Lighthouse, mobile (its default: a slow 4G network and a CPU slowed 4×).
if (LIGHTHOUSE) {
  console.log('\nLighthouse mobile performance');
  for (const u of urls) {
    const out = spawnSync(LIGHTHOUSE, [base + u, '--only-categories=performance', '--output=json', '--quiet',
      '--chrome-flags=--headless --no-sandbox --disable-gpu'], { encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' } });
    try {
      const r = JSON.parse(out.stdout);
      const a = r.audits;
      console.log(`  ${u.padEnd(22)} ${Math.round(r.categories.performance.score * 100)}  (FCP ${a['first-contentful-paint'].displayValue}, LCP ${a['largest-contentful-paint'].displayValue}, TBT ${a['total-blocking-time'].displayValue}, CLS ${a['cumulative-layout-shift'].displayValue})`);
    } catch {
      console.log(`  ${u}: lighthouse failed: ${(out.stderr || '').slice(0, 300)}`);
    }
  }
}
server.close();
