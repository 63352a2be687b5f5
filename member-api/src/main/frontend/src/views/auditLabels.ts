type T = (key: string) => string
type TE = (key: string) => boolean

/** An event type in the reader's language; a type the console does not know yet shows as its name. */
export function eventLabel(t: T, te: TE, type: string): string {
  return te('audit.types.' + type) ? t('audit.types.' + type) : type
}

export function sourceLabel(t: T, te: TE, source: string): string {
  return te('audit.sources.' + source) ? t('audit.sources.' + source) : source
}

/** An instant to the second (audit readers compare events a few seconds apart), in the reader's language. */
export function formatInstant(value: string | null | undefined, locale: string): string {
  if (!value) return '—'
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value))
}

/** The payload fields worth a line in a timeline (the whole payload stays one click away), in this order. */
export const SUMMARY_FIELDS = ['orderId', 'refundId', 'reference', 'amount', 'points', 'delta', 'fromLevel', 'toLevel', 'manualLevel', 'benefitId', 'activityId', 'rewardPoints'] as const

export function payloadSummary(payload: unknown): { field: (typeof SUMMARY_FIELDS)[number]; value: string }[] {
  if (!payload || typeof payload !== 'object') return []
  const values = payload as Record<string, unknown>
  return SUMMARY_FIELDS.filter((field) => values[field] !== undefined && values[field] !== null && typeof values[field] !== 'object').map(
    (field) => ({ field, value: String(values[field]) }),
  )
}
