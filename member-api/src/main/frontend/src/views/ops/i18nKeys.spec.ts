import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '@/i18n'

describe('messages of the operations, catalogue and reports pages', () => {
  it('are merged into both languages, keys with dashes included', () => {
    const t = i18n.global.t
    setLocale('en')
    expect(t('ops.phases.catching-up')).toBe('catching up with new events')
    expect(t('nav.members')).toBe('Members')
    expect(t('nav.reports')).toBe('Reports')
    setLocale('zh-CN')
    expect(t('nav.reports')).toBe('报表')
    expect(t('benefits.types.POINTS_MULTIPLIER')).toBe('积分倍率')
    setLocale('en')
  })

  it('have the same keys in both languages', () => {
    const keys = (o: unknown, prefix = ''): string[] =>
      typeof o === 'object' && o !== null
        ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
        : [prefix]
    const messages = i18n.global.messages.value as Record<string, unknown>
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort())
  })
})
