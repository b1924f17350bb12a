// A stacked bar chart of requests per day (2xx, 4xx, 5xx) with the units of
// quota used per day as a line over it, in inline SVG: no library, no external
// request. Each day has a <title> (a tooltip and a name for screen readers);
// the table beside it carries the same numbers.
import { s } from './dom.js';

export function requestsChart(days) {
  const W = 720, H = 220, left = 40, bottom = 28, top = 10;
  const plotW = W - left - 8, plotH = H - bottom - top;
  const max = Math.max(1, ...days.map((d) => Math.max(d.ok + d.client_errors + d.server_errors, d.units)));
  const step = niceStep(max);
  const ymax = Math.ceil(max / step) * step;
  const bw = plotW / days.length;
  const y = (v) => top + plotH - (v / ymax) * plotH;
  const total = days.reduce((a, d) => a + d.ok + d.client_errors + d.server_errors, 0);
  const units = days.reduce((a, d) => a + d.units, 0);

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img',
                         'aria-label': `Requests per day, last ${days.length} days: ${total} in all; ${units} units of quota used` });
  for (let v = 0; v <= ymax; v += step) {
    svg.append(s('line', { x1: left, x2: W - 8, y1: y(v), y2: y(v), class: 'grid' }),
               s('text', { x: left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v)));
  }
  days.forEach((d, i) => {
    const x = left + i * bw + 1;
    const g = s('g', { class: 'bar' },
      s('title', {}, `${d.day}: ${d.ok} ok, ${d.client_errors} 4xx, ${d.server_errors} 5xx, ${d.units} units used`));
    let base = 0;
    for (const [count, cls] of [[d.ok, 'ok'], [d.client_errors, 'c4'], [d.server_errors, 'c5']]) {
      if (count > 0) {
        g.append(s('rect', { x, width: Math.max(1, bw - 2), y: y(base + count),
                             height: y(base) - y(base + count), class: cls }));
      }
      base += count;
    }
    // An invisible full-height target so that the tooltip works on empty days too.
    g.append(s('rect', { x, width: Math.max(1, bw - 2), y: top, height: plotH, class: 'hit' }));
    svg.append(g);
    if (i % 5 === 0 || i === days.length - 1) {
      svg.append(s('text', { x: x + bw / 2, y: H - 8, class: 'axis', 'text-anchor': 'middle' },
                   d.day.slice(5)));
    }
  });
  // Units used: a line through the middle of each day's bar, a dot on each day
  // that used some (drawn after the bars so that it stays visible over them).
  const cx = (i) => left + i * bw + bw / 2;
  svg.append(s('polyline', { class: 'units', fill: 'none',
                             points: days.map((d, i) => `${cx(i)},${y(d.units)}`).join(' ') }));
  days.forEach((d, i) => {
    if (d.units > 0) svg.append(s('circle', { class: 'units', cx: cx(i), cy: y(d.units), r: 3 }));
  });
  return svg;
}

function niceStep(max) {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return Math.max(1, m * mag);
  return Math.max(1, 10 * mag);
}
