// One application's usage: requests per day by status, quota units, p50/p95
// latency, a 30-day chart; recent results (no field values unless opened), with
// delete.
import * as api from '../api.js';
import { requestsChart } from '../chart.js';
import { clear, formatTime, h, notice } from '../dom.js';
import { fieldTable } from './fields.js';

function usageTable(days) {
  const active = days.filter((d) => d.ok + d.client_errors + d.server_errors + d.units > 0).reverse();
  if (active.length === 0) return h('p', { class: 'muted' }, 'No requests in the last 30 days.');
  const ms = (v, n) => (n > 0 ? `${v} ms` : '–');
  return h('div', { class: 'scroll' }, h('table', { class: 'usage' },
    h('caption', {}, 'Days with requests (UTC)'),
    h('thead', {}, h('tr', {}, ['Day', '2xx', '4xx', '5xx', 'Units used', 'p50 latency',
                                 'p95 latency'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, active.map((d) => h('tr', {},
      h('th', { scope: 'row' }, d.day), h('td', { class: 'num' }, d.ok),
      h('td', { class: 'num' }, d.client_errors), h('td', { class: 'num' }, d.server_errors),
      h('td', { class: 'num' }, d.units), h('td', { class: 'num' }, ms(d.p50_ms, d.extractions)),
      h('td', { class: 'num' }, ms(d.p95_ms, d.extractions)))))));
}

export async function renderUsage(main, appId) {
  const base = `/apps/${encodeURIComponent(appId)}`;
  const usage = await api.call('GET', `${base}/usage`);
  const app = usage.app;
  document.title = `${app.name} · bpkb-ocr`;
  const message = h('p', { hidden: true });
  const results = h('div', { id: 'results' });
  const opened = h('div', { id: 'opened' });
  const totals = usage.days.reduce((a, d) => ({
    ok: a.ok + d.ok, c4: a.c4 + d.client_errors, c5: a.c5 + d.server_errors, units: a.units + d.units,
  }), { ok: 0, c4: 0, c5: 0, units: 0 });

  const loadResults = async () => {
    const { results: list } = await api.call('GET', `${base}/results`);
    clear(results);
    if (list.length === 0) {
      results.append(h('p', { class: 'muted' }, 'No stored results.'));
      return;
    }
    const rows = list.map((r) => {
      const open = h('button', { type: 'button' }, 'Open');
      open.addEventListener('click', async () => {
        try {
          const { data } = await api.call('GET', `${base}/results/${r.page_kind}/${encodeURIComponent(r.reference_id)}`);
          clear(opened).append(h('section', { class: 'card', 'aria-labelledby': 'opened-title' },
            h('h3', { id: 'opened-title' }, `Result ${r.reference_id}`),
            fieldTable(data.result_detail || {}, null)));
          opened.querySelector('h3').setAttribute('tabindex', '-1');
          opened.querySelector('h3').focus();
        } catch (e) { notice(message, e.message); }
      });
      const del = h('button', { type: 'button', class: 'danger' }, 'Delete');
      del.addEventListener('click', async () => {
        if (!window.confirm(`Delete the stored result ${r.reference_id}? This cannot be undone.`)) return;
        try {
          await api.call('DELETE', `${base}/results/${encodeURIComponent(r.reference_id)}`);
          clear(opened);
          notice(message, `Deleted ${r.reference_id}.`, 'ok');
          await loadResults();
        } catch (e) { notice(message, e.message); }
      });
      return h('tr', { 'data-reference-id': r.reference_id },
        h('td', { 'data-label': 'Reference ID' }, h('code', {}, r.reference_id)),
        h('td', { 'data-label': 'Page' }, r.page_kind.toUpperCase()),
        h('td', { 'data-label': 'Time' }, formatTime(r.created_at)),
        h('td', { 'data-label': 'Status' },
          h('span', { class: r.status === 'ok' ? 'badge ok' : 'badge warn' },
            r.status === 'ok' ? 'ok' : `check (${r.invalid_fields} invalid${r.warnings.length ? ', ' + r.warnings.join(', ') : ''})`)),
        h('td', { 'data-label': 'Actions', class: 'actions' }, open, del));
    });
    results.append(h('div', { class: 'scroll' }, h('table', { class: 'results stack' },
      h('caption', { class: 'sr-only' }, 'Recent results'),
      h('thead', {}, h('tr', {}, ['Reference ID', 'Page', 'Time', 'Status', 'Actions']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows))));
  };

  main.append(
    h('p', {}, h('a', { href: '#/apps' }, '← Applications')),
    h('h1', {}, `Usage of “${app.name}”`),
    h('p', { class: 'muted' }, 'App-ID ', h('code', {}, app.app_id), ` · ${app.mode} · `,
      app.mode === 'live' ? 'no quota limit' : `${app.quota} units left`,
      app.enabled ? '' : ' · disabled'),
    h('ul', { class: 'stats' },
      h('li', {}, h('strong', {}, totals.ok), ' successful (2xx)'),
      h('li', {}, h('strong', {}, totals.c4), ' refused (4xx)'),
      h('li', {}, h('strong', {}, totals.c5), ' failed (5xx)'),
      h('li', {}, h('strong', {}, totals.units), ' units used')),
    h('section', { class: 'card', 'aria-labelledby': 'chart-title' },
      h('h2', { id: 'chart-title' }, 'Requests and units used per day, last 30 days'),
      requestsChart(usage.days),
      h('p', { class: 'legend' }, h('span', { class: 'swatch ok' }), '2xx ',
        h('span', { class: 'swatch c4' }), '4xx ', h('span', { class: 'swatch c5' }), '5xx ',
      h('span', { class: 'swatch units' }), 'units used'),
    h('p', { class: 'muted' }, 'Units used: one per extraction stored and charged that day ',
      '(live applications too, without a quota). Deleting a result or its expiry does not ',
      'lower them; latencies come from the results still stored.'),
      usageTable(usage.days)),
    h('section', { 'aria-labelledby': 'results-title' },
      h('h2', { id: 'results-title' }, 'Recent results'),
      h('p', { class: 'muted' }, 'Field values stay hidden until you open a result.'),
      message, results, opened));
  await loadResults();
}
