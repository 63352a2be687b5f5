import { afterEach, describe, expect, it, vi } from 'vitest'
import { downloadReportCsv, fileNameOf } from './stats'
import { setLocale } from '@/i18n'

describe('report CSV', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('takes the file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="points-per-day_2026-11-01_2026-11-30.csv"', 'x.csv')).toBe('points-per-day_2026-11-01_2026-11-30.csv')
    expect(fileNameOf("attachment; filename*=UTF-8''tenure%20distribution.csv", 'x.csv')).toBe('tenure distribution.csv')
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv')
  })

  it("fetches the server's CSV for the days with the token and the language, and refuses in Problem Details", async () => {
    setLocale('zh-CN')
    const fetch = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ status: 400, code: 'INVALID_REPORT_RANGE', detail: '不是有效的日期范围' }), { status: 400 }),
    )
    vi.stubGlobal('fetch', fetch)

    await expect(downloadReportCsv('points-per-day', 'tok', '2026-11-01', '2026-10-01')).rejects.toMatchObject({
      code: 'INVALID_REPORT_RANGE',
      detail: '不是有效的日期范围',
    })
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/stats/points-per-day.csv?from=2026-11-01&to=2026-10-01')
    expect(fetch.mock.calls[0][1].headers).toMatchObject({ Authorization: 'Bearer tok', 'Accept-Language': 'zh-CN' })
    setLocale('en')
  })
})
