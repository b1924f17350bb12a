// Try it: reads a page through the same public API as any client
// (POST /v2/ocr/bpkb_ik|ip with App-ID and API-Key), then shows the fields and
// the image with each field's box; hovering or focusing a row highlights its box.
import * as api from '../api.js';
import { clear, h, notice, s } from '../dom.js';
import { fieldEntries, fieldTable } from './fields.js';

const ACCEPT = ['image/jpeg', 'image/png', 'application/pdf'];

function overlay(detail, width, height) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'boxes', 'aria-hidden': 'true',
                         preserveAspectRatio: 'none' });
  for (const [name, f] of fieldEntries(detail)) {
    const b = f.box;
    if (!Array.isArray(b) || b.length !== 4 || b[2] <= b[0] || b[3] <= b[1]) continue;
    svg.append(s('rect', { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1],
                           'data-field': name, class: f.valid ? 'box' : 'box invalid' },
                 s('title', {}, name)));
  }
  return svg;
}

export async function renderTryIt(main) {
  document.title = 'Try it · bpkb-ocr';
  const { apps } = await api.call('GET', '/apps');
  const message = h('div', { hidden: true });
  const output = h('div', { id: 'try-output', class: 'try-output' });
  let file = null;

  const appSelect = h('select', { id: 'try-app', required: true },
    apps.filter((a) => a.enabled).map((a) => h('option', { value: a.app_id }, `${a.name} (${a.app_id.slice(0, 8)}…)`)));
  const key = h('input', { id: 'try-key', type: 'password', required: true, autocomplete: 'off',
                           spellcheck: 'false', 'aria-describedby': 'try-key-help' });
  const kind = h('select', { id: 'try-kind' },
    h('option', { value: 'bpkb_ik' }, 'Identitas Kendaraan (IK)'),
    h('option', { value: 'bpkb_ip' }, 'Identitas Pemilik (IP)'));
  const input = h('input', { id: 'try-file', type: 'file', accept: 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf',
                             class: 'file-input' });
  const chosen = h('span', { id: 'try-file-name', class: 'muted' }, 'No file chosen.');
  const drop = h('div', { class: 'drop', id: 'drop' },
    h('label', { for: 'try-file' }, h('strong', {}, 'Drop a JPEG, PNG or PDF here'), ' or choose a file'),
    input, chosen);
  const button = h('button', { type: 'submit', class: 'primary' }, 'Read page');

  const choose = (f) => {
    file = f || null;
    chosen.textContent = file ? `${file.name} (${Math.ceil(file.size / 1024)} KB)` : 'No file chosen.';
  };
  input.addEventListener('change', () => choose(input.files[0]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) choose(e.dataTransfer.files[0]);
  });

  const form = h('form', { class: 'card', 'aria-labelledby': 'try-title' },
    h('h1', { id: 'try-title' }, 'Try it'),
    h('p', { class: 'muted' }, 'Reads a page through the public API, as a client would. ',
      'It uses one unit of the application’s quota.'),
    h('div', { class: 'fields' },
      h('div', {}, h('label', { for: 'try-app' }, 'Application'), appSelect),
      h('div', {}, h('label', { for: 'try-key' }, 'API-Key'), key,
        h('small', { id: 'try-key-help', class: 'muted' }, 'The key shown when the application was created or its key rotated.')),
      h('div', {}, h('label', { for: 'try-kind' }, 'Page kind'), kind)),
    drop, message, button);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    notice(message, '');
    clear(output);
    if (!appSelect.value) return notice(message, 'Create or enable an application first.');
    if (!file) return notice(message, 'Choose or drop a JPEG, PNG or PDF file.');
    if (file.type && !ACCEPT.includes(file.type)) {
      return notice(message, `“${file.name}” is not a JPEG, PNG or PDF.`);
    }
    button.disabled = true;
    output.append(h('p', { class: 'muted', role: 'status' }, 'Reading…'));
    const body = new FormData();
    body.append('image', file, file.name);
    let res, data = null;
    try {
      res = await fetch(`/v2/ocr/${kind.value}`, {
        method: 'POST', body, credentials: 'omit',
        headers: { 'App-ID': appSelect.value, 'API-Key': key.value.trim() } });
      try { data = await res.json(); } catch { data = null; }
    } catch {
      clear(output);
      button.disabled = false;
      return notice(message, 'The server cannot be reached.');
    }
    button.disabled = false;
    clear(output);
    if (!res.ok) {
      const reasons = (data && Array.isArray(data.error_fields) ? data.error_fields : [])
        .map((f) => `${f.field}: ${f.reason}`);
      const text = `${res.status} ${data && data.error_code ? data.error_code : ''} — ` +
        `${data && data.message ? data.message : 'the request failed'}` +
        (reasons.length ? ` (${reasons.join('; ')})` : '');
      return notice(message, text);
    }
    showResult(output, data.data, file);
  });

  main.append(form, output);
  appSelect.focus();
}

function showResult(output, data, file) {
  const detail = data.result_detail || {};
  const figure = h('figure', { class: 'page' });
  const highlight = (name) => {
    for (const el of output.querySelectorAll('[data-field]')) {
      el.classList.toggle('active', name !== null && el.dataset.field === name);
    }
  };
  const show = (url, alt, size) => {
    const img = h('img', { src: url, alt });
    const frame = h('div', { class: 'frame' }, img);
    img.addEventListener('load', () => {
      const [w, hgt] = size || [img.naturalWidth, img.naturalHeight];
      frame.append(overlay(detail, w, hgt));
      for (const r of frame.querySelectorAll('rect[data-field]')) {
        r.addEventListener('mouseenter', () => highlight(r.dataset.field));
        r.addEventListener('mouseleave', () => highlight(null));
      }
    }, { once: true });
    figure.append(frame, h('figcaption', { class: 'muted' }, 'Boxes: where each field was read.'));
  };
  if (file.type === 'application/pdf') {
    // The browser cannot draw a PDF page as an image: the server renders the
    // page the reader used, in the same pixel grid as the boxes.
    const page = detail.page_index || 1;
    api.postBytes(`/preview?page=${page}`, file).then(async (res) => {
      const size = [Number(res.headers.get('X-Submitted-Width')), Number(res.headers.get('X-Submitted-Height'))];
      show(URL.createObjectURL(await res.blob()), `Page ${page} of the submitted PDF (${file.name})`, size);
    }).catch((e) => figure.append(h('p', { class: 'notice warn' }, `No preview: ${e.message}`)));
  } else {
    show(URL.createObjectURL(file), `The submitted page (${file.name})`, null);
  }
  output.append(h('section', { class: 'card', 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title' }, 'Result'),
    h('p', { class: 'muted' }, 'reference_id ', h('code', { id: 'try-reference' }, data.reference_id),
      ` · page ${detail.page_type || '?'} · ${Math.round(detail.processing_ms || 0)} ms`),
    h('div', { class: 'result-grid' }, figure, fieldTable(detail, highlight))));
}
