import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

import { PAGES } from '@/pages/registry'

const routes: RouteRecordRaw[] = [
  ...PAGES.map((page) => ({
    path: page.path,
    name: page.name,
    component: page.component,
    meta: { title: page.title, role: page.role },
  })),
  {
    path: '/:unknown(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { title: 'Not found', role: 'viewer' },
  },
]

export function makeRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? 'Console')} · Vigil`
  })
  return router
}
