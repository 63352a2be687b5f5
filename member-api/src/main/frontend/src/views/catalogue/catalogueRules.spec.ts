import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import {
  BENEFIT_CODE_FIELDS,
  BENEFIT_WORD_FIELDS,
  ACTIVITY_CODE_FIELDS,
  ACTIVITY_WORD_FIELDS,
  benefitInput,
  serverFieldErrors,
  valueProblem,
  type BenefitForm,
} from './catalogueRules'

const t = (key: string) => key

function form(change: Partial<BenefitForm> = {}): BenefitForm {
  return {
    id: ' gold-gift ',
    nameZh: ' 金牌礼 ',
    nameEn: 'Gold gift',
    description: '',
    type: 'GIFT',
    value: '0.9',
    levels: [5, 4],
    hasQuota: true,
    quotaUses: 1,
    quotaPeriod: 'YEAR',
    pointsPrice: 3000,
    ...change,
  }
}

describe('benefit form', () => {
  it('checks values like the API: a discount in (0, 1), a multiplier in (1, 10], at most 4 decimals', () => {
    expect(valueProblem('DISCOUNT', '0.9', t)).toBeNull()
    expect(valueProblem('DISCOUNT', '1', t)).toBe('benefits.rules.discount')
    expect(valueProblem('DISCOUNT', '0.12345', t)).toBe('benefits.rules.discount')
    expect(valueProblem('DISCOUNT', '0.90000', t)).toBeNull()
    expect(valueProblem('POINTS_MULTIPLIER', '1', t)).toBe('benefits.rules.multiplier')
    expect(valueProblem('POINTS_MULTIPLIER', '10', t)).toBeNull()
    expect(valueProblem('POINTS_MULTIPLIER', '', t)).toBe('benefits.rules.valueRequired')
    expect(valueProblem('GIFT', 'anything', t)).toBeNull()
  })

  it('sends trimmed terms, sorted levels, no value for other types, no price for level terms', () => {
    expect(benefitInput(form(), true)).toEqual({
      id: 'gold-gift',
      nameZh: '金牌礼',
      nameEn: 'Gold gift',
      description: null,
      type: 'GIFT',
      value: null,
      levels: [4, 5],
      quota: { uses: 1, period: 'YEAR' },
      pointsPrice: 3000,
    })
    const discount = benefitInput(form({ type: 'DISCOUNT', hasQuota: false }), false)
    expect(discount).toMatchObject({ value: 0.9, quota: null, pointsPrice: null })
    expect(discount).not.toHaveProperty('id')
  })
})

describe('server refusals at their fields', () => {
  it('maps field paths of Problem Details to the form', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { field: 'quota.uses', code: 'TOO_LARGE', message: 'at most 1000' },
      { field: 'levels[0]', code: 'TOO_SMALL', message: 'at least 1' },
      { field: 'nameZh', code: 'REQUIRED', message: 'required' },
    ])
    expect(serverFieldErrors(error, BENEFIT_CODE_FIELDS, BENEFIT_WORD_FIELDS)).toEqual({
      quotaUses: 'at most 1000',
      levels: 'at least 1',
      nameZh: 'required',
    })
  })

  it('puts a refusal about one field at that field', () => {
    expect(serverFieldErrors(new ApiError(409, 'BENEFIT_ALREADY_EXISTS', 'exists'), BENEFIT_CODE_FIELDS, BENEFIT_WORD_FIELDS)).toEqual({ id: 'exists' })
    expect(
      serverFieldErrors(new ApiError(400, 'INVALID_BENEFIT', '权益无效：a points multiplier is above 1 and at most 10。'), BENEFIT_CODE_FIELDS, BENEFIT_WORD_FIELDS),
    ).toEqual({ value: '权益无效：a points multiplier is above 1 and at most 10。' })
    expect(
      serverFieldErrors(new ApiError(422, 'CAPACITY_BELOW_PARTICIPANTS', 'no'), ACTIVITY_CODE_FIELDS, ACTIVITY_WORD_FIELDS),
    ).toEqual({ capacity: 'no' })
    expect(serverFieldErrors(new ApiError(500, 'INTERNAL', 'boom'), ACTIVITY_CODE_FIELDS, ACTIVITY_WORD_FIELDS)).toEqual({})
  })
})
