import { defineStore } from 'pinia'
import { configureClient, request } from '@/api/client'
import {
  authorizationUrl,
  completeLogin,
  DEV_SETTINGS,
  discover,
  logoutUrl,
  refreshTokens,
  scheduleRefresh,
  type ConsoleSettings,
  type ProviderMetadata,
  type TokenSet,
} from '@/auth/oidc'

const STORAGE_KEY = 'memberhub.token'
const OIDC_KEY = 'memberhub.oidc.tokens'

/** What the console offers each role; the API stays the authority (AccessPolicy), this only hides what would fail. */
export const PERMISSIONS = {
  listMembers: ['member-admin', 'member-staff', 'auditor'],
  viewMember: ['member-admin', 'member-staff', 'auditor'],
  createMember: ['member-admin', 'member-staff'],
  editMember: ['member-admin', 'member-staff'],
  freezeMember: ['member-admin', 'member-staff'],
  deleteMember: ['member-admin'],
  viewLedger: ['member-admin', 'member-staff', 'auditor'],
  recordPurchase: ['member-admin', 'order-service'],
  adjustPoints: ['member-admin', 'member-staff'],
  viewReports: ['member-admin', 'member-staff', 'analyst'],
  viewProjections: ['member-admin'],
  viewSync: ['member-admin', 'member-staff'],
  startSync: ['member-admin'],
  viewBenefits: ['member-admin', 'member-staff', 'auditor', 'analyst'],
  manageBenefits: ['member-admin'],
  viewActivities: ['member-admin', 'member-staff', 'auditor', 'analyst'],
  manageActivities: ['member-admin', 'member-staff'],
  // member detail completions and audit (#14 items 3 and 4)
  recordRefund: ['member-admin', 'order-service'],
  setLevel: ['member-admin'],
  viewHistory: ['member-admin', 'auditor'],
  viewAuditLog: ['member-admin', 'auditor'],
} as const
export type Permission = keyof typeof PERMISSIONS

export interface TokenClaims {
  username: string
  roles: string[]
  expiresAt: number
}

/** Reads the token's claims for display only: the signature is the server's business. */
export function readClaims(token: string): TokenClaims | null {
  try {
    const payload = token.split('.')[1]
    const json = decodeURIComponent(
      Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    )
    const claims = JSON.parse(json)
    const roles = new Set<string>(claims.realm_access?.roles ?? [])
    for (const client of Object.values<{ roles?: string[] }>(claims.resource_access ?? {})) {
      client.roles?.forEach((role) => roles.add(role))
    }
    return {
      username: claims.preferred_username ?? claims.sub ?? '?',
      roles: [...roles].sort(),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Number.MAX_SAFE_INTEGER,
    }
  } catch {
    return null
  }
}

function storedTokens(): TokenSet | null {
  try {
    return JSON.parse(sessionStorage.getItem(OIDC_KEY) ?? 'null') as TokenSet | null
  } catch {
    return null
  }
}

// outside the state: a timer and the issuer's metadata are not something to render
let cancelRefresh: () => void = () => {}
let metadata: ProviderMetadata | null = null
let sessionLost: () => void = () => {}

export const useAuthStore = defineStore('auth', {
  state: () => ({
    token: sessionStorage.getItem(STORAGE_KEY) as string | null,
    oidc: storedTokens(),
    settings: DEV_SETTINGS as ConsoleSettings,
  }),
  getters: {
    claims: (state) => (state.token ? readClaims(state.token) : null),
    signedIn(): boolean {
      return this.claims !== null && this.claims.expiresAt > Date.now()
    },
    username(): string {
      return this.claims?.username ?? ''
    },
    roles(): string[] {
      return this.claims?.roles ?? []
    },
  },
  actions: {
    can(permission: Permission): boolean {
      return this.signedIn && PERMISSIONS[permission].some((role) => this.roles.includes(role))
    },
    /** Which sign-in the application asks for (GET /console/config.json); resumes refreshing a kept token. */
    configure(settings: ConsoleSettings) {
      this.settings = settings
      if (settings.mode === 'oidc' && this.oidc) this.keepFresh()
    },
    async providerMetadata(): Promise<ProviderMetadata> {
      if (!metadata || metadata.issuer.replace(/\/$/, '') !== this.settings.issuer?.replace(/\/$/, '')) {
        metadata = await discover(this.settings.issuer!)
      }
      return metadata
    },
    /** OpenID Connect: where to send the browser to sign in (authorization code with PKCE). */
    async oidcLoginUrl(next: string): Promise<string> {
      return authorizationUrl(this.settings, await this.providerMetadata(), next)
    },
    /** OpenID Connect: the way back from the issuer; answers where the user was going. */
    async completeOidcLogin(callbackUrl: string): Promise<string> {
      const { tokens, next } = await completeLogin(callbackUrl, this.settings, await this.providerMetadata())
      this.setTokens(tokens)
      return next
    },
    setTokens(tokens: TokenSet | null) {
      cancelRefresh()
      this.oidc = tokens
      if (tokens) sessionStorage.setItem(OIDC_KEY, JSON.stringify(tokens))
      else sessionStorage.removeItem(OIDC_KEY)
      this.setToken(tokens?.accessToken ?? null)
      if (tokens) this.keepFresh()
    },
    /** Refreshes the access token a little before it expires, again and again; a refused refresh signs out. */
    keepFresh() {
      cancelRefresh()
      const tokens = this.oidc
      if (!tokens?.refreshToken) return
      cancelRefresh = scheduleRefresh(tokens.expiresAt, () => {
        this.refresh().catch(() => {
          this.logout()
          sessionLost()
        })
      })
    },
    async refresh() {
      if (!this.oidc) return
      this.setTokens(await refreshTokens(this.oidc, this.settings, await this.providerMetadata()))
    },
    /** Forgets the tokens here; with OpenID Connect, answers the issuer's end-session URL to end its session too. */
    async signOut(): Promise<string | null> {
      const idToken = this.oidc?.idToken ?? null
      const oidc = this.settings.mode === 'oidc' && this.oidc !== null
      this.logout()
      if (!oidc) return null
      try {
        return logoutUrl(this.settings, await this.providerMetadata(), idToken)
      } catch {
        return null
      }
    },
    /** The development issuer's password grant (embedded default). */
    async login(username: string, password: string) {
      const response = await request<{ access_token: string }>('/dev/token', {
        method: 'POST',
        form: { grant_type: 'password', username, password },
      })
      this.setToken(response.data.access_token)
    },
    setToken(token: string | null) {
      this.token = token
      if (token) sessionStorage.setItem(STORAGE_KEY, token)
      else sessionStorage.removeItem(STORAGE_KEY)
    },
    logout() {
      cancelRefresh()
      cancelRefresh = () => {}
      this.oidc = null
      sessionStorage.removeItem(OIDC_KEY)
      this.setToken(null)
    },
  },
})

/** Connects the API client to the store: the token on every call, a refused token signs out. */
export function wireClient(store: ReturnType<typeof useAuthStore>, unauthorized: () => void) {
  sessionLost = unauthorized
  configureClient(
    () => store.token,
    () => {
      store.logout()
      unauthorized()
    },
  )
}
