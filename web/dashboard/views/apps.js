// Applications: list, create (the key is shown once), rotate key, enable or
// disable, change quota. Same store as the `app` CLI.
import * as api from '../api.js';
import { clear, copyText, formatTime, h, notice } from '../dom.js';

// The key panel: shown once after create or rotate, with a copy button.
function keyPanel(app, key, verb) {
  const code = h('code', { id: 'new-key', class: 'key' }, key);
  const copied = h('span', { class: 'muted', role: 'status' });
  const copy = h('button', { type: 'button', id: 'copy-key' }, 'Copy key');
  copy.addEventListener('click', async () => {
    copied.textContent = (await copyText(key, code)) ? 'Copied.' : 'Select the key and copy it.';
  });
  return h('section', { class: 'card key-panel', 'aria-labelledby': 'key-title' },
    h('h2', { id: 'key-title' }, `API-Key ${verb} for “${app.name}”`),
    h('p', {}, 'This key is shown only now; the server keeps only a hash of it. ',
      'Copy it into the client that calls the API, with App-ID ', h('code', {}, app.app_id), '.'),
    h('div', { class: 'key-row' }, code, copy, copied));
}

function createForm(onCreated) {
  const message = h('p', { hidden: true });
  const name = h('input', { id: 'app-name', name: 'name', required: true, maxlength: 100,
                            autocomplete: 'off' });
  const mode = h('select', { id: 'app-mode', name: 'mode' },
    h('option', { value: 'testing' }, 'testing (metered by quota)'),
    h('option', { value: 'live' }, 'live (not metered)'));
  const quota = h('input', { id: 'app-quota', name: 'quota', type: 'number', min: 0,
                             max: 1000000000, step: 1, value: 100, required: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Create application');
  const form = h('form', { class: 'card', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'New application'),
    h('div', { class: 'fields' },
      h('div', {}, h('label', { for: 'app-name' }, 'Name'), name),
      h('div', {}, h('label', { for: 'app-mode' }, 'Mode'), mode),
      h('div', {}, h('label', { for: 'app-quota' }, 'Quota (units)'), quota)),
    message, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    notice(message, '');
    try {
      const res = await api.call('POST', '/apps', {
        name: name.value.trim(), mode: mode.value, quota: Number.parseInt(quota.value, 10) });
      form.reset();
      onCreated(res.app, res.api_key);
    } catch (e) {
      notice(message, e.message);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function appRow(app, onChanged, say) {
  const act = async (method, path, body, done) => {
    try {
      const res = await api.call(method, `/apps/${encodeURIComponent(app.app_id)}${path}`, body);
      onChanged(res, done);
    } catch (e) {
      say(e.message);
    }
  };
  const rotate = h('button', { type: 'button', 'data-action': 'rotate' }, 'Rotate key');
  rotate.addEventListener('click', () => {
    if (window.confirm(`Issue a new API-Key for “${app.name}”? The old key stops working at once.`)) {
      act('POST', '/rotate-key', undefined, 'rotated');
    }
  });
  const toggle = h('button', { type: 'button', 'data-action': 'toggle' },
    app.enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => act('POST', '/enabled', { enabled: !app.enabled }));
  const quotaId = `quota-${app.app_id}`;
  const quota = h('input', { id: quotaId, type: 'number', min: 0, max: 1000000000, step: 1,
                             value: app.quota, class: 'quota-input', required: true });
  const quotaForm = h('form', { class: 'inline' },
    h('label', { for: quotaId, class: 'sr-only' }, `Quota of ${app.name}`), quota,
    h('button', { type: 'submit' }, 'Set quota'));
  quotaForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act('POST', '/quota', { quota: Number.parseInt(quota.value, 10) });
  });
  return h('tr', { 'data-app-id': app.app_id },
    h('td', { 'data-label': 'Name' }, h('a', { href: `#/apps/${app.app_id}` }, app.name)),
    h('td', { 'data-label': 'App-ID' }, h('code', { class: 'app-id' }, app.app_id)),
    h('td', { 'data-label': 'Mode' }, app.mode),
    h('td', { 'data-label': 'Quota left', class: 'num' },
      app.mode === 'live' ? 'unmetered' : String(app.quota)),
    h('td', { 'data-label': 'Enabled' },
      h('span', { class: app.enabled ? 'badge ok' : 'badge off' }, app.enabled ? 'enabled' : 'disabled')),
    h('td', { 'data-label': 'Created' }, formatTime(app.created_at)),
    h('td', { 'data-label': 'Actions', class: 'actions' }, quotaForm, rotate, toggle,
      h('a', { href: `#/apps/${app.app_id}`, class: 'button' }, 'Usage')));
}

export async function renderApps(main) {
  document.title = 'Applications · bpkb-ocr';
  const keySlot = h('div', { id: 'key-slot' });
  const message = h('p', { hidden: true });
  const body = h('tbody', {});
  const say = (text, kind = 'error') => notice(message, text, kind);

  const refresh = async () => {
    const { apps } = await api.call('GET', '/apps');
    clear(body);
    if (apps.length === 0) {
      body.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No applications yet.')));
    }
    for (const app of apps) {
      body.append(appRow(app, async (res, done) => {
        if (done === 'rotated') clear(keySlot).append(keyPanel(res.app, res.api_key, 'rotated'));
        say(`Saved “${res.app.name}”.`, 'ok');
        await refresh();
      }, say));
    }
  };

  main.append(
    h('h1', {}, 'Applications'),
    h('p', { class: 'muted' }, 'Each application calls the API with its App-ID and API-Key. ',
      'Changes take effect on its next request.'),
    keySlot,
    createForm(async (app, key) => {
      clear(keySlot).append(keyPanel(app, key, 'created'));
      say('');
      await refresh();
      document.getElementById('copy-key').focus();
    }),
    message,
    h('div', { class: 'scroll' },
      h('table', { class: 'apps stack' },
        h('caption', { class: 'sr-only' }, 'Applications'),
        h('thead', {}, h('tr', {}, ['Name', 'App-ID', 'Mode', 'Quota left', 'Enabled', 'Created',
                                     'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
        body)));
  await refresh();
}
