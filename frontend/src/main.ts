import { VigilPreset } from './theme'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import Tooltip from 'primevue/tooltip'
import { createApp } from 'vue'

import 'primeicons/primeicons.css'
import './styles.css'

import App from './App.vue'
import { makeRouter } from './router'

// The server puts a fresh nonce in this tag and in its Content-Security-Policy; PrimeVue
// gives it to the <style> elements of its theme, so no 'unsafe-inline' is needed.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content

createApp(App)
  .use(createPinia())
  .use(makeRouter())
  .use(PrimeVue, {
    theme: { preset: VigilPreset, options: { darkModeSelector: '.app-dark' } },
    csp: { nonce },
    // A Select keeps focus on its combobox while the list is open (the arrow keys move
    // through the options): the overlay's hidden focus-trap spans are never reached, and
    // axe-core flags them (aria-hidden yet focusable); the list itself takes focus, so a
    // keyboard can scroll a long one (scrollable-region-focusable).
    pt: {
      select: {
        hiddenFirstFocusableEl: { tabindex: -1 },
        hiddenLastFocusableEl: { tabindex: -1 },
        listContainer: { tabindex: 0 },
      },
    },
  })
  .use(ToastService)
  .use(ConfirmationService)
  .directive('tooltip', Tooltip)
  .mount('#app')
