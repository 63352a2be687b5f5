/** Messages of sign-in with OpenID Connect, the member detail's benefits, activities and staff actions, and the audit pages. */
const en = {
  oidc: {
    signIn: 'Sign in with the company account',
    explain: 'You sign in at the identity provider ({issuer}) and come back here.',
    completing: 'Completing sign-in…',
    failed: 'Sign-in did not complete',
    retry: 'Back to sign-in',
    expired: 'Your session ended; please sign in again.',
  },
}

const zhCN: typeof en = {
  oidc: {
    signIn: '使用企业账号登录',
    explain: '您将在身份提供方（{issuer}）登录，然后返回此处。',
    completing: '正在完成登录…',
    failed: '登录未完成',
    retry: '返回登录页',
    expired: '会话已结束，请重新登录。',
  },
}

export default { en, 'zh-CN': zhCN }
