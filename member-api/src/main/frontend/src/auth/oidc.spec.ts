import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import {
  authorizationUrl,
  codeChallenge,
  completeLogin,
  loadSettings,
  logoutUrl,
  OidcError,
  refreshDelay,
  scheduleRefresh,
  type ConsoleSettings,
  type ProviderMetadata,
} from './oidc'
import { useAuthStore } from '@/stores/auth'

const settings: ConsoleSettings = { mode: 'oidc', issuer: 'https://id.example/realms/memberhub', clientId: 'memberhub-backoffice', scope: 'openid' }
const metadata: ProviderMetadata = {
  issuer: settings.issuer!,
  authorization_endpoint: 'https://id.example/realms/memberhub/protocol/openid-connect/auth',
  token_endpoint: 'https://id.example/realms/memberhub/protocol/openid-connect/token',
  end_session_endpoint: 'https://id.example/realms/memberhub/protocol/openid-connect/logout',
}
const origin = 'http://localhost:8080'

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function startLogin(next = '/members') {
  const url = new URL(await authorizationUrl(settings, metadata, next, sessionStorage, origin))
  return url.searchParams
}

describe('OpenID Connect with PKCE', () => {
  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('computes the S256 challenge of RFC 7636 (its appendix B example)', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('sends a code request with PKCE S256, state and nonce, and keeps the verifier whose challenge it sent', async () => {
    const params = await startLogin()

    expect(params.get('response_type')).toBe('code')
    expect(params.get('client_id')).toBe('memberhub-backoffice')
    expect(params.get('redirect_uri')).toBe('http://localhost:8080/console/callback')
    expect(params.get('code_challenge_method')).toBe('S256')
    const pending = JSON.parse(sessionStorage.getItem('memberhub.oidc.pending')!)
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/)
    expect(params.get('code_challenge')).toBe(createHash('sha256').update(pending.verifier).digest('base64url'))
    expect(params.get('state')).toBe(pending.state)
    expect(params.get('nonce')).toBe(pending.nonce)
    expect(pending.state).not.toBe(pending.nonce)
  })

  it('redeems the code with the verifier when the state comes back unchanged', async () => {
    const params = await startLogin('/audit')
    const pending = JSON.parse(sessionStorage.getItem('memberhub.oidc.pending')!)
    const now = 1_800_000_000_000
    const fetch = vi.fn().mockResolvedValue(
      json({
        access_token: jwt({ exp: now / 1000 + 300 }),
        refresh_token: 'refresh-1',
        id_token: jwt({ nonce: pending.nonce }),
        expires_in: 300,
      }),
    )

    const { tokens, next } = await completeLogin(
      `${origin}/console/callback?state=${params.get('state')}&code=the-code`,
      settings,
      metadata,
      sessionStorage,
      fetch,
      now,
    )

    expect(next).toBe('/audit')
    expect(tokens.refreshToken).toBe('refresh-1')
    expect(tokens.expiresAt).toBe(now + 300_000)
    const [endpoint, init] = fetch.mock.calls[0]
    expect(endpoint).toBe(metadata.token_endpoint)
    const form = new URLSearchParams(init.body)
    expect(form.get('grant_type')).toBe('authorization_code')
    expect(form.get('code')).toBe('the-code')
    expect(form.get('code_verifier')).toBe(pending.verifier)
    expect(form.get('redirect_uri')).toBe('http://localhost:8080/console/callback')
    expect(sessionStorage.getItem('memberhub.oidc.pending')).toBeNull()
  })

  it('refuses a state it did not send, without asking for tokens, and the pending login is used up', async () => {
    await startLogin()
    const fetch = vi.fn()

    await expect(
      completeLogin(`${origin}/console/callback?state=forged&code=stolen`, settings, metadata, sessionStorage, fetch),
    ).rejects.toThrow(new OidcError('state_mismatch'))
    expect(fetch).not.toHaveBeenCalled()
    expect(sessionStorage.getItem('memberhub.oidc.pending')).toBeNull()
  })

  it("refuses an ID token with another nonce and the issuer's error answer", async () => {
    const params = await startLogin()
    const fetch = vi.fn().mockResolvedValue(json({ access_token: jwt({}), id_token: jwt({ nonce: 'replayed' }) }))
    await expect(
      completeLogin(`${origin}/console/callback?state=${params.get('state')}&code=c`, settings, metadata, sessionStorage, fetch),
    ).rejects.toThrow('nonce_mismatch')

    await startLogin()
    await expect(
      completeLogin(`${origin}/console/callback?error=access_denied`, settings, metadata, sessionStorage, fetch),
    ).rejects.toThrow('access_denied')
  })

  it('refreshes after two thirds of the lifetime left, at the latest a minute before expiry, never in the past', () => {
    expect(refreshDelay(1_000_000 + 300_000, 1_000_000)).toBe(200_000)
    expect(refreshDelay(1_000_000 + 3_600_000, 1_000_000)).toBe(2_400_000)
    expect(refreshDelay(1_000_000 + 60_000, 1_000_000)).toBe(0)
    expect(refreshDelay(500, 1_000_000)).toBe(0)
    expect(refreshDelay(4_000_000_000_000, 0)).toBe(2_147_483_647)

    vi.useFakeTimers()
    const refresh = vi.fn()
    const cancel = scheduleRefresh(Date.now() + 300_000, refresh)
    vi.advanceTimersByTime(199_000)
    expect(refresh).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1_000)
    expect(refresh).toHaveBeenCalledOnce()
    cancel()
  })

  it('the store refreshes with the refresh token before expiry and keeps the rotated one', async () => {
    vi.useFakeTimers()
    const now = Date.now()
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
      if (String(url).endsWith('/.well-known/openid-configuration')) return json(metadata)
      return json({ access_token: jwt({ exp: Math.floor(now / 1000) + 600, preferred_username: 'admin' }), refresh_token: 'refresh-2', expires_in: 600 })
    })
    vi.stubGlobal('fetch', fetch)
    const auth = useAuthStore()
    auth.configure(settings)
    auth.setTokens({ accessToken: jwt({ exp: Math.floor(now / 1000) + 300 }), refreshToken: 'refresh-1', idToken: 'id-1', expiresAt: now + 300_000 })

    await vi.advanceTimersByTimeAsync(200_000)

    const tokenCall = fetch.mock.calls.find(([url]) => url === metadata.token_endpoint)!
    expect(new URLSearchParams(tokenCall[1]!.body as URLSearchParams).get('refresh_token')).toBe('refresh-1')
    expect(auth.oidc?.refreshToken).toBe('refresh-2')
    expect(auth.oidc?.idToken).toBe('id-1')
    expect(auth.username).toBe('admin')
  })

  it("logout clears the tokens here and answers the issuer's end-session URL", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(metadata)))
    const auth = useAuthStore()
    auth.configure(settings)
    auth.setTokens({ accessToken: jwt({ exp: 4_000_000_000 }), refreshToken: 'r', idToken: 'the-id-token', expiresAt: 4_000_000_000_000 })
    expect(sessionStorage.getItem('memberhub.oidc.tokens')).not.toBeNull()

    const url = new URL((await auth.signOut())!)

    expect(auth.token).toBeNull()
    expect(auth.oidc).toBeNull()
    expect(auth.signedIn).toBe(false)
    expect(sessionStorage.getItem('memberhub.oidc.tokens')).toBeNull()
    expect(sessionStorage.getItem('memberhub.token')).toBeNull()
    expect(url.origin + url.pathname).toBe(metadata.end_session_endpoint)
    expect(url.searchParams.get('id_token_hint')).toBe('the-id-token')
    expect(url.searchParams.get('post_logout_redirect_uri')).toMatch(/\/console\/login$/)
    expect(logoutUrl(settings, { ...metadata, end_session_endpoint: undefined }, null)).toBeNull()
  })

  it('falls back to the development issuer when the application does not say', async () => {
    expect((await loadSettings(vi.fn().mockRejectedValue(new Error('offline')))).mode).toBe('dev')
    expect((await loadSettings(vi.fn().mockResolvedValue(json(settings)))).clientId).toBe('memberhub-backoffice')
    expect((await loadSettings(vi.fn().mockResolvedValue(json({ mode: 'oidc', issuer: null })))).mode).toBe('dev')
  })
})
