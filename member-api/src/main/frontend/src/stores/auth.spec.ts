import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { readClaims, useAuthStore } from './auth'

function token(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`
}

const inAnHour = Math.floor(Date.now() / 1000) + 3600

describe('auth store', () => {
  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
  })

  it('reads user name and realm roles from the token', () => {
    expect(readClaims(token({ preferred_username: '管理员', realm_access: { roles: ['member-admin'] }, exp: inAnHour }))).toEqual({
      username: '管理员',
      roles: ['member-admin'],
      expiresAt: inAnHour * 1000,
    })
    expect(readClaims('garbage')).toBeNull()
  })

  it('offers staff the member writes but not deletion', () => {
    const auth = useAuthStore()
    auth.setToken(token({ preferred_username: 'staff', realm_access: { roles: ['member-staff'] }, exp: inAnHour }))

    expect(auth.signedIn).toBe(true)
    expect(auth.can('createMember')).toBe(true)
    expect(auth.can('deleteMember')).toBe(false)
    expect(sessionStorage.getItem('memberhub.token')).toBe(auth.token)
  })

  it('offers an analyst no member page at all', () => {
    const auth = useAuthStore()
    auth.setToken(token({ preferred_username: 'analyst', realm_access: { roles: ['analyst'] }, exp: inAnHour }))

    expect(auth.can('listMembers')).toBe(false)
    expect(auth.can('createMember')).toBe(false)
  })

  it('treats an expired token as signed out, and logout forgets the token', () => {
    const auth = useAuthStore()
    auth.setToken(token({ preferred_username: 'admin', realm_access: { roles: ['member-admin'] }, exp: 1 }))
    expect(auth.signedIn).toBe(false)
    expect(auth.can('listMembers')).toBe(false)

    auth.logout()
    expect(auth.token).toBeNull()
    expect(sessionStorage.getItem('memberhub.token')).toBeNull()
  })
})
