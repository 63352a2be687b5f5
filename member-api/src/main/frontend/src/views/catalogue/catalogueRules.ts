import type { FormItemRule } from 'element-plus'
import type { ApiError } from '@/api/client'
import type { BenefitInput, BenefitType } from '@/api/catalogue'

// the API's rules (BenefitRequests/BenefitRules, ActivityRequests/ActivityRules); the server stays the authority
export const BENEFIT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/
export const MAX_NAME = 100
export const MAX_BENEFIT_DESCRIPTION = 1000
export const MAX_ACTIVITY_DESCRIPTION = 2000
export const MAX_QUOTA = 1000
export const MAX_PRICE = 100_000_000
export const MAX_CAPACITY = 1_000_000
export const MAX_REWARD = 1_000_000
export const LEVELS = [1, 2, 3, 4, 5]

type T = (key: string, values?: Record<string, unknown>) => string

export interface BenefitForm {
  id: string
  nameZh: string
  nameEn: string
  description: string
  type: BenefitType
  value: string
  levels: number[]
  hasQuota: boolean
  quotaUses: number | null
  quotaPeriod: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR'
  pointsPrice: number | null
}

export const valued = (type: BenefitType) => type === 'DISCOUNT' || type === 'POINTS_MULTIPLIER'

function decimals(value: string) {
  const dot = value.indexOf('.')
  return dot < 0 ? 0 : value.replace(/0+$/, '').length - dot - 1
}

/** Why a benefit's value is refused, or null: a discount is above 0 and below 1, a multiplier above 1 and at most 10. */
export function valueProblem(type: BenefitType, raw: string, t: T): string | null {
  const value = raw.trim()
  if (!valued(type)) return null
  if (!value) return t('benefits.rules.valueRequired')
  const n = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) return t(type === 'DISCOUNT' ? 'benefits.rules.discount' : 'benefits.rules.multiplier')
  if (type === 'DISCOUNT' && (n <= 0 || n >= 1 || decimals(value) > 4)) return t('benefits.rules.discount')
  if (type === 'POINTS_MULTIPLIER' && (n <= 1 || n > 10 || decimals(value) > 4)) return t('benefits.rules.multiplier')
  return null
}

export function benefitRules(form: BenefitForm, creating: boolean, t: T): Record<string, FormItemRule[]> {
  const required = { required: true, whitespace: true, message: t('catalogue.required'), trigger: 'blur' }
  const max = (n: number) => ({ max: n, message: t('catalogue.tooLong', { n }), trigger: 'blur' })
  const check = (problem: () => string | null): FormItemRule => ({
    validator: (_rule, _value, callback) => {
      const text = problem()
      return text ? callback(new Error(text)) : callback()
    },
    trigger: ['blur', 'change'],
  })
  return {
    id: creating ? [required, check(() => (BENEFIT_ID.test(form.id.trim()) ? null : t('benefits.rules.idPattern')))] : [],
    nameZh: [required, max(MAX_NAME)],
    nameEn: [required, max(MAX_NAME)],
    description: [max(MAX_BENEFIT_DESCRIPTION)],
    type: [{ required: true, message: t('catalogue.required'), trigger: 'change' }],
    value: [check(() => valueProblem(form.type, form.value, t))],
    levels: [check(() => (form.levels.length || form.pointsPrice ? null : t('benefits.rules.levelsOrPrice')))],
    quotaUses: [
      check(() =>
        !form.hasQuota || (Number.isInteger(form.quotaUses) && form.quotaUses! >= 1 && form.quotaUses! <= MAX_QUOTA) ? null : t('benefits.rules.quotaUses'),
      ),
    ],
    pointsPrice: [
      check(() => {
        if (form.pointsPrice === null || form.pointsPrice === undefined) return null
        if (valued(form.type)) return t('benefits.rules.valuedNotForSale')
        return Number.isInteger(form.pointsPrice) && form.pointsPrice >= 1 && form.pointsPrice <= MAX_PRICE ? null : t('benefits.rules.price')
      }),
    ],
  }
}

/** The request body of a benefit form: trimmed texts, a value only for valued types, no quota unless limited. */
export function benefitInput(form: BenefitForm, creating: boolean): BenefitInput {
  const blank = (value: string) => (value.trim() === '' ? null : value.trim())
  return {
    ...(creating ? { id: form.id.trim() } : {}),
    nameZh: form.nameZh.trim(),
    nameEn: form.nameEn.trim(),
    description: blank(form.description),
    type: form.type,
    value: valued(form.type) && blank(form.value) !== null ? Number(form.value.trim()) : null,
    levels: [...form.levels].sort((a, b) => a - b),
    quota: !valued(form.type) && form.hasQuota && form.quotaUses ? { uses: form.quotaUses, period: form.quotaPeriod } : null,
    pointsPrice: valued(form.type) ? null : form.pointsPrice ?? null,
  }
}

/**
 * The server's refusal at the form's fields: Problem Details field errors by their path (`quota.uses` → quotaUses,
 * `levels[0]` → levels), and the refusals that name no field but are about one (a code already taken, a rule of the
 * catalogue) at that field too.
 */
export function serverFieldErrors(error: ApiError, fieldsByCode: Record<string, string>, fieldsByWord: [RegExp, string][]): Record<string, string> {
  const byField: Record<string, string> = {}
  for (const one of error.errors) {
    const path = one.field.replace(/\[\d+\]/g, '')
    const field = path
      .split('.')
      .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
      .join('')
    byField[field] ??= one.message
  }
  const field = fieldsByCode[error.code] ?? fieldsByWord.find(([word]) => word.test(error.detail))?.[1]
  if (field && !byField[field] && !error.errors.length) byField[field] = error.detail
  return byField
}

export const BENEFIT_CODE_FIELDS: Record<string, string> = { BENEFIT_ALREADY_EXISTS: 'id' }
// INVALID_BENEFIT names the rule in its detail (BenefitRules), in English inside either language's sentence
export const BENEFIT_WORD_FIELDS: [RegExp, string][] = [
  [/nameZh/, 'nameZh'],
  [/nameEn/, 'nameEn'],
  [/description/, 'description'],
  [/cannot be bought|points price/, 'pointsPrice'],
  [/discount|multiplier|value/, 'value'],
  [/levels/, 'levels'],
  [/quota/, 'quotaUses'],
]

export interface ActivityForm {
  name: string
  description: string
  window: [Date, Date] | null
  levels: number[]
  capacity: number | null
  rewardPoints: number | null
}

export function activityRules(form: ActivityForm, t: T): Record<string, FormItemRule[]> {
  const check = (problem: () => string | null): FormItemRule => ({
    validator: (_rule, _value, callback) => {
      const text = problem()
      return text ? callback(new Error(text)) : callback()
    },
    trigger: ['blur', 'change'],
  })
  return {
    name: [
      { required: true, whitespace: true, message: t('catalogue.required'), trigger: 'blur' },
      { max: MAX_NAME, message: t('catalogue.tooLong', { n: MAX_NAME }), trigger: 'blur' },
    ],
    description: [{ max: MAX_ACTIVITY_DESCRIPTION, message: t('catalogue.tooLong', { n: MAX_ACTIVITY_DESCRIPTION }), trigger: 'blur' }],
    window: [check(() => (form.window && new Date(form.window[1]).getTime() > new Date(form.window[0]).getTime() ? null : t('activities.rules.window')))],
    capacity: [
      check(() => (Number.isInteger(form.capacity) && form.capacity! >= 1 && form.capacity! <= MAX_CAPACITY ? null : t('activities.rules.capacity'))),
    ],
    rewardPoints: [
      check(() =>
        Number.isInteger(form.rewardPoints) && form.rewardPoints! >= 0 && form.rewardPoints! <= MAX_REWARD ? null : t('activities.rules.reward'),
      ),
    ],
  }
}

export const ACTIVITY_CODE_FIELDS: Record<string, string> = { CAPACITY_BELOW_PARTICIPANTS: 'capacity' }
export const ACTIVITY_WORD_FIELDS: [RegExp, string][] = [
  [/starts before it ends|startsAt|endsAt/, 'window'],
  [/capacity/, 'capacity'],
  [/reward/, 'rewardPoints'],
  [/levels/, 'levels'],
  [/description/, 'description'],
  [/name/, 'name'],
]
