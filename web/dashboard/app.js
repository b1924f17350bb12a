// The dashboard's shell: finds out whether the operator is signed in, then shows
// the view the URL's hash names (#/apps, #/apps/<App-ID>, #/try).
import * as api from './api.js';
import { renderSignIn } from './views/sign_in.js';
import { renderApps } from './views/apps.js';
import { renderUsage } from './views/usage.js';
import { renderTryIt } from './views/try_it.js';
import { clear, h } from './dom.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const state = { email: null };

function showChrome() {
  top.hidden = !state.email;
  document.getElementById('who').textContent = state.email || '';
  const view = (location.hash.split('/')[1] || 'apps');
  for (const a of top.querySelectorAll('nav a')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  showChrome();
  clear(main);
  if (!state.email) {
    document.title = 'Sign in · bpkb-ocr';
    return renderSignIn(main, (email) => {
      state.email = email;
      if (!location.hash || location.hash === '#/sign-in') location.hash = '#/apps';
      else route();
    });
  }
  const parts = (location.hash || '#/apps').slice(2).split('/');
  try {
    if (parts[0] === 'apps' && parts[1]) await renderUsage(main, decodeURIComponent(parts[1]));
    else if (parts[0] === 'try') await renderTryIt(main);
    else await renderApps(main);
  } catch (e) {
    main.append(h('p', { class: 'notice error', role: 'alert' }, e.message));
  }
  main.focus({ preventScroll: true });
}

async function signOut() {
  try { await api.call('POST', '/sign-out'); } catch { /* signed out either way */ }
  await start();
}

async function start() {
  let session;
  try {
    session = await api.call('GET', '/session');
  } catch (e) {
    clear(main).append(h('p', { class: 'notice error', role: 'alert' }, e.message));
    return;
  }
  api.setCsrf(session.csrf);
  state.email = session.signed_in ? session.email : null;
  await route();
}

api.whenSignedOut(() => { if (state.email) { state.email = null; start(); } });
document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
start();
