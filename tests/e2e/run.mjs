#!/usr/bin/env node
// End-to-end checks of a built dossier site, as a person would see it: Debian's headless
// Chromium driven by playwright-core, the Nu HTML checker (vnu.jar), axe-core.
//
// Environment:
//   E2E_BASE_URL   the site's base URL, served on 127.0.0.1, ending with "/" (required),
//                  e.g. http://127.0.0.1:8123/ or http://127.0.0.1:8123/repo/
//   E2E_SITE_DIR   the output directory that is served at E2E_BASE_URL (for the Nu checker;
//                  without it, the checker runs over the HTML pages the crawl fetched)
//   E2E_LABEL      a name for this run (default: "root" or "subpath"), used in artefact paths
//   E2E_ARTIFACTS  where screenshots, the PDF and reports go (default: artifacts/LABEL here)
//   E2E_CHROMIUM   the browser (default: /usr/bin/chromium)
//   E2E_SCREENSHOTS=0  skip the screenshots
//   E2E_AXE=sample axe-core on one page of each kind only (default: every page)
//   E2E_CONCURRENCY    pages crawled at once (default 3)
//   E2E_COUNTS_FILE    append "passed failed" to this file, and print the summary with the
//                  label in front (so that a caller summing several runs prints the total)
//
// Prints one line per check ("ok" / "not ok" with the problems found), then a last line
// "N passed, M failed"; exits 1 if any check failed.

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const BASE_RAW = process.env.E2E_BASE_URL;
if (!BASE_RAW) {
  console.error('E2E_BASE_URL is required, e.g. E2E_BASE_URL=http://127.0.0.1:8123/repo/');
  process.exit(2);
}
const BASE = new URL(BASE_RAW.endsWith('/') ? BASE_RAW : BASE_RAW + '/');
const ORIGIN = BASE.origin;
const BASE_PATH = BASE.pathname; // "/" or "/repo/"
const SITE_DIR = process.env.E2E_SITE_DIR || '';
const LABEL = process.env.E2E_LABEL || (BASE_PATH === '/' ? 'root' : 'subpath');
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS || path.join(HERE, 'artifacts', LABEL));
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';
const COUNTS_FILE = process.env.E2E_COUNTS_FILE || '';
// "all": axe-core on every page; "sample": on the first page of each kind only.
const AXE_ALL = (process.env.E2E_AXE || 'all') !== 'sample';
const CONCURRENCY = Math.max(1, Number(process.env.E2E_CONCURRENCY || 3));
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

// What the example dossier must show (the contracts of the search and timeline features).
// Another dossier can name its own with E2E_SEARCH_QUERY, E2E_SEARCH_EXPECT, E2E_FILTER_ACTOR.
// "ecrite" finds "Question écrite" (accents folded, and a prefix of the typed word is
// searched at every keystroke).
const SEARCH_QUERY = process.env.E2E_SEARCH_QUERY || 'ecrite';
const SEARCH_EXPECT = process.env.E2E_SEARCH_EXPECT || 'documents/latombe-question-17938/';
const FILTER_ACTOR = process.env.E2E_FILTER_ACTOR || 'xi-jinping';
const EXAMPLE_DOSSIER = !process.env.E2E_SEARCH_QUERY; // the extra search checks know its content
const SCREENSHOT_KINDS = ['overview', 'documents', 'documents-facet', 'tags', 'tag', 'document', 'actors', 'actor', 'timeline', 'network', 'search', 'briefing', 'data', '404'];
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic'];

fs.mkdirSync(ARTIFACTS, { recursive: true });
const log = (...a) => console.log(`[${LABEL}]`, ...a);

// ---------------------------------------------------------------------------------------------
// A tiny test runner: each check returns (or collects) a list of problems; none means it passed.

const results = [];
async function check(name, fn) {
  const problems = [];
  const t0 = Date.now();
  try {
    await fn((msg) => problems.push(msg));
  } catch (err) {
    problems.push(`threw: ${err && err.stack ? err.stack.split('\n').slice(0, 4).join('\n    ') : err}`);
  }
  const ms = Date.now() - t0;
  results.push({ name, ok: problems.length === 0, problems });
  if (problems.length === 0) {
    console.log(`ok - [${LABEL}] ${name} (${ms} ms)`);
  } else {
    console.log(`not ok - [${LABEL}] ${name} (${ms} ms)`);
    const shown = problems.slice(0, 40);
    for (const p of shown) console.log(`    # ${String(p).replace(/\n/g, '\n    #   ')}`);
    if (problems.length > shown.length) console.log(`    # ... and ${problems.length - shown.length} more`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const rel = (u) => {
  const url = new URL(u);
  if (url.origin !== ORIGIN) return u;
  return url.pathname + url.search + url.hash;
};
const stripHash = (u) => { const x = new URL(u); x.hash = ''; return x.href; };
const isSameOrigin = (u) => { try { return new URL(u).origin === ORIGIN; } catch { return false; } };
const underBase = (u) => new URL(u).pathname.startsWith(BASE_PATH);

// The kind of page at a URL, from its path below the base path.
function kindOf(u) {
  const p = new URL(u).pathname;
  if (!p.startsWith(BASE_PATH)) return 'outside';
  const r = p.slice(BASE_PATH.length);
  if (r === '' || r === 'index.html') return 'overview';
  if (r === '404.html') return '404';
  // the documents index's later pages, and its listings by kind, language and year
  if (/^documents\/page\/\d+\/(?:index\.html)?$/.test(r)) return 'documents';
  if (/^documents\/(?:kind|lang|year)\/[^/]+\/(?:page\/\d+\/)?(?:index\.html)?$/.test(r)) return 'documents-facet';
  if (/^tags\/[^/]+\/(?:page\/\d+\/)?(?:index\.html)?$/.test(r)) return 'tag';
  const m = r.match(/^([^/]+)\/(?:index\.html)?$/);
  if (m) {
    const map = { documents: 'documents', actors: 'actors', timeline: 'timeline', search: 'search', briefing: 'briefing', events: 'events', data: 'data', integrity: 'integrity', tags: 'tags' };
    return map[m[1]] || `other:${m[1]}`;
  }
  const d = r.match(/^([^/]+)\/[^/]+\/(?:index\.html)?$/);
  if (d) {
    const map = { documents: 'document', actors: 'actor', events: 'event' };
    return map[d[1]] || `other:${d[1]}/*`;
  }
  return 'other';
}

// Fetch a same-origin URL once (no redirects followed: a link must answer 200 itself).
const fetched = new Map();
async function get(u) {
  const key = stripHash(u);
  if (!fetched.has(key)) {
    fetched.set(key, (async () => {
      try {
        const res = await fetch(key, { redirect: 'manual' });
        const type = res.headers.get('content-type') || '';
        const textual = /text|xml|json|javascript|svg/.test(type);
        const body = textual ? await res.text() : (await res.arrayBuffer(), '');
        return { url: key, status: res.status, type, body, location: res.headers.get('location') };
      } catch (err) {
        return { url: key, status: 0, type: '', body: '', error: String(err) };
      }
    })());
  }
  return fetched.get(key);
}
// How a reference reads in a report: <a href="..."> or css url() "...".
const desc = (l) => (l.attr ? `<${l.tag} ${l.attr}="${l.raw}">` : `${l.tag} "${l.raw}"`);
const isHtml = (r) => r.status === 200 && /text\/html/.test(r.type);

// URLs in CSS text: url(...) and @import "...".
function cssUrls(text) {
  const out = [];
  const re = /url\(\s*(['"]?)([^'")]+?)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;
  let m;
  while ((m = re.exec(text))) {
    const v = (m[2] || m[4] || '').trim();
    if (v && !/^(data|blob|about):/i.test(v) && !v.startsWith('#')) out.push(v);
  }
  return out;
}

// Same-origin or root-absolute URLs written in a text file (XML, robots.txt, escaped HTML in
// a feed): absolute URLs anywhere, and root-absolute paths in (possibly escaped) attributes.
function textUrls(text) {
  const out = [];
  const abs = /https?:\/\/[^\s"'<>()\\]+/g;
  let m;
  while ((m = abs.exec(text))) out.push(m[0].replace(/&amp;/g, '&').replace(/[.,;]+$/, ''));
  const attr = /\b(?:href|src|action|poster)\s*=\s*(?:"|'|&quot;|&#34;|&#x22;|&#39;|&#x27;)?(\/(?!\/)[^"'\s>&]*)/gi;
  while ((m = attr.exec(text))) out.push(m[1]);
  for (const u of cssUrls(text)) if (u.startsWith('/') && !u.startsWith('//')) out.push(u);
  return out;
}

// Path-like strings in a JSON document (a search index, say).
function jsonUrls(value, out = []) {
  if (typeof value === 'string') {
    if (/^https?:\/\//.test(value) || /^\/(?!\/)/.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) jsonUrls(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { jsonUrls(k, out); jsonUrls(v, out); }
  }
  return out;
}

const norm = (s) => (s || '').normalize('NFKC').replace(/\s+/g, ' ').trim();
// For finding a title in text extracted from a PDF: letters and digits only, diacritics kept.
const squash = (s) => (s || '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

// ---------------------------------------------------------------------------------------------
// The browser, and the record of everything pages request.

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
const requests = []; // { from, url }
const axeSource = fs.readFileSync(AXE_PATH, 'utf8');

const newContext = (opts = {}) => browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Open a page and record what happens while it loads.
async function open(ctx, url, { routeBody = null, waitUntil = 'load' } = {}) {
  const page = await ctx.newPage();
  const events = { console: [], pageErrors: [], failed: [], favicon: [] };
  page.on('request', (req) => requests.push({ from: url, url: req.url() }));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const at = (msg.location() || {}).url || '';
    // Chromium fetches /favicon.ico by itself when a page declares no icon: reported apart.
    if (/\/favicon\.ico$/.test(at)) events.favicon.push(`${rel(at)}: ${msg.text()}`);
    // The deliberate 404 status of the 404 page itself.
    // A failed load is reported from the request itself (below), not twice.
    else if (/^Failed to load resource/.test(msg.text())) return;
    else events.console.push(at && at !== url ? `${msg.text()} (${rel(at)})` : msg.text());
  });
  page.on('pageerror', (err) => events.pageErrors.push(String(err && err.message || err)));
  page.on('requestfailed', (req) => {
    const err = (req.failure() && req.failure().errorText) || '';
    // A 404 stylesheet or script is also "aborted": report the status only.
    if (/ERR_ABORTED/.test(err) && events.failed.some((f) => f.startsWith(`${rel(req.url())}: HTTP`))) return;
    events.failed.push(`${rel(req.url())}: ${err}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && stripHash(res.url()) !== stripHash(url)) events.failed.push(`${rel(res.url())}: HTTP ${res.status()}`);
  });
  if (routeBody !== null) {
    await page.route(stripHash(url), (route) => route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: routeBody }));
  }
  let response = null;
  try {
    response = await page.goto(url, { waitUntil, timeout: 20000 });
  } catch (err) {
    events.pageErrors.push(`navigation: ${err.message.split('\n')[0]}`);
  }
  return { page, events, status: response ? response.status() : 0 };
}

// What a page links to and which ids it has.
async function pageFacts(page) {
  return page.evaluate(() => {
    const links = [];
    const add = (el, attr, raw) => {
      if (raw == null) return;
      let abs;
      try { abs = new URL(raw, document.baseURI).href; } catch { abs = null; }
      const tag = el.tagName.toLowerCase();
      const ctx = (el.closest('[id]') || {}).id || '';
      links.push({ tag, attr, raw, abs, rel: el.getAttribute('rel') || '', text: (el.textContent || '').trim().slice(0, 60), ctx });
    };
    for (const el of document.querySelectorAll('a, area, link')) add(el, 'href', el.getAttribute('href') ?? el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
    for (const el of document.querySelectorAll('script[src], img[src], iframe[src], source[src], video[src], audio[src], track[src], embed[src], input[src]')) add(el, 'src', el.getAttribute('src'));
    for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
      for (const part of el.getAttribute('srcset').split(',')) { const u = part.trim().split(/\s+/)[0]; if (u) add(el, 'srcset', u); }
    }
    for (const el of document.querySelectorAll('form[action]')) add(el, 'action', el.getAttribute('action'));
    for (const el of document.querySelectorAll('video[poster]')) add(el, 'poster', el.getAttribute('poster'));
    for (const el of document.querySelectorAll('object[data]')) add(el, 'data', el.getAttribute('data'));
    for (const el of document.querySelectorAll('svg *')) {
      if (el.tagName.toLowerCase() === 'a') continue;
      const v = el.getAttribute('href') ?? el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
      if (v) add(el, 'href', v);
    }
    const meta = document.querySelector('meta[http-equiv="refresh" i]');
    if (meta) { const m = /url=(.*)$/i.exec(meta.content || ''); if (m) add(meta, 'content', m[1].trim()); }
    const styles = [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n')
      + '\n' + [...document.querySelectorAll('[style]')].map((e) => e.getAttribute('style')).join('\n');
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
      .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));
    const h1 = document.querySelector('h1');
    return {
      links, ids, styles,
      title: document.title,
      lang: document.documentElement.getAttribute('lang') || '',
      h1: h1 ? h1.textContent.replace(/\s+/g, ' ').trim() : '',
      h1Count: document.querySelectorAll('h1').length,
    };
  });
}

async function runAxe(page) {
  try {
    await page.addScriptTag({ path: AXE_PATH });
  } catch {
    await page.evaluate(axeSource); // a Content-Security-Policy may forbid the injected tag
  }
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').split('\n').slice(0, 3).join(' ') })),
    }));
  });
  return res.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
const describeViolation = (where, v) =>
  `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target}${n.summary ? ` [${n.summary}]` : ''}`).join('; ')}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : ''}`;

// ---------------------------------------------------------------------------------------------
// 1. Crawl: every page reachable from the base URL, the sitemap, and the known page kinds.

const pages = new Map(); // url (no hash) -> { url, kind, status, facts, events, axe: {light, dark} }
const otherLinks = []; // { from, abs, raw, what }: URLs found outside HTML attributes (CSS, feed...)
const textFiles = new Map(); // url -> { what, body }
const crawlCtx = await newContext();
const deep404 = new URL('e2e-no-such-page/deeper/', BASE).href;
const darkDone = new Set();

const queue = [];
const queued = new Set();
function enqueue(u, from) {
  let x;
  try { x = new URL(u); } catch { return; }
  if (x.origin !== ORIGIN || !x.pathname.startsWith(BASE_PATH)) return;
  x.hash = '';
  if (queued.has(x.href)) return;
  queued.add(x.href);
  queue.push({ url: x.href, from });
}

await check('the site answers at the base URL, with sitemap.xml, robots.txt and feed.xml', async (fail) => {
  const home = await get(BASE.href);
  if (!isHtml(home)) fail(`${BASE.href}: HTTP ${home.status} ${home.type} ${home.error || ''}`);
  for (const f of ['sitemap.xml', 'robots.txt', 'feed.xml']) {
    const r = await get(new URL(f, BASE).href);
    if (r.status !== 200) fail(`${rel(r.url)}: HTTP ${r.status}`);
  }
});

enqueue(BASE.href, '(base URL)');
{
  const sm = await get(new URL('sitemap.xml', BASE).href);
  if (sm.status === 200) {
    textFiles.set(sm.url, { what: 'sitemap.xml', body: sm.body });
    for (const m of sm.body.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) enqueue(m[1].replace(/&amp;/g, '&'), 'sitemap.xml');
  }
  for (const f of ['robots.txt', 'feed.xml', 'search-index.json']) {
    const r = await get(new URL(f, BASE).href);
    if (r.status === 200) textFiles.set(r.url, { what: f, body: r.body });
  }
  for (const f of ['404.html', 'search/', 'briefing/', 'timeline/', 'documents/', 'actors/', 'data/', 'integrity/', 'tags/', 'tags/backdoors/', 'documents/kind/letter/', 'documents/lang/fr/']) {
    const r = await get(new URL(f, BASE).href);
    if (isHtml(r)) enqueue(r.url, '(known page)');
  }
}

async function crawlOne({ url, from }) {
  const r = await get(url);
  if (!isHtml(r)) return; // a broken link is reported by the link check
  const kind = kindOf(url);
  const { page, events, status } = await open(crawlCtx, url);
  let facts = { links: [], ids: [], styles: '', title: '', lang: '', h1: '' };
  let light = [];
  let dark = null;
  try {
    facts = await pageFacts(page);
    const first = !darkDone.has(kind);
    darkDone.add(kind);
    if (AXE_ALL || first) light = await runAxe(page);
    if (first) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await settle(page);
      dark = await runAxe(page);
    }
  } catch (err) {
    events.pageErrors.push(`while inspecting: ${err.message.split('\n')[0]}`);
  }
  await page.close();
  pages.set(url, { url, from, kind, status, facts, events, axe: { light, dark }, body: r.body });
  for (const l of facts.links) {
    if (l.abs && l.tag !== 'link' && l.attr === 'href') enqueue(l.abs, url);
    if (l.abs && l.tag === 'link' && /\balternate\b/.test(l.rel) && !/\bstylesheet\b/.test(l.rel)) {
      // feeds and the like: read them for the base-path and link checks
      const a = await get(l.abs);
      if (a.status === 200 && /xml|json|text\/plain/.test(a.type)) textFiles.set(a.url, { what: rel(a.url), body: a.body });
    }
  }
  for (const u of cssUrls(facts.styles)) otherLinks.push({ from: url, raw: u, abs: new URL(u, url).href, what: 'inline style url()' });
}

// A few pages at a time (axe takes about a second a page).
const t0 = Date.now();
let busy = 0;
await new Promise((resolve, reject) => {
  const pump = () => {
    while (busy < CONCURRENCY && queue.length) {
      busy++;
      crawlOne(queue.shift()).then(() => { busy--; pump(); }, reject);
    }
    if (busy === 0 && queue.length === 0) resolve();
  };
  pump();
});

// The 404 page as GitHub Pages serves it: at any missing path, at any depth.
{
  const r404 = await get(new URL('404.html', BASE).href);
  if (isHtml(r404)) {
    const { page, events } = await open(crawlCtx, deep404, { routeBody: r404.body });
    const facts = await pageFacts(page).catch(() => ({ links: [], ids: [], styles: '' }));
    const css = await page.evaluate(() => [...document.styleSheets].filter((s) => { try { return s.cssRules.length > 0; } catch { return true; } }).length).catch(() => 0);
    await page.close();
    pages.set(deep404, { url: deep404, from: '(404 at depth)', kind: '404-deep', status: 404, facts, events, axe: { light: [], dark: null }, body: r404.body, styled: css });
  }
}
log(`crawled ${pages.size} pages in ${Date.now() - t0} ms`);

// CSS files and other same-origin resources the pages use.
const allRefs = []; // { from, raw, abs, tag, attr }
for (const p of pages.values()) for (const l of p.facts.links) allRefs.push({ from: p.url, ...l });
for (const l of otherLinks) allRefs.push({ from: l.from, raw: l.raw, abs: l.abs, tag: l.what, attr: '' });
const cssSeen = new Set();
for (let i = 0; i < allRefs.length; i++) {
  const l = allRefs[i];
  if (!l.abs || !isSameOrigin(l.abs)) continue;
  const isCss = (l.tag === 'link' && /\bstylesheet\b/.test(l.rel)) || /\.css$/.test(new URL(l.abs).pathname);
  if (!isCss) continue;
  const key = stripHash(l.abs);
  if (cssSeen.has(key)) continue;
  cssSeen.add(key);
  const r = await get(key);
  if (r.status !== 200) continue;
  textFiles.set(key, { what: rel(key), body: r.body, css: true });
  for (const u of cssUrls(r.body)) allRefs.push({ from: key, raw: u, abs: new URL(u, key).href, tag: 'css url()', attr: '' });
}
// Same-origin JSON, XML and text the pages fetched at run time (a search index, say).
for (const q of requests) {
  if (!isSameOrigin(q.url)) continue;
  const p = new URL(q.url).pathname;
  if (/\.(json|xml|txt)$/.test(p)) {
    const r = await get(q.url);
    if (r.status === 200) textFiles.set(r.url, { what: rel(r.url), body: r.body });
  }
}

const byKind = new Map();
for (const p of pages.values()) {
  if (!byKind.has(p.kind)) byKind.set(p.kind, []);
  byKind.get(p.kind).push(p);
}
log('page kinds: ' + [...byKind].map(([k, v]) => `${k}=${v.length}`).join(' '));

// ---------------------------------------------------------------------------------------------
// 2. The checks over the crawl.

// "what" happened on several pages: one line, with a few of the pages.
function grouped(entries) {
  const by = new Map();
  for (const [what, where] of entries) {
    if (!by.has(what)) by.set(what, new Set());
    by.get(what).add(where);
  }
  return [...by].map(([what, wheres]) => {
    const list = [...wheres];
    return list.length === 1 ? `${list[0]}: ${what}` : `${what} — on ${list.length} pages, e.g. ${list.slice(0, 3).join(', ')}`;
  });
}

await check('every page loads without errors (HTTP 200, no console or script error, no failed request)', async (fail) => {
  if (pages.size < 2) fail(`only ${pages.size} page(s) found from ${BASE.href}`);
  const entries = [];
  for (const p of pages.values()) {
    const where = rel(p.url) + (p.kind === '404-deep' ? ' (404.html served at a missing path)' : '');
    if (p.kind !== '404-deep' && p.status !== 200) entries.push([`HTTP ${p.status}`, where]);
    for (const e of p.events.pageErrors) entries.push([`script error: ${e}`, where]);
    for (const e of p.events.console) entries.push([`console error: ${e}`, where]);
    for (const e of p.events.failed) entries.push([`failed request ${e}`, where]);
  }
  for (const m of grouped(entries)) fail(m);
});

await check('every page has a lang attribute, a title and one h1', async (fail) => {
  for (const p of pages.values()) {
    if (p.kind === '404-deep') continue;
    if (!p.facts.lang) fail(`${rel(p.url)}: <html> has no lang`);
    if (!norm(p.facts.title)) fail(`${rel(p.url)}: empty <title>`);
    if (p.facts.h1Count !== 1) fail(`${rel(p.url)}: ${p.facts.h1Count} <h1> elements (one expected)`);
  }
});

await check('every page declares an icon (else browsers fetch /favicon.ico at the origin root, outside the base path)', async (fail) => {
  const without = [...pages.values()].filter((p) => p.kind !== '404-deep' && !p.facts.links.some((l) => l.tag === 'link' && /(^|\s)icon(\s|$)/i.test(l.rel)));
  if (without.length) {
    const fav = [...pages.values()].flatMap((p) => p.events.favicon);
    fail(`${without.length} of ${pages.size - 1} pages have no <link rel="icon">, e.g. ${without.slice(0, 3).map((p) => rel(p.url)).join(', ')}`
      + (fav.length ? `; Chromium then requested ${new URL('/favicon.ico', ORIGIN).pathname}: ${fav[0]}` : ''));
  }
});

await check('JSON-LD: every page has one schema.org <script type="application/ld+json"> that parses', async (fail) => {
  for (const p of pages.values()) {
    if (p.kind === '404-deep' || !String(p.body).startsWith('<!doctype html>')) continue;
    const scripts = [...String(p.body).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    if (scripts.length !== 1) { fail(`${rel(p.url)}: ${scripts.length} JSON-LD scripts`); continue; }
    try {
      const value = JSON.parse(scripts[0][1]);
      if (value['@context'] !== 'https://schema.org' || !value['@type']) fail(`${rel(p.url)}: no schema.org @context or @type`);
    } catch (err) {
      fail(`${rel(p.url)}: ${err.message}`);
    }
  }
});

await check('the 404 page works at any depth (GitHub Pages serves it for every missing path)', async (fail) => {
  const p = pages.get(deep404);
  if (!p) { fail('404.html is missing from the output'); return; }
  for (const e of new Set(p.events.failed)) fail(`404.html at ${rel(deep404)}: failed request ${e}`);
  if (!p.styled) fail(`404.html at ${rel(deep404)}: no stylesheet applied`);
  for (const l of p.facts.links) {
    if (!l.abs || !isSameOrigin(l.abs) || l.raw.startsWith('#')) continue;
    const r = await get(l.abs);
    if (r.status !== 200) fail(`404.html at ${rel(deep404)}: <${l.tag} ${l.attr}="${l.raw}"> → ${rel(l.abs)}: HTTP ${r.status} (use base-path-absolute URLs, not relative ones)`);
  }
});

await check('Nu HTML checker: no error on any page', async (fail) => {
  let dir = SITE_DIR;
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-vnu-'));
    for (const p of pages.values()) {
      if (p.kind === '404-deep') continue;
      let f = new URL(p.url).pathname.slice(BASE_PATH.length) || 'index.html';
      if (f.endsWith('/')) f += 'index.html';
      fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), p.body);
    }
  }
  const res = spawnSync('java', ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--skip-non-html', '--also-check-css', dir],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.error) { fail(`could not run java -jar ${VNU_JAR}: ${res.error.message}`); return; }
  fs.writeFileSync(path.join(ARTIFACTS, 'vnu.json'), res.stderr || res.stdout);
  let report;
  try { report = JSON.parse(res.stderr || res.stdout); } catch { fail(`vnu printed no JSON (exit ${res.status}): ${(res.stderr || '').slice(0, 500)}`); return; }
  const htmlCount = pages.size;
  const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  for (const m of errors) {
    const file = (m.url || '').replace(/^file:/, '').replace(dir.replace(/\/?$/, '/'), '');
    fail(`${file}:${m.lastLine || '?'}:${m.firstColumn || m.lastColumn || '?'}: ${m.message}${m.extract ? `  «${m.extract.replace(/\s+/g, ' ').trim().slice(0, 100)}»` : ''}`);
  }
  log(`vnu: ${errors.length} errors, ${report.messages.length - errors.length} warnings/info over ${dir} (${htmlCount} pages crawled)`);
});

for (const [kind, list] of byKind) {
  if (kind === '404-deep') continue;
  await check(`axe-core, light: no serious or critical violation on ${kind} pages (${AXE_ALL ? list.length : 1} audited)`, async (fail) => {
    for (const p of list) for (const v of p.axe.light) fail(describeViolation(rel(p.url), v));
  });
}
for (const [kind, list] of byKind) {
  if (kind === '404-deep') continue;
  await check(`axe-core, dark: no serious or critical violation on a ${kind} page`, async (fail) => {
    const p = list.find((x) => x.axe.dark !== null);
    if (!p) { fail('no page of this kind was audited in dark mode'); return; }
    for (const v of p.axe.dark) fail(describeViolation(`${rel(p.url)} (dark)`, v));
  });
}

await check('links: every same-origin href/src on every page answers HTTP 200', async (fail) => {
  const seen = new Set();
  for (const l of allRefs) {
    if (!l.abs) { fail(`${rel(l.from)}: <${l.tag} ${l.attr}="${l.raw}"> is not a valid URL`); continue; }
    if (/^javascript:/i.test(l.raw.trim())) { fail(`${rel(l.from)}: <${l.tag} ${l.attr}="${l.raw.slice(0, 60)}"> is a javascript: URL`); continue; }
    if (!isSameOrigin(l.abs)) continue;
    if (l.from === deep404) continue; // checked on its own above
    const r = await get(l.abs);
    const key = `${l.from} ${stripHash(l.abs)}`;
    if (r.status !== 200 && !seen.has(key)) {
      seen.add(key);
      fail(`${rel(l.from)}: ${desc(l)} → ${rel(stripHash(l.abs))}: HTTP ${r.status}${r.location ? ` (redirects to ${r.location})` : ''}`);
    }
  }
});

await check('anchors: every #fragment of a same-origin link exists as an id on its target page', async (fail) => {
  const seen = new Set();
  for (const l of allRefs) {
    if (!l.abs || !isSameOrigin(l.abs)) continue;
    const u = new URL(l.abs);
    if (!u.hash || u.hash === '#') continue;
    const target = pages.get(stripHash(l.abs));
    const frag = decodeURIComponent(u.hash.slice(1));
    if (!target) {
      const r = await get(l.abs);
      if (isHtml(r) && !new RegExp(`\\b(?:id|name)=["']?${frag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\\s>]`).test(r.body)) {
        fail(`${rel(l.from)}: ${desc(l)}: no id="${frag}" on ${rel(stripHash(l.abs))}`);
      }
      continue;
    }
    if (!target.facts.ids.includes(frag)) {
      const key = `${l.from}#${l.abs}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fail(`${rel(l.from)}: ${desc(l)}${l.text ? ` ("${l.text}")` : ''}: no id="${frag}" on ${rel(stripHash(l.abs))}`);
    }
  }
});

await check('feed.xml, sitemap.xml, robots.txt (and a JSON search index): well formed, and every URL in them answers HTTP 200', async (fail) => {
  const sm = textFiles.get(new URL('sitemap.xml', BASE).href);
  const feed = textFiles.get(new URL('feed.xml', BASE).href);
  const robots = textFiles.get(new URL('robots.txt', BASE).href);
  if (!sm) fail('sitemap.xml is missing');
  else if (!/<urlset[^>]*xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"/.test(sm.body)) fail('sitemap.xml: no <urlset> in the sitemap namespace');
  if (!feed) fail('feed.xml is missing');
  else {
    if (!/<feed[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(feed.body)) fail('feed.xml: not an Atom feed');
    if (!/<entry[\s>]/.test(feed.body)) fail('feed.xml: no <entry>');
  }
  if (!robots) fail('robots.txt is missing');
  else {
    const m = robots.body.match(/^\s*Sitemap:\s*(\S+)/mi);
    if (!m) fail('robots.txt: no Sitemap: line');
    else if (m[1] !== new URL('sitemap.xml', BASE).href) fail(`robots.txt: Sitemap: ${m[1]} (expected ${new URL('sitemap.xml', BASE).href})`);
  }
  // Every content page found by the crawl should be listed (not the 404 and search pages),
  // and everything listed should exist.
  if (sm) {
    const locs = new Set([...sm.body.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&')));
    for (const p of pages.values()) {
      if (['404', '404-deep', 'search'].includes(p.kind)) continue;
      if (!locs.has(p.url)) fail(`sitemap.xml does not list ${rel(p.url)}`);
    }
  }
  for (const [u, f] of textFiles) {
    if (f.css) continue;
    let list;
    if (/\.json$/.test(new URL(u).pathname)) {
      try {
        const json = JSON.parse(f.body);
        list = jsonUrls(json);
        // the search index's manifest names its shards and chunks relative to itself
        for (const key of ['shards', 'chunks']) if (Array.isArray(json[key])) list.push(...json[key]);
      } catch { list = []; } // reported by the base-path check
    } else {
      list = textUrls(f.body);
    }
    for (const raw of new Set(list)) {
      let abs;
      try { abs = new URL(raw, u).href; } catch { fail(`${f.what}: invalid URL ${raw}`); continue; }
      if (!isSameOrigin(abs)) continue;
      const r = await get(abs);
      if (r.status !== 200) fail(`${f.what}: ${raw} → HTTP ${r.status}`);
      const h = new URL(abs).hash;
      if (h && h.length > 1 && pages.get(stripHash(abs)) && !pages.get(stripHash(abs)).facts.ids.includes(decodeURIComponent(h.slice(1)))) {
        fail(`${f.what}: ${raw}: no such id on ${rel(stripHash(abs))}`);
      }
    }
  }
});

await check(`base path: every same-origin URL starts with ${BASE_PATH} (pages, CSS, feed, sitemap, robots, JSON, requests)`, async (fail) => {
  const bad = new Map();
  const flag = (where, what) => { const k = `${where} ${what}`; if (!bad.has(k)) bad.set(k, `${where}: ${what}`); };
  for (const l of allRefs) {
    if (l.abs && isSameOrigin(l.abs) && !underBase(l.abs)) flag(rel(l.from), `${desc(l)} resolves to ${rel(l.abs)}`);
  }
  for (const [u, f] of textFiles) {
    let list = [];
    if (/\.json$/.test(new URL(u).pathname)) {
      try { list = jsonUrls(JSON.parse(f.body)); } catch (e) { flag(f.what, `not valid JSON: ${e.message}`); }
    } else if (f.css) {
      list = cssUrls(f.body);
    } else {
      list = textUrls(f.body);
    }
    for (const raw of list) {
      let abs;
      try { abs = new URL(raw, u).href; } catch { continue; }
      if (isSameOrigin(abs) && !underBase(abs)) flag(f.what, `${raw} is outside ${BASE_PATH}`);
    }
  }
  const outside = [];
  for (const q of requests) {
    if (isSameOrigin(q.url) && !underBase(q.url)) outside.push([`requested ${rel(q.url)}`, rel(q.from)]);
  }
  for (const m of grouped(outside)) fail(m);
  for (const v of bad.values()) fail(v);
});

// ---------------------------------------------------------------------------------------------
// 3. The features, through the browser.

const searchUrl = new URL('search/', BASE).href;
await check(`search: typing "${SEARCH_QUERY}" in #search-input lists ${SEARCH_EXPECT}; the results pass axe-core, light and dark`, async (fail) => {
  const r = await get(searchUrl);
  if (r.status !== 200) { fail(`${rel(searchUrl)} answers HTTP ${r.status}: the search page is missing`); return; }
  const ctx = await newContext();
  try {
    const { page, events } = await open(ctx, searchUrl);
    const input = page.locator('input#search-input');
    if (await input.count() !== 1) { fail(`${rel(searchUrl)}: no input#search-input`); return; }
    await input.click();
    await input.pressSequentially(SEARCH_QUERY, { delay: 30 });
    const want = new URL(SEARCH_EXPECT, BASE).href;
    try {
      await page.waitForFunction((w) => [...document.querySelectorAll('#search-results a[href]')].some((a) => a.href.split('#')[0] === w), want, { timeout: 5000 });
    } catch {
      const got = await page.$$eval('#search-results a[href]', (as) => as.map((a) => a.getAttribute('href'))).catch(() => []);
      fail(`no link to ${rel(want)} in #search-results after typing "${SEARCH_QUERY}" (links shown: ${got.length ? got.join(', ') : 'none'})`);
    }
    const hrefs = await page.$$eval('#search-results a[href]', (as) => as.map((a) => ({ raw: a.getAttribute('href'), abs: a.href }))).catch(() => []);
    for (const h of hrefs) {
      if (!isSameOrigin(h.abs)) { fail(`search result ${h.raw} is not on this site`); continue; }
      if (!underBase(h.abs)) fail(`search result ${h.raw} is outside ${BASE_PATH}`);
      const t = await get(h.abs);
      if (t.status !== 200) fail(`search result ${h.raw} → HTTP ${t.status}`);
      const hash = new URL(h.abs).hash;
      const tp = pages.get(stripHash(h.abs));
      if (hash.length > 1 && tp && !tp.facts.ids.includes(decodeURIComponent(hash.slice(1)))) fail(`search result ${h.raw}: no such id on the target page`);
    }
    // The page with results shown, audited as the crawl audits every page: light and dark.
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await settle(page);
      for (const v of await runAxe(page)) fail(describeViolation(`${rel(searchUrl)} with results (${scheme})`, v));
    }
    for (const e of events.pageErrors.concat(events.console)) fail(`script error on ${rel(searchUrl)}: ${e}`);
    await page.close();
  } finally {
    await ctx.close();
  }
});

if (EXAMPLE_DOSSIER) await check('search: actors and events are found too ("ren zhengfei", "budapest")', async (fail) => {
  const r = await get(searchUrl);
  if (r.status !== 200) { fail(`${rel(searchUrl)} answers HTTP ${r.status}: the search page is missing`); return; }
  const ctx = await newContext();
  try {
    const { page } = await open(ctx, searchUrl);
    const input = page.locator('input#search-input');
    if (await input.count() !== 1) { fail('no input#search-input'); return; }
    for (const [q, want] of [['ren zhengfei', 'actors/ren-zhengfei/'], ['budapest', 'xi-visit-budapest']]) {
      await input.fill('');
      await input.pressSequentially(q, { delay: 20 });
      const ok = await page.waitForFunction((w) => [...document.querySelectorAll('#search-results a[href]')].some((a) => a.href.includes(w)), want, { timeout: 4000 }).then(() => true, () => false);
      if (!ok) fail(`typing "${q}": no result link containing "${want}"`);
    }
  } finally {
    await ctx.close();
  }
});

// The shard search.js fetches for a folded word: FNV-1a of its first two characters' UTF-8.
const shardOf = (word, shards) => {
  let h = 0x811c9dc5;
  for (const b of Buffer.from([...word].slice(0, 2).join(''))) h = Math.imul(h ^ b, 16777619);
  return (h >>> 0) % shards;
};
const resultLinks = (page) => page.$$eval('#search-results a[href]', (as) => as.map((a) => a.getAttribute('href'))).catch(() => []);
const waitForResults = (page, want) => page.waitForFunction((w) => {
  const status = document.getElementById('search-status').textContent;
  return status && [...document.querySelectorAll('#search-results a[href]')].some((a) => a.href.includes(w));
}, want, { timeout: 5000 }).then(() => true, () => false);

if (EXAMPLE_DOSSIER) await check('search: results narrowed by type, kind and year, kept in the address; only the manifest, the shards of the words typed and the chunks of the results shown are fetched', async (fail) => {
  const ctx = await newContext();
  try {
    const fetched = [];
    const page = await ctx.newPage();
    page.on('request', (req) => { if (/search-index/.test(req.url())) fetched.push(new URL(req.url()).pathname); });
    // a narrowed search, opened from its address
    await page.goto(`${searchUrl}?q=huawei&type=document&kind=letter&year=2018`, { waitUntil: 'load' });
    if (!(await waitForResults(page, 'documents/huawei-letter-to-ansip/'))) fail(`?q=huawei&type=document&kind=letter&year=2018: no link to the letter (shown: ${(await resultLinks(page)).join(', ') || 'none'})`);
    const narrowed = await resultLinks(page);
    if (narrowed.some((h) => !h.includes('/documents/huawei-letter-to-ansip/'))) fail(`narrowed to letters of 2018, the results hold ${narrowed.join(', ')}`);
    for (const [name, want] of [['type', 'document'], ['kind', 'letter'], ['year', '2018']]) {
      const got = await page.$eval(`select[name="${name}"]`, (s) => s.value).catch(() => null);
      if (got !== want) fail(`select[name=${name}] shows "${got}", the address says "${want}"`);
    }
    // what was fetched: the manifest, the shard of "huawei", the chunks of the results
    const manifestUrl = new URL('search-index.json', BASE);
    const manifest = JSON.parse((await get(manifestUrl.href)).body);
    const allowed = new Set([manifestUrl.pathname, new URL(manifest.shards[shardOf('huawei', manifest.shards.length)], manifestUrl).pathname]);
    for (const c of manifest.chunks) allowed.add(new URL(c, manifestUrl).pathname);
    const shardsFetched = fetched.filter((f) => /\/t\d+\.json$/.test(f));
    if (shardsFetched.length !== 1) fail(`one word typed, ${shardsFetched.length} shards fetched: ${shardsFetched.join(', ')}`);
    for (const f of fetched) if (!allowed.has(f)) fail(`fetched ${f}, which "huawei" does not need`);
    if (new Set(fetched).size !== fetched.length) fail(`a file was fetched twice: ${fetched.join(', ')}`);
    // another type: the actor, and no document
    await page.selectOption('select[name="type"]', 'actor');
    await page.selectOption('select[name="kind"]', '');
    await page.selectOption('select[name="year"]', '');
    if (!(await waitForResults(page, 'actors/huawei/'))) fail('type=actor: no link to actors/huawei/');
    const actors = await resultLinks(page);
    if (actors.some((h) => !h.includes('/actors/'))) fail(`type=actor shows ${actors.join(', ')}`);
    if (!/[?&]type=actor(&|$)/.test(page.url()) || /[?&](kind|year)=/.test(page.url())) fail(`the address does not follow the filters: ${page.url()}`);
    // a year: the French question of 2024, not the letter of 2018
    await page.selectOption('select[name="type"]', '');
    await page.selectOption('select[name="year"]', '2024');
    if (!(await waitForResults(page, 'documents/latombe-question-17938/'))) fail('year=2024: no link to the question of 2024');
    const of2024 = await resultLinks(page);
    if (of2024.some((h) => h.includes('huawei-letter-to-ansip'))) fail(`year=2024 shows the letter of 2018: ${of2024.join(', ')}`);
    // one letter is not a word
    await page.fill('#search-input', 'h');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length === 0, null, { timeout: 3000 }).catch(() => fail('one letter typed: results still shown'));
  } finally {
    await ctx.close();
  }
});

const timelineUrl = new URL('timeline/', BASE).href;
async function eventStates(page) {
  return page.$$eval('li.event', (els) => els.map((e) => ({
    id: e.id,
    visible: e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0,
    actors: (e.dataset.actors || '').split(/\s+/).filter(Boolean),
    tags: (e.dataset.tags || '').split(/\s+/).filter(Boolean),
    kinds: (e.dataset.kinds || e.dataset.kind || '').split(/\s+/).filter(Boolean),
    hasKinds: e.hasAttribute('data-kinds') || e.hasAttribute('data-kind'),
  })));
}
// A timeline split into periods (a large dossier): the entry page lists the periods, and the
// filters fetch their events from every period.
const timelineBody = (pages.get(timelineUrl) || {}).body || (await get(timelineUrl)).body || '';
const splitTimeline = /data-filters="[^"]+"/.test(timelineBody);
if (splitTimeline) {
  await check('split timeline: an actor typed in the filter lists its events from every period, each on its page', async (fail) => {
    const ctx = await newContext();
    try {
      const { page, events } = await open(ctx, timelineUrl);
      const list = await page.$eval('#timeline-filters', (p) => p.dataset.actorList);
      const actors = JSON.parse((await get(new URL(list, timelineUrl).href)).body || '{"actors":[]}').actors;
      const actor = actors.find((a) => a[0] === FILTER_ACTOR);
      if (!actor) { fail(`${list} has no actor ${FILTER_ACTOR}`); return; }
      await page.click('input#filter-actor');
      await page.fill('input#filter-actor', actor[1]);
      await page.waitForSelector('#filter-results:not([hidden]) li', { timeout: 5000 }).catch(() => fail(`typing "${actor[1]}": no results shown`));
      const links = await page.$$eval('#filter-results li a', (as) => as.map((a) => a.href));
      if (links.length !== actor[2]) fail(`${actor[1]}: ${links.length} events listed, ${actor[2]} expected`);
      const periods = new Set(links.map((l) => stripHash(l)));
      if (periods.size < 2) fail(`${actor[1]}: its events come from ${periods.size} period page(s); the test wants an actor across periods`);
      for (const l of links) {
        const r = await get(l);
        const id = decodeURIComponent(new URL(l).hash.slice(1));
        const m = new RegExp(`<li id="${id}" class="event" data-actors="([^"]*)"`).exec(r.body);
        if (!m) fail(`${rel(l)}: no li.event#${id} on that page`);
        else if (!m[1].split(' ').includes(FILTER_ACTOR)) fail(`${rel(l)}: li#${id} does not list ${FILTER_ACTOR}`);
      }
      if (new URL(page.url()).searchParams.get('actor') !== FILTER_ACTOR) fail(`the address does not keep the actor: ${page.url()}`);
      // the address alone brings the same list back
      await page.goto(page.url(), { waitUntil: 'load' });
      await page.waitForSelector('#filter-results:not([hidden]) li', { timeout: 5000 }).catch(() => fail('reloading ?actor=: no results shown'));
      if ((await page.inputValue('input#filter-actor')) !== actor[1]) fail('reloading ?actor=: the field does not show the actor');
      await page.click('#filter-reset');
      if (await page.isVisible('#filter-results')) fail('after reset, the results stay shown');
      for (const e of events.pageErrors.concat(events.console)) fail(`script error on ${rel(timelineUrl)}: ${e}`);
    } finally {
      await ctx.close();
    }
  });
  await check('split timeline without JavaScript: a period page shows its events and no dead filter panel', async (fail) => {
    const first = /<nav class="toc periods"[\s\S]*?<a href="([^"]+)"/.exec(timelineBody);
    if (!first) { fail(`${rel(timelineUrl)}: no link to a period`); return; }
    const ctx = await newContext({ javaScriptEnabled: false });
    try {
      const { page } = await open(ctx, new URL(first[1], timelineUrl).href, { waitUntil: 'load' });
      const st = await eventStates(page);
      if (!st.length) fail(`${first[1]}: no li.event`);
      if (st.some((e) => !e.visible)) fail(`${first[1]}: events hidden without JavaScript`);
      if (await page.isVisible('#timeline-filters')) fail(`${first[1]}: the filter panel shows without JavaScript`);
    } finally {
      await ctx.close();
    }
  });
} else {
await check(`timeline filter: actor, tag and kind hide and show the right li.event; reset shows all`, async (fail) => {
  const ctx = await newContext();
  try {
    const { page, events } = await open(ctx, timelineUrl);
    const all = await eventStates(page);
    if (all.length === 0) { fail(`${rel(timelineUrl)}: no li.event`); return; }
    const hiddenAtStart = all.filter((e) => !e.visible);
    if (hiddenAtStart.length) fail(`before filtering, ${hiddenAtStart.length} events are hidden: ${hiddenAtStart.map((e) => e.id).join(', ')}`);
    if (await page.locator('input#filter-actor[list]').count() !== 1) fail(`${rel(timelineUrl)}: no searchable input#filter-actor`);
    for (const id of ['filter-tag', 'filter-kind']) {
      if (await page.locator(`select#${id}`).count() !== 1) fail(`${rel(timelineUrl)}: no select#${id}`);
    }
    // The actor field takes a name, suggested from the datalist; the others are menus.
    const actorName = async (id) => page.$eval(`#filter-actor-list option[data-id="${id}"]`, (o) => o.value).catch(() => null);
    const choose = async (sel, value) => {
      if (sel !== 'filter-actor') { await page.selectOption(`select#${sel}`, value); return; }
      await page.fill('input#filter-actor', value ? (await actorName(value)) || value : '');
      await page.dispatchEvent('input#filter-actor', 'change');
    };
    const tryFilter = async (sel, value, field) => {
      if (sel === 'filter-actor') {
        if (!(await actorName(value))) { fail(`#filter-actor-list suggests no actor with data-id="${value}"`); return; }
      } else {
        if (await page.locator(`select#${sel}`).count() !== 1) return;
        const values = await page.$$eval(`select#${sel} option`, (os) => os.map((o) => o.value));
        if (!values.includes(value)) { fail(`select#${sel} has no option value="${value}" (has: ${values.join(', ')})`); return; }
      }
      await choose(sel, value);
      await settle(page);
      const st = await eventStates(page);
      const vis = st.filter((e) => e.visible);
      if (vis.length === 0) fail(`${sel}=${value}: no event visible`);
      if (field) {
        for (const e of vis) if (!e[field].includes(value)) fail(`${sel}=${value}: li#${e.id} is visible but its data-${field} is "${e[field].join(' ')}"`);
        for (const e of st) if (!e.visible && e[field].includes(value)) fail(`${sel}=${value}: li#${e.id} is hidden though its data-${field} contains ${value}`);
      }
      if (vis.length === st.length && st.some((e) => field && !e[field].includes(value))) fail(`${sel}=${value}: nothing was hidden`);
      await choose(sel, '');
      await settle(page);
      const back = (await eventStates(page)).filter((e) => !e.visible);
      if (back.length) fail(`after resetting ${sel}, ${back.length} events stay hidden: ${back.map((e) => e.id).join(', ')}`);
    };
    await tryFilter('filter-actor', FILTER_ACTOR, 'actors');
    // A tag that some but not all events carry.
    const tagCounts = new Map();
    for (const e of all) for (const t of e.tags) tagCounts.set(t, (tagCounts.get(t) || 0) + 1);
    const tagValues = await page.$$eval('select#filter-tag option', (os) => os.map((o) => o.value).filter(Boolean)).catch(() => []);
    const tag = tagValues.find((t) => (tagCounts.get(t) || 0) > 0 && tagCounts.get(t) < all.length);
    if (await page.locator('select#filter-tag').count() === 1) {
      if (!tag) fail(`select#filter-tag: no option matches the data-tags of some but not all events (options: ${tagValues.join(', ')})`);
      else await tryFilter('filter-tag', tag, 'tags');
    }
    // A document kind: events carry it in data-kinds (or data-kind) if the theme says so.
    if (await page.locator('select#filter-kind').count() === 1) {
      const kinds = await page.$$eval('select#filter-kind option', (os) => os.map((o) => o.value).filter(Boolean));
      if (!kinds.length) fail('select#filter-kind has no option');
      else {
        const field = all.some((e) => e.hasKinds) ? 'kinds' : null;
        await tryFilter('filter-kind', kinds[0], field);
      }
    }
    // Two filters at once: actor and a tag that actor's events carry.
    if (await page.locator('select#filter-tag').count() === 1 && await page.locator('input#filter-actor').count() === 1) {
      const mine = all.filter((e) => e.actors.includes(FILTER_ACTOR));
      const t2 = mine.flatMap((e) => e.tags).find((t) => tagValues.includes(t));
      if (t2) {
        await choose('filter-actor', FILTER_ACTOR);
        await page.selectOption('select#filter-tag', t2);
        await settle(page);
        const vis = (await eventStates(page)).filter((e) => e.visible);
        if (!vis.length) fail(`actor=${FILTER_ACTOR} and tag=${t2}: nothing visible`);
        for (const e of vis) if (!e.actors.includes(FILTER_ACTOR) || !e.tags.includes(t2)) fail(`actor=${FILTER_ACTOR} and tag=${t2}: li#${e.id} is visible`);
        await choose('filter-actor', '');
        await page.selectOption('select#filter-tag', '');
      }
    }
    for (const e of events.pageErrors.concat(events.console)) fail(`script error on ${rel(timelineUrl)}: ${e}`);
    await page.close();
  } finally {
    await ctx.close();
  }
});

await check('timeline without JavaScript: every event is visible', async (fail) => {
  const ctx = await newContext({ javaScriptEnabled: false });
  try {
    const { page } = await open(ctx, timelineUrl, { waitUntil: 'load' });
    const st = await eventStates(page);
    if (!st.length) fail(`${rel(timelineUrl)}: no li.event`);
    const hidden = st.filter((e) => !e.visible);
    if (hidden.length) fail(`${hidden.length} of ${st.length} events hidden without JavaScript: ${hidden.map((e) => e.id).join(', ')}`);
  } finally {
    await ctx.close();
  }
});

}

const briefingUrl = new URL('briefing/', BASE).href;
await check('printed briefing: the PDF of /briefing/ has every document of the dossier, the dossier title at the head of every page, and page numbers', async (fail) => {
  const r = await get(briefingUrl);
  if (r.status !== 200) { fail(`${rel(briefingUrl)} answers HTTP ${r.status}: the printable briefing is missing`); return; }
  // The documents of the dossier, from the document index, with their titles from their pages.
  const docIndex = pages.get(new URL('documents/', BASE).href);
  if (!docIndex) { fail('no /documents/ page'); return; }
  const docUrls = [...new Set(docIndex.facts.links.filter((l) => l.tag === 'a' && l.abs && kindOf(l.abs) === 'document').map((l) => stripHash(l.abs)))];
  const titles = docUrls.map((u) => (pages.get(u) || {}).facts?.h1 || '').filter(Boolean);
  if (!titles.length) { fail('no document found on /documents/'); return; }
  const ctx = await newContext();
  try {
    const { page, events } = await open(ctx, briefingUrl);
    const docTitle = await page.title();
    const pdfPath = path.join(ARTIFACTS, 'briefing.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    for (const e of events.pageErrors.concat(events.console)) fail(`script error on ${rel(briefingUrl)}: ${e}`);
    await page.close();
    const txt = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (txt.error || txt.status !== 0) { fail(`pdftotext failed: ${txt.error ? txt.error.message : txt.stderr}`); return; }
    fs.writeFileSync(path.join(ARTIFACTS, 'briefing.txt'), txt.stdout);
    const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    const nPages = ((info.stdout || '').match(/^Pages:\s+(\d+)/m) || [])[1];
    const text = squash(txt.stdout);
    const found = titles.filter((t) => text.includes(squash(t)));
    const missing = titles.filter((t) => !text.includes(squash(t)));
    for (const t of missing) fail(`document title not in the PDF: "${t}"`);
    // The PDF is titled, and every printed page headed, with the dossier's title; every page
    // is numbered "n / total" (CSS @page margin boxes).
    const pdfTitle = ((info.stdout || '').match(/^Title:\s+(.*)$/m) || [])[1] || '';
    if (pdfTitle.trim() !== docTitle.trim()) fail(`the PDF is titled "${pdfTitle}", not "${docTitle}"`);
    const sheets = txt.stdout.split('\f').filter((t) => t.trim());
    sheets.forEach((sheet, i) => {
      if (!squash(sheet).includes(squash(docTitle))) fail(`printed page ${i + 1} has no running header "${docTitle}"`);
      if (!sheet.includes(`${i + 1} / ${sheets.length}`)) fail(`printed page ${i + 1} is not numbered "${i + 1} / ${sheets.length}"`);
    });
    log(`briefing.pdf: ${nPages || '?'} pages, ${found.length} of ${titles.length} document titles found`);
    // A few pages as pictures, to look at.
    spawnSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '6', pdfPath, path.join(ARTIFACTS, 'briefing-page')]);
  } finally {
    await ctx.close();
  }
});

await check('nothing is requested from another origin (every request of every page goes to 127.0.0.1)', async (fail) => {
  const bad = new Map();
  const foreign = [];
  for (const q of requests) {
    let u;
    try { u = new URL(q.url); } catch { continue; }
    if (['data:', 'blob:', 'about:', 'chrome-extension:'].includes(u.protocol)) continue;
    if (u.origin !== ORIGIN) foreign.push([`requested ${q.url}`, rel(q.from)]);
  }
  for (const m of grouped(foreign)) fail(m);
  // Resources written into pages that the browser may not have loaded (lazy images, preconnect...).
  for (const l of allRefs) {
    if (!l.abs || isSameOrigin(l.abs) || !/^https?:|^wss?:|^\/\//.test(l.raw.trim())) continue;
    const loads = l.tag !== 'a' && l.tag !== 'area' && !(l.tag === 'link' && /^(alternate|canonical|author|license|me|next|prev|help|bookmark)$/.test(l.rel.trim()));
    if (loads) bad.set(`${l.from} ${l.abs}`, `${rel(l.from)}: <${l.tag} ${l.attr}="${l.raw}"${l.rel ? ` rel="${l.rel}"` : ''}> points to another origin`);
  }
  for (const v of bad.values()) fail(v);
});

// ---------------------------------------------------------------------------------------------
// 4. Screenshots of each page kind: 1280 and 390 wide, light and dark.

if (SCREENSHOTS) await check(`screenshots of every page kind (${SCREENSHOT_KINDS.join(', ')}), 1280 and 390 wide, light and dark`, async (fail) => {
  const dir = path.join(ARTIFACTS, 'screenshots');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const pick = (kind) => {
    if (kind === '404') return deep404;
    const list = byKind.get(kind) || byKind.get(`other:${kind}`);
    if (list && list.length) return (list.find((p) => /latombe|huawei/.test(p.url)) || list[0]).url;
    if (kind === 'search') return searchUrl;
    if (kind === 'briefing') return briefingUrl;
    return null;
  };
  const r404 = await get(new URL('404.html', BASE).href);
  for (const width of [1280, 390]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await newContext({ viewport: { width, height: width > 800 ? 900 : 844 }, colorScheme: scheme });
      try {
        for (const kind of SCREENSHOT_KINDS) {
          const url = pick(kind);
          if (!url) { if (width === 1280 && scheme === 'light') fail(`no ${kind} page to screenshot`); continue; }
          const status = kind === '404' ? r404.status : (await get(url)).status;
          if (status !== 200) { if (width === 1280 && scheme === 'light') fail(`no ${kind} page to screenshot (${rel(url)}: HTTP ${status})`); continue; }
          const { page } = await open(ctx, url, kind === '404' ? { routeBody: r404.body } : {});
          if (kind === 'search') {
            const input = page.locator('input#search-input');
            if (await input.count() === 1) {
              await input.pressSequentially(SEARCH_QUERY, { delay: 10 });
              await page.waitForSelector('#search-results a[href]', { timeout: 3000 }).catch(() => {});
            }
          }
          await page.screenshot({ path: path.join(dir, `${kind}-${width}-${scheme}.png`), fullPage: true });
          await page.close();
        }
      } finally {
        await ctx.close();
      }
    }
  }
  log(`screenshots in ${path.relative(process.cwd(), dir) || dir}`);
});

await crawlCtx.close();
await browser.close();

// ---------------------------------------------------------------------------------------------

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
fs.writeFileSync(path.join(ARTIFACTS, 'results.json'), JSON.stringify({ base: BASE.href, results }, null, 2));
if (COUNTS_FILE) {
  fs.appendFileSync(COUNTS_FILE, `${passed} ${failed}\n`);
  console.log(`[${LABEL}] ${passed} passed, ${failed} failed`);
} else {
  console.log(`${passed} passed, ${failed} failed`);
}
process.exit(failed ? 1 : 0);
