import { defineStore } from 'pinia'
import { configureClient, request } from '@/api/client'

const STORAGE_KEY = 'memberhub.token'

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

export const useAuthStore = defineStore('auth', {
  state: () => ({ token: sessionStorage.getItem(STORAGE_KEY) as string | null }),
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
    /** The development issuer's password grant (embedded default). TODO(#14): Keycloak OIDC with PKCE for prod. */
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
      this.setToken(null)
    },
  },
})

/** Connects the API client to the store: the token on every call, a refused token signs out. */
export function wireClient(store: ReturnType<typeof useAuthStore>, unauthorized: () => void) {
  configureClient(
    () => store.token,
    () => {
      store.logout()
      unauthorized()
    },
  )
}
