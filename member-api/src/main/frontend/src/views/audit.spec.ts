import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import MemberStaffActions from '@/components/MemberStaffActions.vue'
import MemberBenefitsPanel from '@/components/MemberBenefitsPanel.vue'
import MemberHistoryView from './MemberHistoryView.vue'
import AuditLogView from './AuditLogView.vue'

const ID = '0190f2a4-1c3e-7a00-8000-00000000c0de'

function token(roles: string[]): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'RS256' })}.${encode({ preferred_username: roles[0], realm_access: { roles }, exp: 4_000_000_000 })}.s`
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

const history = {
  items: [
    { sequence: 0, type: 'MemberRegistered', timestamp: '2026-05-01T08:00:00Z', payload: { name: 'Li' }, actorId: 'u1', actorName: 'admin', actorRoles: 'member-admin', source: 'api', reason: null, correlationId: 'c-1' },
    { sequence: 1, type: 'PointsAdjusted', timestamp: '2026-05-02T08:00:00Z', payload: { points: 5 }, actorId: 'u2', actorName: 'staff', actorRoles: 'member-staff', source: 'api', reason: 'goodwill', correlationId: 'c-2' },
  ],
  page: 0,
  size: 20,
  total: 2,
}

function state(available: number, asOf: string) {
  return {
    memberId: ID,
    asOf,
    version: available ? 1 : 0,
    joinedAt: '2026-05-01T08:00:00Z',
    profile: { name: 'Li Lei', mobile: '13800000000', email: null, gender: null, birthday: null, locale: null, address: null, notes: null, tags: [], externalRef: null, timeZone: null },
    status: 'ACTIVE',
    level: { level: 1, netSpend: 0, manual: null },
    points: { available, pending: 0, debt: 0, lifetimeEarned: available, lifetimeSpent: 0, lifetimeExpired: 0, lifetimeReversed: 0, lifetimeAdjusted: available },
    lots: [],
  }
}

async function mountAt(component: unknown, path: string, routes: { path: string; name: string }[]) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      ...routes.map((r) => ({ ...r, component: component as never })),
      { path: '/members/:id', name: 'member', component: { template: '<p/>' } },
      { path: '/members/:id/history', name: 'member-history', component: component as never },
      { path: '/audit', name: 'audit-log', component: component as never },
    ].filter((r, i, all) => all.findIndex((o) => o.name === r.name) === i),
  })
  router.push(path)
  await router.isReady()
  const view = mount({ template: '<router-view />' }, { global: { plugins: [i18n, router, ElementPlus] } })
  await flushPromises()
  return { view, router }
}

describe('audit pages and staff actions', () => {
  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
    setLocale('en')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('offers refund and manual level to admins only, and sends the manual level with reason and end', async () => {
    const auth = useAuthStore()
    auth.setToken(token(['member-staff']))
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', name: 'member-history', component: { template: '<p/>' } }] })
    const staff = mount(MemberStaffActions, { props: { memberId: ID, level: null }, global: { plugins: [i18n, router, ElementPlus] } })
    expect(staff.find('[data-test="refund"]').exists()).toBe(false)
    expect(staff.find('[data-test="set-level"]').exists()).toBe(false)
    expect(staff.find('[data-test="history"]').exists()).toBe(false)

    auth.setToken(token(['member-admin']))
    const fetch = vi.fn().mockResolvedValue(json({}, 200, { 'X-Consistency-Token': 't' }))
    vi.stubGlobal('fetch', fetch)
    const admin = mount(MemberStaffActions, {
      props: { memberId: ID, level: { level: 2, manual: null } as never },
      global: { plugins: [i18n, router, ElementPlus] },
      attachTo: document.body,
    })
    expect(admin.find('[data-test="refund"]').exists()).toBe(true)
    expect(admin.find('[data-test="history"]').exists()).toBe(true)
    await admin.find('[data-test="set-level"]').trigger('click')
    await flushPromises()
    const form = document.querySelector('.el-dialog form') as HTMLFormElement
    const submit = () => form.dispatchEvent(new Event('submit', { cancelable: true }))
    submit()
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect(document.querySelector('input[data-test="level-reason"]')!.closest('.el-form-item')!.classList).toContain('is-error')

    const reason = document.querySelector('input[data-test="level-reason"]') as HTMLInputElement
    reason.value = 'VIP complaint'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    submit()
    await flushPromises()

    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe(`/api/v1/members/${ID}/level/adjust`)
    expect(JSON.parse(init.body)).toEqual({ level: 2, reason: 'VIP complaint' })
    expect(admin.emitted('done')).toHaveLength(1)
    admin.unmount()
  })

  it('shows the timeline with who, why and source, and the state as of the instant after an event', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url.includes('/history')) return json(history)
      const asOf = new URL(url, 'http://x').searchParams.get('asOf')
      return json(asOf ? state(0, asOf) : state(5, '2026-06-01T00:00:00Z'))
    })
    vi.stubGlobal('fetch', fetch)
    const { view, router } = await mountAt(MemberHistoryView, `/members/${ID}/history`, [])

    const events = view.findAll('[data-test="timeline-event"]')
    expect(events).toHaveLength(2)
    expect(events[1].text()).toContain('Points adjusted')
    expect(events[1].text()).toContain('staff')
    expect(events[1].text()).toContain('goodwill')
    expect(events[1].text()).toContain('API')
    expect(view.find('[data-test="state-available"]').text()).toBe('5')

    await view.find('[data-test="state-after-0"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.query.asOf).toBe('2026-05-01T08:00:00Z')
    expect(fetch).toHaveBeenLastCalledWith(`/api/v1/members/${ID}/state?asOf=2026-05-01T08%3A00%3A00Z`, expect.anything())
    expect(view.find('[data-test="state-available"]').text()).toBe('0')
  })

  it('filters the log through the URL and exports the same filters as CSV', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url.startsWith('/api/v1/audit/log.csv')) return new Response('globalIndex,eventType\n1,PointsAdjusted\n', { headers: { 'Content-Type': 'text/csv' } })
      return json({ items: [{ globalIndex: 1, occurredAt: '2026-05-02T08:00:00Z', memberId: ID, sequence: 1, eventType: 'PointsAdjusted', actorId: 'u', actorName: 'staff', actorRoles: 'member-staff', source: 'api', reason: 'goodwill', correlationId: 'c' }], page: 0, size: 50, total: 1, nextCursor: null, next: null })
    })
    vi.stubGlobal('fetch', fetch)
    const created: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'), revokeObjectURL: () => {} }))
    const downloads: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download)
    })
    const { view, router } = await mountAt(AuditLogView, '/audit?actor=staff&eventType=PointsAdjusted', [])

    expect(fetch.mock.calls[0][0]).toBe('/api/v1/audit/log?eventType=PointsAdjusted&actor=staff&page=0&size=50')
    expect(view.find('[data-test="audit-table"]').text()).toContain('Points adjusted')

    await view.find('input[data-test="filter-member"]').setValue('not-a-uuid')
    await view.find('form').trigger('submit')
    await flushPromises()
    expect(view.find('input[data-test="filter-member"]').element.closest('.el-form-item')!.classList).toContain('is-error')
    expect(router.currentRoute.value.query.memberId).toBeUndefined()

    await view.find('[data-test="export-csv"]').trigger('click')
    await flushPromises()
    const csvCall = fetch.mock.calls.find(([url]) => url.startsWith('/api/v1/audit/log.csv'))!
    expect(csvCall[0]).toBe('/api/v1/audit/log.csv?eventType=PointsAdjusted&actor=staff')
    expect(downloads[0]).toMatch(/^audit-log-PointsAdjusted-\d{8}-\d{6}\.csv$/)
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.readAsText(created[0])
    })
    expect(text).toContain('1,PointsAdjusted')
  })

  it("shows a member's benefits with the free uses left and the activities it joined, in the reader's language", async () => {
    useAuthStore().setToken(token(['auditor']))
    const benefit = (id: string, nameEn: string, nameZh: string, type: string, quota: unknown, pointsPrice: number | null) => ({
      benefit: { id, terms: { nameEn, nameZh, description: null, type, value: null, levels: [3], quota, pointsPrice }, status: 'ACTIVE' },
      granted: true,
      period: '2026-05',
      usedInPeriod: 3,
      quotaLeft: 7,
      buyable: pointsPrice !== null,
    })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/benefits')
          ? json([benefit('free-shipping', 'Free shipping', '免运费', 'FREE_SHIPPING', { uses: 10, period: 'MONTH' }, 500)])
          : json([{ activity: { id: 'a1', terms: { name: 'Spring fair', description: null, startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z', levels: [], capacity: 10, rewardPoints: 50 }, status: 'OPEN', participants: 3 }, participantNo: 2, rewardPoints: 50, joinedAt: '2026-03-02T00:00:00Z' }]),
      ),
    )
    const panel = mount(MemberBenefitsPanel, { props: { memberId: ID, version: 1 }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()

    expect(panel.find('[data-test="benefits"]').text()).toContain('Free shipping')
    expect(panel.find('[data-test="benefit-quota"]').text()).toBe('7 of 10 left this month')
    expect(panel.find('[data-test="benefits"]').text()).toContain('500 points')
    expect(panel.find('[data-test="activities"]').text()).toContain('Spring fair')

    setLocale('zh-CN')
    await flushPromises()
    expect(panel.find('[data-test="benefits"]').text()).toContain('免运费')
    expect(panel.find('[data-test="benefit-quota"]').text()).toBe('本月剩余 7 / 10 次')
  })
})
