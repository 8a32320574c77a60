import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { auth } from '@/api/endpoints'
import { ApiError, onExpiredToken, setAccessToken } from '@/api/client'
import type { Token, User } from '@/api/types'

// Roles as the server defines them; each includes the ones before it.
export const ROLES = ['viewer', 'responder', 'admin'] as const
export type Role = (typeof ROLES)[number]

// Renew when 80% of the access token's life has passed, so a request rarely meets a 401.
const RENEW_AT = 0.8
export const REFRESH_LOCK = 'vigil-refresh'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const restoring = ref(true)
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: Promise<boolean> | null = null

  const signedIn = computed(() => user.value !== null)

  function can(role: Role): boolean {
    const held = ROLES.indexOf((user.value?.role ?? '') as Role)
    return held >= 0 && held >= ROLES.indexOf(role)
  }

  function accept(token: Token): void {
    setAccessToken(token.access)
    user.value = token.user
    clearTimeout(timer)
    const renewIn = Math.max(5, token.expires_in * RENEW_AT) * 1000
    timer = setTimeout(() => void refresh(), renewIn)
  }

  function forget(): void {
    clearTimeout(timer)
    setAccessToken(null)
    user.value = null
  }

  // One refresh at a time, in this tab and across the browser's tabs (the Web Lock the
  // API docs page takes too): the refresh token rotates, and a second use of the old one
  // would look like theft to the server and end the whole sign-in.
  function refresh(): Promise<boolean> {
    pending ??= (async () => {
      try {
        const locks = globalThis.navigator?.locks
        accept(await (locks ? locks.request(REFRESH_LOCK, () => auth.refresh()) : auth.refresh()))
        return true
      } catch {
        forget()
        return false
      } finally {
        pending = null
      }
    })()
    return pending
  }

  async function signIn(username: string, password: string): Promise<void> {
    accept(await auth.signIn(username, password))
  }

  async function signOut(): Promise<void> {
    try {
      await auth.signOut()
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
    } finally {
      forget()
    }
  }

  // A reload keeps no token in memory: the refresh cookie, if any, brings the session back.
  async function restore(): Promise<void> {
    restoring.value = true
    try {
      await refresh()
    } finally {
      restoring.value = false
    }
  }

  onExpiredToken(refresh)

  return { user, restoring, signedIn, can, signIn, signOut, refresh, restore, forget }
})
