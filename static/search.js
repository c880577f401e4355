/* dossier: search, in the browser, over the index built with the site.
 *
 * The page's <form data-index="..."> names search-index.json (under the site's base path,
 * so search works offline and under any sub-path; nothing is loaded from elsewhere).
 * Words are folded as dossier folded the index: canonical decomposition, combining marks
 * dropped, lowercase, character by character; so "securite" finds "sécurité".
 * A query word matches every indexed word that contains it (words of one or two letters:
 * that start with it); a word that matches nothing is tried again without its plural or
 * final vowel. Every query word must match; matches in titles and names rank first.
 * The query is read from ?q= and kept there, so results can be linked to and the header
 * of a theme can hold a plain GET form.
 */
(() => {
  'use strict';
  const form = document.querySelector('form[data-index]');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const more = document.getElementById('search-more');
  if (!form || !input || !list || !status) return;

  const PAGE = 30;
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

  let index = null;
  const loading = fetch(form.dataset.index)
    .then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then((json) => {
      index = json;
      return json;
    });

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
  const termsMatching = (word) => {
    const terms = index.terms;
    const found = [];
    if (word.length < 3) {
      for (let i = firstAtLeast(terms, word); i < terms.length && terms[i].startsWith(word); i++) {
        found.push(i);
      }
    } else {
      for (let i = 0; i < terms.length; i++) if (terms[i].includes(word)) found.push(i);
    }
    return found;
  };
  const stem = (word) => word.replace(/(?:ies|es|s)$/, '').replace(/[ey]$/, '');

  // Entry number -> score, for one query word (its best match in each entry).
  const scoresFor = (word) => {
    let needle = word;
    let terms = termsMatching(word);
    if (terms.length === 0 && word.length >= 5 && stem(word).length >= 4) {
      needle = stem(word);
      terms = termsMatching(needle);
    }
    const scores = new Map();
    const add = (entries, weight) => {
      for (const e of decode(entries)) scores.set(e, Math.max(scores.get(e) || 0, weight));
    };
    for (const t of terms) {
      const term = index.terms[t];
      const bonus = term === needle ? 2 : term.startsWith(needle) ? 1 : 0;
      add(index.heads[t], 10 + 2 * bonus);
      add(index.texts[t], 1 + bonus);
    }
    return { needle, scores };
  };

  const run = (query) => {
    let words = [...new Set(fold(query).match(WORD) || [])];
    if (words.some((w) => w.length > 1)) words = words.filter((w) => w.length > 1);
    if (words.length === 0) return { needles: [], hits: [] };
    let total = null;
    const needles = [];
    for (const word of words) {
      const { needle, scores } = scoresFor(word);
      needles.push(needle);
      if (total === null) {
        total = scores;
      } else {
        const both = new Map();
        for (const [e, s] of total) if (scores.has(e)) both.set(e, s + scores.get(e));
        total = both;
      }
      if (total.size === 0) break;
    }
    const hits = [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([e]) => e);
    return { needles, hits };
  };

  // `s` as text nodes, with the places where a needle occurs in <mark>.
  const highlighted = (s, needles) => {
    const { folded, from } = foldMapped(s);
    const ranges = [];
    for (const n of needles) {
      for (let i = folded.indexOf(n); i !== -1; i = folded.indexOf(n, i + n.length)) {
        // the mark runs to the end of the word: "cyber[security]", not "cyber[securit]y"
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

  let current = { needles: [], hits: [] };
  let shownCount = 0;
  const showMore = () => {
    const next = current.hits.slice(shownCount, shownCount + PAGE);
    for (const e of next) list.append(render(index.entries[e], current.needles));
    shownCount += next.length;
    if (more) more.hidden = shownCount >= current.hits.length;
  };

  const update = (query) => {
    const q = query.trim();
    const url = new URL(window.location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    if (!index) {
      if (q) status.textContent = text('loading', {});
      return;
    }
    list.replaceChildren();
    shownCount = 0;
    current = q ? run(q) : { needles: [], hits: [] };
    const n = current.hits.length;
    status.textContent = q
      ? text(n === 0 ? 'none' : n === 1 ? 'one' : 'many', { n: n.toLocaleString(locale), q })
      : '';
    showMore();
  };

  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => update(input.value), 150);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update(input.value);
  });
  if (more) more.addEventListener('click', showMore);

  const initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  loading.then(
    () => update(input.value),
    () => {
      status.textContent = text('failed', {});
    },
  );
})();
