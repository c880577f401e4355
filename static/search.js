/* dossier: search, in the browser, over the index built with the site.
 *
 * The page's <form data-index="..."> names search-index.json, a small manifest (under the
 * site's base path, so search works offline and under any sub-path; nothing is loaded from
 * elsewhere). The index is cut into pieces, and a query fetches only what it needs:
 * - one shard of terms per word typed: every term starting with the same two letters is in
 *   the shard numbered by the FNV-1a hash of those letters (UTF-8), modulo the shard count;
 * - the chunks of entries that hold the results shown (30 at a time).
 * Words are folded as dossier folded the index: canonical decomposition, combining marks
 * dropped, lowercase, character by character; so "securite" finds "sécurité". A query word
 * matches every indexed word that starts with it (a word that matches nothing is tried again
 * without its plural or final vowel); words of one letter are left out. Every query word
 * must match; matches in titles and names rank first, then newer entries.
 * Results can be narrowed by type, kind and year: entries of one type, kind and year are one
 * range of entry numbers (a group of the manifest). The query and the filters are read from
 * the address (?q=&type=&kind=&year=) and kept there, so results can be linked to, and the
 * form works as a plain GET form.
 */
(() => {
  'use strict';
  const form = document.querySelector('form[data-index]');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const more = document.getElementById('search-more');
  if (!form || !input || !list || !status) return;
  const filters = ['type', 'kind', 'year']
    .map((name) => form.elements.namedItem(name))
    .filter((el) => el instanceof HTMLSelectElement);

  const PAGE = 30;
  const WAIT = 100; // ms after the last keystroke
  const TYPES = { document: 'd', actor: 'a', event: 'e' };
  const locale = document.documentElement.lang || undefined;
  const MARK = /\p{M}/u;
  const WORD = /[\p{Alphabetic}\p{N}]+/gu;
  const LETTER = /[\p{Alphabetic}\p{N}]/u;
  const text = (key, values) =>
    (form.dataset[key] || '').replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ''));

  // Folding: the same as dossier's `search::fold`.
  const foldChar = (c) => {
    if (c < '\u0080') return c.toLowerCase();
    let out = '';
    for (const d of c.normalize('NFD')) if (!MARK.test(d)) out += d.toLowerCase();
    return out;
  };
  const fold = (s) => {
    let out = '';
    for (const c of s) out += foldChar(c);
    return out;
  };
  // The folded text with, for each of its code units, where it comes from in `s`.
  const foldMapped = (s) => {
    let out = '';
    const from = [];
    let i = 0;
    for (const c of s) {
      const f = foldChar(c);
      for (let k = 0; k < f.length; k++) from.push(i);
      out += f;
      i += c.length;
    }
    from.push(i);
    return { folded: out, from };
  };

  // Files of the index, each fetched once (relative to the manifest's address).
  const manifestUrl = new URL(form.dataset.index, window.location.href);
  const files = new Map();
  const load = (path) => {
    const url = new URL(path, manifestUrl).href;
    if (!files.has(url)) {
      const got = fetch(url).then((r) => {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      got.catch(() => files.delete(url)); // a failed fetch is tried again next time
      files.set(url, got);
    }
    return files.get(url);
  };
  let manifest = null;

  // The shard of a folded word: FNV-1a of the UTF-8 bytes of its first two characters.
  const encoder = new TextEncoder();
  const shardOf = (word) => {
    let h = 0x811c9dc5;
    for (const b of encoder.encode([...word].slice(0, 2).join(''))) h = Math.imul(h ^ b, 16777619);
    return (h >>> 0) % manifest.shards.length;
  };

  const decode = (deltas) => {
    let n = 0;
    return deltas.map((d) => (n += d));
  };
  const firstAtLeast = (terms, word) => {
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const termsStarting = (shard, word) => {
    const found = [];
    const terms = shard.terms;
    for (let i = firstAtLeast(terms, word); i < terms.length && terms[i].startsWith(word); i++) {
      found.push(i);
    }
    return found;
  };
  const stem = (word) => word.replace(/(?:ies|es|s)$/, '').replace(/[ey]$/, '');

  // Entry number -> score, for one query word (its best match in each entry).
  const scoresFor = (shard, word) => {
    let needle = word;
    let terms = termsStarting(shard, word);
    if (terms.length === 0 && word.length >= 5 && stem(word).length >= 4) {
      needle = stem(word); // same first two letters: same shard
      terms = termsStarting(shard, needle);
    }
    const scores = new Map();
    const add = (entries, weight) => {
      for (const e of decode(entries)) scores.set(e, Math.max(scores.get(e) || 0, weight));
    };
    for (const t of terms) {
      const bonus = shard.terms[t] === needle ? 2 : 1;
      add(shard.heads[t], 10 + 2 * bonus);
      add(shard.texts[t], 1 + bonus);
    }
    return { needle, scores };
  };

  const wordsOf = (query) =>
    [...new Set(fold(query).match(WORD) || [])].filter((w) => [...w].length > 1);

  // The group of entry `e` (groups are ranges, by their first entry).
  const groupOf = (e) => {
    const groups = manifest.groups;
    let lo = 0;
    let hi = groups.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (groups[mid][3] <= e) lo = mid;
      else hi = mid - 1;
    }
    return groups[lo];
  };
  const chosen = () => {
    const value = (name) => filters.find((f) => f.name === name)?.value || '';
    return { type: value('type'), kind: value('kind'), year: value('year') };
  };
  const allowed = (f) => (group) =>
    (!f.type || TYPES[f.type] === group[0]) &&
    (!f.kind || f.kind === group[1]) &&
    (!f.year || String(group[2]) === f.year);

  // Fetches the shards of the words, and ranks the entries that match them all.
  const run = async (words, f) => {
    const shards = await Promise.all(words.map((w) => load(manifest.shards[shardOf(w)])));
    let total = null;
    const needles = [];
    words.forEach((word, i) => {
      if (total && total.size === 0) return;
      const { needle, scores } = scoresFor(shards[i], word);
      needles.push(needle);
      if (total === null) {
        total = scores;
      } else {
        const both = new Map();
        for (const [e, s] of total) if (scores.has(e)) both.set(e, s + scores.get(e));
        total = both;
      }
    });
    const keep = allowed(f);
    const year = (e) => groupOf(e)[2] || 0;
    const hits = [...total]
      .filter(([e]) => keep(groupOf(e)))
      .sort((a, b) => b[1] - a[1] || year(b[0]) - year(a[0]) || a[0] - b[0])
      .map(([e]) => e);
    return { needles, hits };
  };

  // The entries numbered `numbers`, from their chunks.
  const entries = async (numbers) => {
    const size = manifest.chunk;
    const chunks = await Promise.all(
      numbers.map((e) => load(manifest.chunks[Math.floor(e / size)])),
    );
    return numbers.map((e, i) => chunks[i][e % size]);
  };

  // `s` as text nodes, with the words that start with a needle in <mark>.
  const highlighted = (s, needles) => {
    const { folded, from } = foldMapped(s);
    const ranges = [];
    for (const n of needles) {
      for (let i = folded.indexOf(n); i !== -1; i = folded.indexOf(n, i + n.length)) {
        if (i > 0 && LETTER.test(folded[i - 1])) continue;
        // the mark runs to the end of the word: "[security]", not "[securit]y"
        let end = i + n.length;
        while (end < folded.length && LETTER.test(folded[end])) end += 1;
        ranges.push([from[i], from[end]]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [start, end] of ranges) {
      if (end <= at) continue;
      const from = Math.max(start, at);
      if (from > at) frag.append(s.slice(at, from));
      const mark = document.createElement('mark');
      mark.textContent = s.slice(from, end);
      frag.append(mark);
      at = end;
    }
    frag.append(s.slice(at));
    return { frag, found: ranges.length > 0 };
  };

  const render = (entry, needles) => {
    const li = document.createElement('li');
    li.className = 'search-result';
    const kind = document.createElement('p');
    kind.className = 'search-kind';
    kind.textContent = [form.dataset['label' + entry.k.toUpperCase()], entry.m]
      .filter(Boolean)
      .join(' · ');
    const heading = document.createElement('h2');
    heading.className = 'search-title';
    const link = document.createElement('a');
    link.href = entry.u;
    if (entry.tl) link.lang = entry.tl;
    link.append(highlighted(entry.t, needles).frag);
    heading.append(link);
    li.append(heading, kind);
    const fields = [
      { s: entry.s || '', lang: '' },
      { s: entry.x || '', lang: entry.xl || '' },
    ].filter((f) => f.s);
    const shown = fields.map((f) => ({ f, h: highlighted(f.s, needles) }));
    const best = shown.find((x) => x.h.found) || shown[0];
    if (best) {
      const p = document.createElement('p');
      p.className = 'search-snippet';
      if (best.f.lang) p.lang = best.f.lang;
      p.append(best.h.frag);
      li.append(p);
    }
    return li;
  };

  // Each update gets a number; an answer that arrives after a newer update is dropped.
  let latest = 0;
  let current = { needles: [], hits: [] };
  let shownCount = 0;
  // The next page of results, as list items (their chunks fetched first).
  const nextPage = async () => {
    const next = current.hits.slice(shownCount, shownCount + PAGE);
    const found = await entries(next);
    return found.map((entry) => render(entry, current.needles));
  };
  const showMore = async () => {
    const run = latest;
    const items = await nextPage();
    if (run !== latest) return;
    list.append(...items);
    shownCount += items.length;
    if (more) more.hidden = shownCount >= current.hits.length;
  };

  const keepInAddress = (q, f) => {
    const url = new URL(window.location.href);
    for (const [name, value] of Object.entries({ q, ...f })) {
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    window.history.replaceState(null, '', url);
  };

  const update = async () => {
    const run_ = ++latest;
    const q = input.value.trim();
    const f = chosen();
    keepInAddress(q, f);
    const words = wordsOf(q);
    if (!manifest || words.length === 0) {
      list.replaceChildren();
      if (more) more.hidden = true;
      status.textContent = !q ? '' : manifest ? text('short', { q }) : text('loading', {});
      return;
    }
    try {
      const found = await run(words, f);
      if (run_ !== latest) return;
      current = found;
      shownCount = 0;
      const items = await nextPage();
      if (run_ !== latest) return;
      list.replaceChildren(...items);
      shownCount = items.length;
      if (more) more.hidden = shownCount >= current.hits.length;
    } catch {
      if (run_ === latest) status.textContent = text('failed', {});
      return;
    }
    const n = current.hits.length;
    status.textContent = text(n === 0 ? 'none' : n === 1 ? 'one' : 'many', {
      n: n.toLocaleString(locale),
      q,
    });
  };

  let timer = 0;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(update, WAIT);
    // the shards of the words typed so far start loading at once, not after the wait
    if (manifest) {
      for (const w of wordsOf(input.value)) load(manifest.shards[shardOf(w)]).catch(() => {});
    }
  };
  input.addEventListener('input', soon);
  for (const f of filters) f.addEventListener('change', () => update());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
  if (more) {
    more.addEventListener('click', () => {
      showMore().catch(() => {
        status.textContent = text('failed', {});
      });
    });
  }

  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  for (const f of filters) {
    const wanted = params.get(f.name) || '';
    if ([...f.options].some((o) => o.value === wanted)) f.value = wanted;
  }
  load(form.dataset.index).then(
    (json) => {
      manifest = json;
      update();
    },
    () => {
      status.textContent = text('failed', {});
    },
  );
})();
