import { ref } from 'vue'

// One shared ticking "now" for every relative time on screen.
const now = ref(new Date())
let timer: ReturnType<typeof setInterval> | undefined

export function useClock() {
  timer ??= setInterval(() => (now.value = new Date()), 15_000)
  return now
}
