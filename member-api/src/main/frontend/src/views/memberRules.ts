import type { FormRules } from 'element-plus'

// the same rules as the API's MemberRequest (MobileNumber, EmailAddress, sizes); the server stays the authority
export const MOBILE = /^(?:(?:\+?86)?1[3-9]\d{9}|\+[1-9]\d{6,14})$/
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function memberRules(t: (key: string, values?: Record<string, unknown>) => string): FormRules {
  const max = (n: number) => ({ max: n, message: t('form.tooLong', { n }), trigger: 'blur' })
  return {
    name: [{ required: true, whitespace: true, message: t('form.required'), trigger: 'blur' }, max(100)],
    mobile: [
      { required: true, whitespace: true, message: t('form.required'), trigger: 'blur' },
      {
        validator: (_rule, value: string, callback) =>
          !value || MOBILE.test(value.replace(/[\s-]/g, '')) ? callback() : callback(new Error(t('form.invalidMobile'))),
        trigger: 'blur',
      },
    ],
    email: [
      {
        validator: (_rule, value: string, callback) =>
          !value || EMAIL.test(value.trim()) ? callback() : callback(new Error(t('form.invalidEmail'))),
        trigger: 'blur',
      },
    ],
  }
}
