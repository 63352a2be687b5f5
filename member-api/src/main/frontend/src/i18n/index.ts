import { createI18n } from 'vue-i18n'
import en from './en'
import zhCN from './zh-CN'
import operations from './operations'
import catalogue from './catalogue'
import reports from './reports'
import audit from './audit'

export type AppLocale = 'zh-CN' | 'en'
export const LOCALES: AppLocale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'memberhub.locale'

export function initialLocale(): AppLocale {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'zh-CN' || stored === 'en') return stored
  return navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

type Messages = { [key: string]: string | Messages }

/** Adds the messages of a page's own file (each `{ en, 'zh-CN' }`) to the console's, key by key. */
export function mergeMessages(target: Messages, ...sources: Messages[]): Messages {
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      const existing = target[key]
      target[key] =
        typeof value === 'object' && typeof existing === 'object' ? mergeMessages({ ...existing }, value) : value
    }
  }
  return target
}

const messages = {
  en: mergeMessages({ ...en } as Messages, operations.en, catalogue.en, reports.en, audit.en),
  'zh-CN': mergeMessages({ ...zhCN } as Messages, operations['zh-CN'], catalogue['zh-CN'], reports['zh-CN'], audit['zh-CN']),
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages,
})

export function currentLocale(): AppLocale {
  return i18n.global.locale.value as AppLocale
}

export function setLocale(locale: AppLocale) {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/** An instant as a date and time in the browser's zone, or in {@code timeZone} (an IANA name) when given. */
export function formatDateTime(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '—'
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value))
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  // a calendar date (no time zone): format it as that day, not as UTC midnight shifted
  const [y, m, d] = value.split('-').map(Number)
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium' }).format(new Date(y, m - 1, d))
}

export function formatNumber(value: number | string | null | undefined, digits = 0): string {
  if (value === null || value === undefined || value === '') return '—'
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    Number(value),
  )
}

export function formatMoney(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(Number(value))
}
