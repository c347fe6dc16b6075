// Sign-in with the authorization code flow and PKCE (RFC 7636, S256) against the user pool's hosted
// sign-in in AWS, or the dev issuer locally: same paths, same code (decision 0014). WebCrypto makes the
// verifier and its challenge; the tokens live in sessionStorage only (gone with the tab), and the
// verifier and state only between leaving for the sign-in page and coming back.
const TOKENS = 'register.tokens';
const PENDING = 'register.pkce';
let config;

export async function loadConfig() {
  const answer = await fetch('config.json', { cache: 'no-store' });
  config = await answer.json();
  return config;
}

export function settings() { return config; }

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(size = 32) {
  return b64url(crypto.getRandomValues(new Uint8Array(size)));
}

function callbackUri() {
  return location.origin + config.callbackPath;
}

export async function signIn() {
  const verifier = random(32);
  const state = random(16);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: callbackUri(), scope: config.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256'
  });
  location.assign(`${config.authorize}?${query}`);
}

/** On the way back from sign-in: exchanges the code (once) and clears it from the address bar. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', config.callbackPath + '#/requests');
  if (!pending || params.has('error') || params.get('state') !== pending.state) {
    throw new Error('sign-in');
  }
  const answer = await tokenCall({
    grant_type: 'authorization_code', client_id: config.clientId, code: params.get('code'),
    redirect_uri: callbackUri(), code_verifier: pending.verifier
  });
  if (!answer) throw new Error('sign-in');
  store(answer, answer.refresh_token);
  return true;
}

async function tokenCall(form) {
  const answer = await fetch(config.token, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form), cache: 'no-store', credentials: 'omit'
  });
  return answer.ok ? answer.json() : null;
}

function store(answer, refresh) {
  sessionStorage.setItem(TOKENS, JSON.stringify({
    access: answer.access_token, refresh, expiresAt: Date.now() + answer.expires_in * 1000
  }));
}

function tokens() {
  return JSON.parse(sessionStorage.getItem(TOKENS) || 'null');
}

export function signedIn() { return tokens() !== null; }

let refreshing = null;
/** A fresh token: refreshed with the refresh token when less than 30 s is left. Null when signed out. */
export async function accessToken(force = false) {
  const current = tokens();
  if (!current) return null;
  if (!force && current.expiresAt - Date.now() > 30_000) return current.access;
  refreshing ??= tokenCall({ grant_type: 'refresh_token', client_id: config.clientId, refresh_token: current.refresh })
    .then(answer => {
      if (!answer) { sessionStorage.removeItem(TOKENS); return null; }
      store(answer, answer.refresh_token || current.refresh);
      return answer.access_token;
    }).finally(() => { refreshing = null; });
  return refreshing;
}

/** The groups of the signed-in user, read from the token for the page's layout only (the API decides). */
export function groups() {
  const current = tokens();
  if (!current) return [];
  try {
    const payload = JSON.parse(atob(current.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload['cognito:groups'] || [];
  } catch {
    return [];
  }
}

export async function signOut() {
  const current = tokens();
  sessionStorage.removeItem(TOKENS);
  sessionStorage.removeItem(PENDING);
  if (current?.refresh) {
    // revoked first: a refresh token copied before sign-out is then worthless too
    await fetch(config.revoke, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: current.refresh, client_id: config.clientId }), credentials: 'omit'
    }).catch(() => undefined);
  }
  location.assign(`${config.logout}?${new URLSearchParams({ client_id: config.clientId, logout_uri: callbackUri() })}`);
}
