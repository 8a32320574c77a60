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
  })
  .use(ToastService)
  .use(ConfirmationService)
  .directive('tooltip', Tooltip)
  .mount('#app')
