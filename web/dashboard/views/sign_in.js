// Sign-in form. The server rate-limits failed attempts (429 with a wait).
import * as api from '../api.js';
import { h, notice } from '../dom.js';

export function renderSignIn(main, onSignedIn) {
  const message = h('p', { id: 'sign-in-message', hidden: true });
  const email = h('input', { id: 'email', name: 'email', type: 'email', required: true,
                             autocomplete: 'username', 'aria-describedby': 'sign-in-message' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', required: true,
                                autocomplete: 'current-password' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Administrators are created with ',
      h('code', {}, 'bpkb-ocr admin create --email …'), '.'),
    h('label', { for: 'email' }, 'E-mail'), email,
    h('label', { for: 'password' }, 'Password'), password,
    message, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    notice(message, '');
    try {
      const res = await api.call('POST', '/sign-in', { email: email.value, password: password.value });
      api.setCsrf(res.csrf);
      onSignedIn(res.email);
    } catch (e) {
      notice(message, e.message);
      password.value = '';
      password.focus();
      if (e.status === 403) {  // the form's token expired: fetch a fresh one
        try { api.setCsrf((await api.call('GET', '/session')).csrf); } catch { /* shown above */ }
      }
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
  email.focus();
}
