// The table of a result's fields: value, confidence and validity. Rows are
// focusable; `onHover(name|null)` is told which field the pointer or focus is on.
import { h } from '../dom.js';

export function fieldEntries(detail) {
  return Object.entries(detail).filter(([, v]) => v && typeof v === 'object' && 'confidence' in v);
}

export function fieldTable(detail, onHover) {
  const rows = fieldEntries(detail).map(([name, f]) => {
    const pct = Math.round((Number(f.confidence) || 0) * 100);
    const row = h('tr', { 'data-field': name, tabindex: onHover ? 0 : null },
      h('th', { scope: 'row' }, name),
      h('td', { class: 'value' }, f.value === '' ? h('span', { class: 'muted' }, '(not found)') : f.value),
      h('td', { class: 'num' },
        h('meter', { min: 0, max: 100, low: 60, high: 85, optimum: 100, value: pct,
                     'aria-label': `confidence of ${name}` }), ` ${pct}%`),
      h('td', {}, h('span', { class: f.valid ? 'badge ok' : 'badge warn' }, f.valid ? 'valid' : 'invalid')));
    if (onHover) {
      for (const ev of ['mouseenter', 'focus']) row.addEventListener(ev, () => onHover(name));
      for (const ev of ['mouseleave', 'blur']) row.addEventListener(ev, () => onHover(null));
    }
    return row;
  });
  const warnings = Array.isArray(detail.warnings) && detail.warnings.length
    ? h('p', { class: 'notice warn' }, `Warnings: ${detail.warnings.join(', ')}`) : null;
  return h('div', {}, warnings, h('div', { class: 'scroll' }, h('table', { class: 'fields-table' },
    h('caption', { class: 'sr-only' }, 'Extracted fields'),
    h('thead', {}, h('tr', {}, ['Field', 'Value', 'Confidence', 'Validity']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length ? rows
      : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'No fields in this result.'))))));
}
