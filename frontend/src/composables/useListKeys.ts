import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export interface ListKeyActions {
  open?: (index: number) => void
  acknowledge?: (index: number) => void
  resolve?: (index: number) => void
  search?: () => void
}

// A key event may come from the window or the document, which are not elements.
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  const element = target
  return (
    element.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) ||
    element.getAttribute('role') === 'combobox'
  )
}

// j/k move through the list, Enter opens, a acknowledges, r resolves, / searches.
// Keys typed into a field are the field's; modified keys are the browser's.
export function useListKeys(length: Ref<number>, actions: ListKeyActions) {
  const cursor = ref(-1)

  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return
    const last = length.value - 1
    const at = cursor.value
    const handlers: Record<string, () => void> = {
      j: () => (cursor.value = Math.min(last, at + 1)),
      k: () => (cursor.value = Math.max(0, at - 1)),
      Enter: () => at >= 0 && actions.open?.(at),
      a: () => at >= 0 && actions.acknowledge?.(at),
      r: () => at >= 0 && actions.resolve?.(at),
      '/': () => actions.search?.(),
    }
    const handler = handlers[event.key]
    if (!handler || last < 0) return
    event.preventDefault()
    handler()
  }

  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
  return { cursor, onKey }
}
