import { currentLocale } from '@/i18n'

/** One invalid field of a request, as the API's Problem Details list it. */
export interface FieldError {
  field: string
  code: string
  message: string
}

/** A refusal of the API (RFC 9457 Problem Details with MemberHub's stable code), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail)
    this.name = 'ApiError'
  }

  /** The field errors by field name (the first message of each). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {}
    for (const error of this.errors) {
      byField[error.field] ??= error.message
    }
    return byField
  }
}

export interface ApiResponse<T> {
  status: number
  data: T
  etag: string | null
  consistencyToken: string | null
}

export interface RequestOptions {
  method?: string
  query?: Record<string, string | string[] | number | undefined | null>
  body?: unknown
  form?: Record<string, string>
  headers?: Record<string, string>
}

type TokenSource = () => string | null
let tokenSource: TokenSource = () => null
let onUnauthorized: () => void = () => {}

/** Wired once by the auth store: where the bearer token comes from and what a 401 does. */
export function configureClient(token: TokenSource, unauthorized: () => void) {
  tokenSource = token
  onUnauthorized = unauthorized
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    for (const one of Array.isArray(value) ? value : [value]) {
      params.append(key, String(one))
    }
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

/** Every call of the console goes through here: bearer token, Accept-Language, Problem Details as ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
    ...options.headers,
  }
  const token = tokenSource()
  if (token) headers.Authorization = `Bearer ${token}`
  let body: BodyInit | undefined
  if (options.form) {
    body = new URLSearchParams(options.form)
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['Content-Type'] = 'application/json'
  }
  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), { method: options.method ?? 'GET', headers, body })
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  const text = await response.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = text
    }
  }
  if (!response.ok) {
    if (response.status === 401 && token) onUnauthorized()
    throw toApiError(response.status, data)
  }
  return {
    status: response.status,
    data: data as T,
    etag: response.headers.get('ETag'),
    consistencyToken: response.headers.get('X-Consistency-Token'),
  }
}

export function toApiError(status: number, data: unknown): ApiError {
  if (data && typeof data === 'object') {
    const problem = data as Record<string, unknown>
    const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : []
    const code = typeof problem.code === 'string' ? problem.code : typeof problem.error === 'string' ? problem.error : `HTTP_${status}`
    const detail =
      typeof problem.detail === 'string'
        ? problem.detail
        : typeof problem.error_description === 'string'
          ? problem.error_description
          : typeof problem.title === 'string'
            ? problem.title
            : `HTTP ${status}`
    return new ApiError(status, code, detail, errors)
  }
  return new ApiError(status, `HTTP_${status}`, typeof data === 'string' && data ? data : `HTTP ${status}`)
}
