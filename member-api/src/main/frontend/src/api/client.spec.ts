import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, configureClient, request } from './client'
import { setLocale } from '@/i18n'

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn().mockResolvedValue(
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
    }),
  )
}

describe('api client', () => {
  beforeEach(() => configureClient(() => 'tok', () => {}))
  afterEach(() => vi.unstubAllGlobals())

  it('sends the bearer token and the chosen language', async () => {
    setLocale('zh-CN')
    const fetch = respond(200, { ok: true }, { ETag: '"3"', 'X-Consistency-Token': 'c1' })
    vi.stubGlobal('fetch', fetch)

    const response = await request<{ ok: boolean }>('/api/v1/members', { query: { status: ['ACTIVE', 'FROZEN'], q: '' } })

    expect(fetch.mock.calls[0][0]).toBe('/api/v1/members?status=ACTIVE&status=FROZEN')
    const headers = fetch.mock.calls[0][1].headers
    expect(headers.Authorization).toBe('Bearer tok')
    expect(headers['Accept-Language']).toBe('zh-CN')
    expect(response.etag).toBe('"3"')
    expect(response.consistencyToken).toBe('c1')
    setLocale('en')
  })

  it('turns Problem Details into a typed error with its field errors', async () => {
    vi.stubGlobal(
      'fetch',
      respond(400, {
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'The request has invalid fields',
        errors: [{ field: 'mobile', code: 'INVALID_MOBILE', message: 'not a mobile number' }],
      }),
    )

    const error = await request('/api/v1/members', { method: 'POST', body: {} }).catch((e) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.detail).toBe('The request has invalid fields')
    expect(error.fieldErrors()).toEqual({ mobile: 'not a mobile number' })
  })

  it('signs out when the token is refused', async () => {
    const unauthorized = vi.fn()
    configureClient(() => 'expired', unauthorized)
    vi.stubGlobal('fetch', respond(401, { status: 401, code: 'UNAUTHORIZED', detail: 'no' }))

    await expect(request('/api/v1/members')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(unauthorized).toHaveBeenCalled()
  })

  it('leaves empty filters out of the URL', () => {
    expect(buildUrl('/x', { a: undefined, b: null, c: '', d: 0 })).toBe('/x?d=0')
  })
})
