/* dossier: timeline filters.
 *
 * Without this script the timeline shows every event and the filter panel stays hidden.
 * With it, the panel appears; choosing an actor, a tag, a document kind or a status hides
 * the events that do not match (the `hidden` attribute on li.event, read from their
 * data-actors, data-tags, data-kinds and data-status), hides the months and years left
 * empty, and says in a live region how many events are shown. The choice is kept in the
 * address (?actor=…&tag=…&kind=…&status=…), so a filtered timeline can be linked to.
 */
(() => {
  'use strict';
  const panel = document.getElementById('timeline-filters');
  if (!panel) return;
  const controls = [
    ['actor', 'filter-actor', 'actors'],
    ['tag', 'filter-tag', 'tags'],
    ['kind', 'filter-kind', 'kinds'],
    ['status', 'filter-claim', 'status'],
  ]
    .map(([param, id, key]) => ({ param, key, select: document.getElementById(id) }))
    .filter((c) => c.select);
  const events = [...document.querySelectorAll('li.event')];
  const months = [...document.querySelectorAll('.tl-month')];
  const years = [...document.querySelectorAll('.tl-year')];
  const status = document.getElementById('filter-status');
  const reset = document.getElementById('filter-reset');
  const words = (el, key) => (el.dataset[key] || '').split(' ');
  const locale = document.documentElement.lang || undefined;

  const apply = () => {
    const wanted = controls.filter((c) => c.select.value);
    let shown = 0;
    for (const li of events) {
      const match = wanted.every((c) => words(li, c.key).includes(c.select.value));
      li.hidden = !match;
      if (match) shown += 1;
    }
    for (const m of months) m.hidden = !m.querySelector('li.event:not([hidden])');
    for (const y of years) {
      y.hidden = !y.querySelector('.tl-month:not([hidden])');
      const heading = y.querySelector('.year-heading');
      const link = heading && document.querySelector(`.years li[data-year="${heading.textContent.trim()}"]`);
      if (link) link.hidden = y.hidden;
    }
    if (status) {
      const pattern = shown === 1 ? status.dataset.one : status.dataset.many;
      status.textContent = (pattern || '')
        .replace('{shown}', shown.toLocaleString(locale))
        .replace('{total}', Number(status.dataset.total || events.length).toLocaleString(locale));
    }
    if (reset) reset.disabled = wanted.length === 0;
    const url = new URL(window.location.href);
    for (const c of controls) {
      if (c.select.value) url.searchParams.set(c.param, c.select.value);
      else url.searchParams.delete(c.param);
    }
    window.history.replaceState(null, '', url);
  };

  const params = new URLSearchParams(window.location.search);
  for (const c of controls) {
    const value = params.get(c.param);
    if (value && [...c.select.options].some((o) => o.value === value)) c.select.value = value;
    c.select.addEventListener('change', apply);
  }
  if (reset) {
    reset.addEventListener('click', () => {
      for (const c of controls) c.select.value = '';
      apply();
    });
  }
  panel.hidden = false;
  apply();
})();
