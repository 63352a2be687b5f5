import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import LoginView from './LoginView.vue'

async function mountLogin() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/', component: { template: '<p>home</p>' } },
    ],
  })
  router.push('/login')
  await router.isReady()
  return mount(LoginView, { global: { plugins: [createPinia(), i18n, router, ElementPlus] } })
}

describe('LoginView', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    setLocale('en')
  })

  it('lists the demo users and fills the form from one', async () => {
    setLocale('en')
    const view = await mountLogin()
    await vi.waitFor(() => expect(view.find('[data-test="demo-auditor"]').exists()).toBe(true))

    expect(view.text()).toContain('member-admin')
    await view.find('[data-test="demo-auditor"]').trigger('click')

    expect((view.find('[data-test="username"]').element as HTMLInputElement).value).toBe('auditor')
  })

  it("shows the issuer's refusal in the chosen language", async () => {
    setLocale('zh-CN')
    const fetch = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ status: 401, code: 'UNAUTHORIZED', detail: '用户名或密码错误' }), { status: 401 }),
    )
    vi.stubGlobal('fetch', fetch)
    const view = await mountLogin()

    await view.find('[data-test="username"]').setValue('admin')
    await view.find('[data-test="password"]').setValue('wrong')
    await view.find('form').trigger('submit')
    await flushPromises()

    expect(fetch.mock.calls[0][1].headers['Accept-Language']).toBe('zh-CN')
    expect(view.find('[data-test="login-error"]').text()).toContain('登录失败：用户名或密码错误')
  })
})
