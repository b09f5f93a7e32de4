// OpenID Connect sign-in for a browser app without a secret: the authorisation code flow with PKCE (RFC 7636).
// The verifier stays in this tab's sessionStorage; the provider sees only its SHA-256 until the code is redeemed.
const VERIFIER = 'open311.pkce.verifier';
const STATE = 'open311.pkce.state';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}${location.pathname}`;

export async function beginSignIn(oidc) {
  if (!crypto.subtle) throw new Error('Signing in needs this page over HTTPS (or on localhost).');
  const verifier = random();
  const state = random();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(oidc.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.client_id, redirect_uri: redirectUri(), scope: oidc.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** The access token when this page is the provider's redirect back with a code; null otherwise. */
export async function finishSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  if (oidc && params.has('error')) {
    history.replaceState(null, '', location.pathname);
    throw new Error(`The identity provider did not sign you in: ${params.get('error_description') || params.get('error')}`);
  }
  if (!oidc || !params.has('code')) return null;
  const verifier = sessionStorage.getItem(VERIFIER);
  const expected = sessionStorage.getItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  history.replaceState(null, '', location.pathname);
  if (!verifier || params.get('state') !== expected) throw new Error('The sign-in answer does not match this tab: sign in again.');
  const response = await fetch(oidc.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.client_id, code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error(`The identity provider refused the sign-in (${response.status}).`);
  const answer = await response.json();
  // the staff API wants a JWT with the city's audience; providers put it in the access token
  return answer.access_token;
}
