import { createRouter, createWebHistory } from 'vue-router'
import { useAuthStore, type Permission } from '@/stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    permission?: Permission
  }
}

export const routes = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true } },
  { path: '/callback', name: 'callback', component: () => import('@/views/OidcCallbackView.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: () => import('@/views/HomeView.vue') },
  {
    path: '/members',
    name: 'members',
    component: () => import('@/views/MembersView.vue'),
    meta: { permission: 'listMembers' as Permission },
  },
  {
    path: '/members/new',
    name: 'member-new',
    component: () => import('@/views/MemberFormView.vue'),
    meta: { permission: 'createMember' as Permission },
  },
  {
    path: '/members/:id',
    name: 'member',
    component: () => import('@/views/MemberDetailView.vue'),
    meta: { permission: 'viewMember' as Permission },
  },
  {
    path: '/members/:id/edit',
    name: 'member-edit',
    component: () => import('@/views/MemberFormView.vue'),
    meta: { permission: 'editMember' as Permission },
  },
  { path: '/reports', name: 'reports', component: () => import('@/views/reports/ReportsView.vue'), meta: { permission: 'viewReports' as Permission } },
  { path: '/benefits', name: 'benefits', component: () => import('@/views/catalogue/BenefitsView.vue'), meta: { permission: 'viewBenefits' as Permission } },
  { path: '/activities', name: 'activities', component: () => import('@/views/catalogue/ActivitiesView.vue'), meta: { permission: 'viewActivities' as Permission } },
  { path: '/operations/projections', name: 'projections', component: () => import('@/views/ops/ProjectionsView.vue'), meta: { permission: 'viewProjections' as Permission } },
  { path: '/operations/sync', name: 'sync', component: () => import('@/views/ops/SyncView.vue'), meta: { permission: 'viewSync' as Permission } },
  { path: '/members/:id/history', name: 'member-history', component: () => import('@/views/MemberHistoryView.vue'), meta: { permission: 'viewHistory' as Permission } },
  { path: '/audit', name: 'audit-log', component: () => import('@/views/AuditLogView.vue'), meta: { permission: 'viewAuditLog' as Permission } },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory('/console/'), routes })

router.beforeEach((to) => {
  const auth = useAuthStore()
  if (!to.meta.public && !auth.signedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  }
  if (to.meta.permission && !auth.can(to.meta.permission)) {
    return { name: 'home', query: { denied: '1' } }
  }
  return true
})
