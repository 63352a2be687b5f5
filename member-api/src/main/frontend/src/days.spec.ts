import { afterEach, describe, expect, it } from 'vitest'
import { addDays, businessZone, today, useBusinessZone } from './days'

describe('business days', () => {
  afterEach(() => useBusinessZone(null))

  it('counts today in the application’s zone, not the browser’s', () => {
    const lateInLondon = new Date('2026-12-02T16:37:00Z')
    expect(today(lateInLondon, 'Asia/Shanghai')).toBe('2026-12-03')
    expect(today(lateInLondon, 'UTC')).toBe('2026-12-02')
    expect(today(new Date('2026-12-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-01')
  })

  it('uses the zone the application names, and ignores one the browser does not know', () => {
    useBusinessZone('Asia/Shanghai')
    expect(businessZone()).toBe('Asia/Shanghai')
    expect(today(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    useBusinessZone('Mars/Olympus_Mons')
    expect(businessZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-02', -29)).toBe('2026-11-03')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})

describe('instants shown in the business zone', () => {
  it('formats the time a report was taken as the application’s clock shows it', async () => {
    const { formatDateTime, setLocale } = await import('./i18n')
    setLocale('en')
    expect(formatDateTime('2026-12-03T08:04:00Z', 'Asia/Shanghai')).toContain('4:04')
    expect(formatDateTime('2026-12-03T08:04:00Z', 'America/Los_Angeles')).toContain('12:04')
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('—')
  })
})
