/* dossier: timeline filters.
 *
 * Without this script the timeline reads as it is and the filter panel stays hidden. With
 * it, the panel shows (an inline script in the page's head has already made room for it,
 * so nothing moves), and choosing an actor (a searchable field), a tag, a document kind or
 * a status shows the matching events. The choice is kept in the address
 * (?actor=…&tag=…&kind=…&status=…), so a filtered timeline can be linked to.
 *
 * A one-page timeline filters its own events: the `hidden` attribute on li.event, read
 * from their data-actors, data-tags, data-kinds and data-status, and on the months and
 * years left empty. A timeline split into periods (the panel has data-filters) fetches, for
 * each choice, the small file that lists its events across every period
 * (timeline/filters/actor/ID.json…), keeps the events in all of them, and lists those in
 * place of the page's own events, each linking to its period's page.
 */
(() => {
  'use strict';
  const panel = document.getElementById('timeline-filters');
  if (!panel) return;
  const split = panel.dataset.filters || '';
  const status = document.getElementById('filter-status');
  const reset = document.getElementById('filter-reset');
  const field = document.getElementById('filter-actor');
  const datalist = document.getElementById('filter-actor-list');
  const shown = document.getElementById('timeline-events');
  const results = document.getElementById('filter-results');
  const locale = document.documentElement.lang || undefined;
  const SHOWN_AT_ONCE = 500;
  const selects = [
    ['tag', 'filter-tag', 'tags'],
    ['kind', 'filter-kind', 'kinds'],
    ['status', 'filter-claim', 'status'],
  ]
    .map(([param, id, key]) => ({ param, key, select: document.getElementById(id) }))
    .filter((c) => c.select);

  // Names are compared as a reader types them: without accents, case or extra spaces.
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  const say = (text) => { if (status) status.textContent = text; };
  const count = (n) => Number(n).toLocaleString(locale);
  const total = () => Number((status && status.dataset.total) || 0);
  const sayShown = (n) => {
    if (!status) return;
    const pattern = n === 1 ? status.dataset.one : status.dataset.many;
    say((pattern || '').replace('{shown}', count(n)).replace('{total}', count(total())));
  };

  /* ---- the actor field: a name (or an id) typed or picked among suggestions ---- */
  const actorIds = new Map(); // folded name or id -> id
  const actorNames = new Map(); // id -> the name as suggested
  let actorsLoaded = null;
  const learnActors = (list) => {
    const times = new Map();
    for (const [, name] of list) times.set(fold(name), (times.get(fold(name)) || 0) + 1);
    const options = document.createDocumentFragment();
    for (const [id, name] of list) {
      // two actors of the same name are told apart by their ids
      const label = times.get(fold(name)) > 1 ? `${name} (${id})` : name;
      actorIds.set(fold(label), id);
      actorIds.set(fold(id), id);
      actorNames.set(id, label);
      const option = document.createElement('option');
      option.value = label;
      options.append(option);
    }
    if (datalist) datalist.replaceChildren(options);
  };
  const loadActors = () => {
    if (actorsLoaded) return actorsLoaded;
    if (!split) {
      const inline = [...(datalist ? datalist.options : [])].map((o) => [o.dataset.id, o.value]);
      learnActors(inline);
      actorsLoaded = Promise.resolve();
    } else {
      actorsLoaded = fetch(panel.dataset.actorList)
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
        .then((data) => learnActors(data.actors))
        .catch(() => { actorsLoaded = null; });
    }
    return actorsLoaded;
  };
  // The chosen actor's id; '' for none; null for a name that is no actor's.
  const chosenActor = () => {
    if (!field || !field.value.trim()) return '';
    return actorIds.get(fold(field.value)) || null;
  };

  /* ---- what is chosen, and the address ---- */
  const chosen = () => {
    const out = [];
    const actor = chosenActor();
    if (actor) out.push({ param: 'actor', key: 'actors', value: actor, file: `actor/${actor}.json` });
    for (const c of selects) {
      const option = c.select.selectedOptions[0];
      if (c.select.value) out.push({ param: c.param, key: c.key, value: c.select.value, file: option && option.dataset.file });
    }
    return out;
  };
  const remember = (wanted) => {
    const url = new URL(window.location.href);
    for (const p of ['actor', ...selects.map((c) => c.param)]) url.searchParams.delete(p);
    for (const w of wanted) url.searchParams.set(w.param, w.value);
    window.history.replaceState(null, '', url);
  };

  /* ---- a one-page timeline hides what does not match ---- */
  const events = [...document.querySelectorAll('li.event')];
  const filterInPlace = (wanted) => {
    const words = (el, key) => (el.dataset[key] || '').split(' ');
    let n = 0;
    for (const li of events) {
      const match = wanted.every((w) => words(li, w.key).includes(w.value));
      li.hidden = !match;
      if (match) n += 1;
    }
    for (const m of document.querySelectorAll('.tl-month')) m.hidden = !m.querySelector('li.event:not([hidden])');
    for (const y of document.querySelectorAll('.tl-year')) {
      y.hidden = !y.querySelector('.tl-month:not([hidden])');
      for (const year of (y.dataset.years || '').split(' ')) {
        const link = document.querySelector(`.years li[data-year="${year}"]`);
        if (link) link.hidden = y.hidden;
      }
    }
    sayShown(n);
  };

  /* ---- a split timeline lists the matches from every period ---- */
  const files = new Map(); // url -> Promise of rows
  const rowsOf = (file) => {
    const url = split + file;
    if (!files.has(url)) {
      files.set(url, fetch(url)
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
        .then((data) => data.events)
        .catch((e) => { files.delete(url); throw e; }));
    }
    return files.get(url);
  };
  const statusLabels = new Map(
    [...document.querySelectorAll('#filter-claim option')].map((o) => [o.value, o.dataset.label || o.textContent]),
  );
  const row = ([id, page, iso, text, title, state]) => {
    const li = document.createElement('li');
    li.className = 'event-item';
    const time = document.createElement('time');
    time.dateTime = iso;
    time.textContent = text;
    const link = document.createElement('a');
    link.className = 'event-link';
    link.href = `${panel.dataset.timeline}${page}#${id}`;
    link.textContent = title;
    li.append(time, ' ', link);
    if (state) {
      const badge = document.createElement('span');
      badge.className = `status status-${state}`;
      badge.textContent = statusLabels.get(state) || state;
      li.append(' ', badge);
    }
    return li;
  };
  const list = (rows, upTo) => {
    const box = results.querySelector('.filter-results-list');
    const out = document.createDocumentFragment();
    let year = null;
    let ol = null;
    for (const r of rows.slice(0, upTo)) {
      const y = r[2].slice(0, 4);
      if (y !== year) {
        year = y;
        const h = document.createElement('h3');
        h.className = 'filter-year';
        h.textContent = y.replace(/^0+(?=\d)/, '');
        ol = document.createElement('ol');
        ol.className = 'event-list compact';
        out.append(h, ol);
      }
      ol.append(row(r));
    }
    if (rows.length > upTo) {
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'button';
      more.textContent = (status.dataset.more || '{n}').replace('{n}', count(rows.length));
      more.addEventListener('click', () => list(rows, rows.length));
      out.append(more);
    }
    box.replaceChildren(out);
  };
  let asked = 0;
  const filterAcross = (wanted) => {
    const ask = ++asked;
    if (!wanted.length) {
      results.hidden = true;
      if (shown) shown.hidden = false;
      say('');
      return;
    }
    Promise.all(wanted.map((w) => rowsOf(w.file))).then((lists) => {
      if (ask !== asked) return;
      // the events in every list; each file is in timeline order, and so is any part of it
      const [first, ...others] = [...lists].sort((a, b) => a.length - b.length);
      const keep = others.map((l) => new Set(l.map((r) => r[0])));
      const rows = first.filter((r) => keep.every((s) => s.has(r[0])));
      list(rows, SHOWN_AT_ONCE);
      results.hidden = false;
      if (shown) shown.hidden = true;
      sayShown(rows.length);
    }, () => {
      if (ask === asked) say(status.dataset.failed || '');
    });
  };

  const apply = () => {
    const wanted = chosen();
    const actor = chosenActor();
    if (reset) reset.disabled = wanted.length === 0 && !(field && field.value);
    remember(wanted);
    if (split) filterAcross(wanted);
    else filterInPlace(wanted);
    if (actor === null) say((status.dataset.unknown || '').replace('{name}', field.value.trim()));
  };

  /* ---- wiring ---- */
  const params = new URLSearchParams(window.location.search);
  for (const c of selects) {
    const value = params.get(c.param);
    if (value && [...c.select.options].some((o) => o.value === value)) c.select.value = value;
    c.select.addEventListener('change', apply);
  }
  if (field) {
    field.addEventListener('focus', loadActors, { once: true });
    // picked from the suggestions, or typed out in full: filter at once
    field.addEventListener('input', () => {
      if (!field.value.trim() || chosenActor()) apply();
    });
    field.addEventListener('change', apply);
  }
  if (reset) {
    reset.addEventListener('click', () => {
      if (field) field.value = '';
      for (const c of selects) c.select.value = '';
      apply();
    });
  }
  const actor = params.get('actor');
  if (actor && field) {
    loadActors().then(() => {
      if (actorNames.has(actor)) field.value = actorNames.get(actor);
      apply();
    });
  } else if (!split || chosen().length) {
    apply();
  }
})();
