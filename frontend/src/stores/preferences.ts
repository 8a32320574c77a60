import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export type Theme = 'system' | 'light' | 'dark'
const STORAGE_KEY = 'vigil.theme'
export const DARK_CLASS = 'app-dark'

function stored(): Theme {
  const value = globalThis.localStorage?.getItem(STORAGE_KEY)
  return value === 'light' || value === 'dark' ? value : 'system'
}

function prefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false
}

// Only the theme is kept in localStorage; nothing about the session is.
export const usePreferencesStore = defineStore('preferences', () => {
  const theme = ref<Theme>(stored())
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone

  function apply(): void {
    const dark = theme.value === 'dark' || (theme.value === 'system' && prefersDark())
    document.documentElement.classList.toggle(DARK_CLASS, dark)
  }

  function cycleTheme(): void {
    theme.value = theme.value === 'system' ? 'dark' : theme.value === 'dark' ? 'light' : 'system'
  }

  watch(theme, (value) => {
    if (value === 'system') globalThis.localStorage?.removeItem(STORAGE_KEY)
    else globalThis.localStorage?.setItem(STORAGE_KEY, value)
    apply()
  })
  globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', apply)
  apply()

  return { theme, timeZone, cycleTheme, apply }
})
