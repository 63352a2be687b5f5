import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import { ApiError } from '@/api/client'
import LoadState from './LoadState.vue'

function render(props: { loading: boolean; error: ApiError | null; empty?: boolean; emptyText?: string }) {
  return mount(LoadState, { props, slots: { default: '<p data-test="content">rows</p>' }, global: { plugins: [i18n, ElementPlus] } })
}

describe('LoadState', () => {
  it('shows a skeleton while loading, never a blank page', () => {
    const view = render({ loading: true, error: null })
    expect(view.find('[data-test="state-loading"]').exists()).toBe(true)
    expect(view.find('[data-test="content"]').exists()).toBe(false)
  })

  it("shows the API's message and offers a retry", async () => {
    setLocale('zh-CN')
    const view = render({ loading: false, error: new ApiError(503, 'READ_MODEL_LAGGING', '读模型尚未跟上') })
    expect(view.text()).toContain('读模型尚未跟上')
    expect(view.text()).toContain('加载失败')
    await view.find('[data-test="state-retry"]').trigger('click')
    expect(view.emitted('retry')).toHaveLength(1)
    setLocale('en')
  })

  it('says when there is nothing, else shows the content', () => {
    expect(render({ loading: false, error: null, empty: true, emptyText: 'No runs yet' }).text()).toContain('No runs yet')
    expect(render({ loading: false, error: null }).find('[data-test="content"]').exists()).toBe(true)
  })
})
