// The console's pages. A later page (bot linking, silences, schedules, reports) adds one
// entry here and a folder under src/pages/: the router, the navigation and the role
// check all come from this list.
import type { Component } from 'vue'

import type { Role } from '@/stores/session'

export interface PageEntry {
  path: string
  name: string
  title: string
  icon: string
  // The least role that may open the page; the server enforces the same on its API.
  role: Role
  // Shown in the navigation (detail pages are reached from their list).
  nav: boolean
  component: () => Promise<Component>
}

export const PAGES: PageEntry[] = [
  {
    path: '/',
    name: 'overview',
    title: 'Overview',
    icon: 'pi pi-chart-bar',
    role: 'viewer',
    nav: true,
    component: () => import('./overview/OverviewPage.vue'),
  },
  {
    path: '/incidents',
    name: 'incidents',
    title: 'Incidents',
    icon: 'pi pi-exclamation-triangle',
    role: 'viewer',
    nav: true,
    component: () => import('./incidents/IncidentsPage.vue'),
  },
  {
    path: '/incidents/:id(\\d+)',
    name: 'incident',
    title: 'Incident',
    icon: 'pi pi-exclamation-triangle',
    role: 'viewer',
    nav: false,
    component: () => import('./incidents/IncidentPage.vue'),
  },
  {
    path: '/runs',
    name: 'runs',
    title: 'Runs',
    icon: 'pi pi-sitemap',
    role: 'viewer',
    nav: true,
    component: () => import('./runs/RunsPage.vue'),
  },
  {
    path: '/runs/:runId',
    name: 'run',
    title: 'Run',
    icon: 'pi pi-sitemap',
    role: 'viewer',
    nav: false,
    component: () => import('./runs/RunPage.vue'),
  },
  {
    path: '/health',
    name: 'health',
    title: 'Health',
    icon: 'pi pi-heart',
    role: 'viewer',
    nav: true,
    component: () => import('./health/HealthPage.vue'),
  },
  {
    path: '/channels',
    name: 'channels',
    title: 'Channels',
    icon: 'pi pi-send',
    role: 'viewer',
    nav: true,
    component: () => import('./channels/ChannelsPage.vue'),
  },
  {
    path: '/lanes',
    name: 'lanes',
    title: 'Lanes',
    icon: 'pi pi-directions',
    role: 'viewer',
    nav: true,
    component: () => import('./lanes/LanesPage.vue'),
  },
  {
    path: '/secrets',
    name: 'secrets',
    title: 'Secret scanning',
    icon: 'pi pi-key',
    role: 'viewer',
    nav: true,
    component: () => import('./secrets/SecretScanPage.vue'),
  },
  {
    path: '/manage',
    name: 'manage',
    title: 'Admin',
    icon: 'pi pi-users',
    role: 'admin',
    nav: true,
    component: () => import('./manage/AdminPage.vue'),
  },
]
