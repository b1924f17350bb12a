// Calls to the dashboard's JSON API (/dashboard/api). Every state-changing call
// carries the session's CSRF token; a 401 means the session has ended.
let csrf = '';
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export function setCsrf(token) { csrf = token || ''; }
export function whenSignedOut(fn) { onSignedOut = fn; }

export async function call(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') options.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(`/dashboard/api${path}`, options);
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check that it is running.');
  }
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (res.status === 401 && path !== '/sign-in') onSignedOut();
  if (!res.ok) {
    throw new ApiError(res.status, (data && data.error) || `The request failed (HTTP ${res.status}).`,
                       data && data.field);
  }
  return data;
}

// POSTs raw bytes (a file) and returns the Response, for binary answers.
export async function postBytes(path, blob) {
  const res = await fetch(`/dashboard/api${path}`, {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': blob.type || 'application/octet-stream' },
    body: blob });
  if (res.status === 401) onSignedOut();
  if (!res.ok) {
    let data = null;
    try { data = await res.json(); } catch { data = null; }
    throw new ApiError(res.status, (data && data.error) || `The request failed (HTTP ${res.status}).`);
  }
  return res;
}
