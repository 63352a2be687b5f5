/**
 * OpenID Connect for the console's public client: authorization code with PKCE (S256), state and nonce checked on
 * the way back, tokens refreshed before they expire, and sign-out at the issuer's end-session endpoint. Pure
 * functions plus small wrappers around fetch and sessionStorage, so each step can be tested on its own.
 */

/** What the application tells the console at run time (GET /console/config.json). */
export interface ConsoleSettings {
  mode: 'dev' | 'oidc'
  issuer: string | null
  clientId: string | null
  scope?: string | null
  devTokenEndpoint?: string | null
  /** The business time zone the application counts calendar days in. */
  timeZone?: string | null
}

export const DEV_SETTINGS: ConsoleSettings = { mode: 'dev', issuer: null, clientId: null, devTokenEndpoint: '/dev/token' }

/** The console's settings; the development issuer's form when the application cannot be asked. */
export async function loadSettings(fetchImpl: typeof fetch = fetch): Promise<ConsoleSettings> {
  try {
    const response = await fetchImpl('/console/config.json', { headers: { Accept: 'application/json' } })
    if (!response.ok) return DEV_SETTINGS
    const settings = (await response.json()) as ConsoleSettings
    return settings.mode === 'oidc' && settings.issuer && settings.clientId ? settings : { ...DEV_SETTINGS, ...settings, mode: 'dev' }
  } catch {
    return DEV_SETTINGS
  }
}

export interface ProviderMetadata {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  end_session_endpoint?: string
}

export async function discover(issuer: string, fetchImpl: typeof fetch = fetch): Promise<ProviderMetadata> {
  const response = await fetchImpl(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
  if (!response.ok) throw new OidcError('discovery_failed', `HTTP ${response.status}`)
  return (await response.json()) as ProviderMetadata
}

export class OidcError extends Error {
  constructor(
    readonly code: string,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code)
    this.name = 'OidcError'
  }
}

export function base64url(bytes: Uint8Array): string {
  let binary = ''
  bytes.forEach((b) => (binary += String.fromCharCode(b)))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A random string of URL-safe characters from {@code bytes} random bytes (32 bytes: 43 characters). */
export function randomString(bytes = 32): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  return base64url(buffer)
}

/** RFC 7636 S256: BASE64URL(SHA-256(ASCII(code_verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64url(new Uint8Array(digest))
}

/** What the console keeps in the tab between leaving for the issuer and coming back. */
export interface PendingLogin {
  state: string
  nonce: string
  verifier: string
  next: string
}

const PENDING_KEY = 'memberhub.oidc.pending'

export function redirectUri(origin: string = location.origin): string {
  return `${origin}/console/callback`
}

/** The authorization request's URL; the pending login is kept in session storage for the way back. */
export async function authorizationUrl(
  settings: ConsoleSettings,
  metadata: ProviderMetadata,
  next: string,
  storage: Storage = sessionStorage,
  origin: string = location.origin,
): Promise<string> {
  const pending: PendingLogin = { state: randomString(), nonce: randomString(), verifier: randomString(48), next }
  storage.setItem(PENDING_KEY, JSON.stringify(pending))
  const url = new URL(metadata.authorization_endpoint)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', settings.clientId!)
  url.searchParams.set('redirect_uri', redirectUri(origin))
  url.searchParams.set('scope', settings.scope || 'openid')
  url.searchParams.set('state', pending.state)
  url.searchParams.set('nonce', pending.nonce)
  url.searchParams.set('code_challenge', await codeChallenge(pending.verifier))
  url.searchParams.set('code_challenge_method', 'S256')
  return url.toString()
}

export interface TokenSet {
  accessToken: string
  refreshToken: string | null
  idToken: string | null
  /** epoch milliseconds */
  expiresAt: number
}

interface TokenResponse {
  access_token: string
  refresh_token?: string
  id_token?: string
  expires_in?: number
}

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? ''
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))))
}

function toTokenSet(response: TokenResponse, now: number, previous?: TokenSet): TokenSet {
  let expiresAt = now + (response.expires_in ?? 300) * 1000
  try {
    const exp = claimsOf(response.access_token).exp
    if (typeof exp === 'number') expiresAt = Math.min(expiresAt, exp * 1000)
  } catch {
    // an opaque access token: expires_in alone
  }
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
    idToken: response.id_token ?? previous?.idToken ?? null,
    expiresAt,
  }
}

async function tokenRequest(endpoint: string, form: Record<string, string>, fetchImpl: typeof fetch): Promise<TokenResponse> {
  let response: Response
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form),
    })
  } catch (e) {
    throw new OidcError('network', e instanceof Error ? e.message : String(e))
  }
  const body = await response.json().catch(() => ({}))
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new OidcError(body.error ?? `HTTP_${response.status}`, body.error_description)
  }
  return body as TokenResponse
}

/**
 * The way back from the issuer: refuses an error answer, a missing code and a state that is not the one this tab
 * sent; redeems the code with the verifier; refuses an ID token whose nonce is not the one sent. The pending login
 * is used once: it is gone afterwards, whatever the outcome.
 */
export async function completeLogin(
  callbackUrl: string,
  settings: ConsoleSettings,
  metadata: ProviderMetadata,
  storage: Storage = sessionStorage,
  fetchImpl: typeof fetch = fetch,
  now: number = Date.now(),
): Promise<{ tokens: TokenSet; next: string }> {
  const params = new URL(callbackUrl).searchParams
  const raw = storage.getItem(PENDING_KEY)
  storage.removeItem(PENDING_KEY)
  if (params.get('error')) throw new OidcError(params.get('error')!, params.get('error_description') ?? undefined)
  const pending = raw ? (JSON.parse(raw) as PendingLogin) : null
  if (!pending) throw new OidcError('no_pending_login')
  if (!params.get('state') || params.get('state') !== pending.state) throw new OidcError('state_mismatch')
  const code = params.get('code')
  if (!code) throw new OidcError('no_code')
  const response = await tokenRequest(
    metadata.token_endpoint,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(new URL(callbackUrl).origin),
      client_id: settings.clientId!,
      code_verifier: pending.verifier,
    },
    fetchImpl,
  )
  if (response.id_token) {
    const nonce = claimsOf(response.id_token).nonce
    if (nonce !== pending.nonce) throw new OidcError('nonce_mismatch')
  }
  const next = pending.next.startsWith('/') && !pending.next.startsWith('//') ? pending.next : '/'
  return { tokens: toTokenSet(response, now), next }
}

/** A new access token for the refresh token (the issuer may rotate the refresh token too). */
export async function refreshTokens(
  tokens: TokenSet,
  settings: ConsoleSettings,
  metadata: ProviderMetadata,
  fetchImpl: typeof fetch = fetch,
  now: number = Date.now(),
): Promise<TokenSet> {
  if (!tokens.refreshToken) throw new OidcError('no_refresh_token')
  const response = await tokenRequest(
    metadata.token_endpoint,
    { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: settings.clientId! },
    fetchImpl,
  )
  return toTokenSet(response, now, tokens)
}

const MAX_TIMEOUT = 2_147_483_647

/** When to refresh: after two thirds of the lifetime left, at the latest a minute before expiry; never in the past. */
export function refreshDelay(expiresAt: number, now: number = Date.now()): number {
  const left = expiresAt - now
  // setTimeout fires at once for a delay beyond 2^31 - 1 ms (24.8 days): cap it, or a long-lived token refreshes in a loop
  return Math.min(MAX_TIMEOUT, Math.max(0, Math.min(left - 60_000, Math.floor((left * 2) / 3))))
}

/** Runs {@code refresh} before the token expires; the returned function cancels it. */
export function scheduleRefresh(expiresAt: number, refresh: () => void, now: number = Date.now()): () => void {
  const timer = setTimeout(refresh, refreshDelay(expiresAt, now))
  return () => clearTimeout(timer)
}

/** The issuer's end-session URL (RP-initiated logout), back to the console's sign-in page afterwards. */
export function logoutUrl(
  settings: ConsoleSettings,
  metadata: ProviderMetadata,
  idToken: string | null,
  origin: string = location.origin,
): string | null {
  if (!metadata.end_session_endpoint) return null
  const url = new URL(metadata.end_session_endpoint)
  url.searchParams.set('client_id', settings.clientId!)
  url.searchParams.set('post_logout_redirect_uri', `${origin}/console/login`)
  if (idToken) url.searchParams.set('id_token_hint', idToken)
  return url.toString()
}
