import { currentLocale } from '@/i18n'
import { ApiError, buildUrl, request, toApiError } from './client'

export interface ReportInfo {
  name: string
  daily: boolean
  json: string
  csv: string
}

export interface ReportTable {
  report: string
  asOf: string
  from: string | null
  to: string | null
  columns: string[]
  rows: Record<string, string | number | null>[]
}

export async function listReports(): Promise<ReportInfo[]> {
  return (await request<ReportInfo[]>('/api/v1/stats')).data
}

export async function getReport(name: string, from?: string, to?: string): Promise<ReportTable> {
  return (await request<ReportTable>(`/api/v1/stats/${encodeURIComponent(name)}`, { query: { from, to } })).data
}

/** The file name a Content-Disposition header names, or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1].trim() : fallback
}

/**
 * Downloads the server's CSV of a report (the API builds it: RFC 4180, formula-like cells defused). The file needs the
 * bearer token, so it is fetched and handed to the browser as a blob rather than opened as a link.
 */
export async function downloadReportCsv(name: string, token: string | null, from?: string, to?: string): Promise<string> {
  const headers: Record<string, string> = { Accept: 'text/csv', 'Accept-Language': currentLocale() }
  if (token) headers.Authorization = `Bearer ${token}`
  let response: Response
  try {
    response = await fetch(buildUrl(`/api/v1/stats/${encodeURIComponent(name)}.csv`, { from, to }), { headers })
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e))
  }
  if (!response.ok) {
    const text = await response.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    throw toApiError(response.status, data)
  }
  const file = fileNameOf(response.headers.get('Content-Disposition'), `${name}.csv`)
  const blob = await response.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return file
}
