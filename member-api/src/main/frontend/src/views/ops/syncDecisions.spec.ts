import { describe, expect, it } from 'vitest'
import { SYNC_OUTCOMES } from '@/api/ops'
import { i18n, setLocale } from '@/i18n'
import { countKey, OUTCOMES, outcomeTag, REASONS, reasonKey } from './syncDecisions'

describe('sync record decisions', () => {
  it('name each outcome by the key of its count, in the counts’ order', () => {
    expect(countKey('CREATED')).toBe('created')
    expect(countKey('CONFLICT_WON_LOCALLY')).toBe('conflictsWonLocally')
    expect(countKey('CONFLICT_WON_EXTERNALLY')).toBe('conflictsWonExternally')
    expect(OUTCOMES.map(countKey)).toEqual(SYNC_OUTCOMES)
  })

  it('colour what was not applied apart from what was', () => {
    expect(outcomeTag('CREATED')).toBe('success')
    expect(outcomeTag('UNCHANGED')).toBe('info')
    expect(outcomeTag('CONFLICT_WON_LOCALLY')).toBe('warning')
    expect(outcomeTag('FAILED')).toBe('danger')
    expect(outcomeTag('QUARANTINED')).toBe('danger')
  })

  it('explain the known reasons in both languages and show error codes as they are', () => {
    expect(reasonKey('INVALID_PROFILE')).toBeNull()
    const t = i18n.global.t
    for (const locale of ['en', 'zh-CN'] as const) {
      setLocale(locale)
      for (const reason of REASONS) {
        const key = reasonKey(reason)!
        expect(t(key)).not.toBe(key)
      }
    }
    setLocale('en')
    expect(t(reasonKey('KEEP_LOCAL')!)).toBe('edited here later')
  })
})
