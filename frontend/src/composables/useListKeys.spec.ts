import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'

import { useListKeys } from './useListKeys'

function press(key: string, target: EventTarget = window) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
}

describe('useListKeys', () => {
  it('moves with j/k and acts on the row under the cursor', () => {
    const acknowledge = vi.fn()
    const resolve = vi.fn()
    let cursor = ref(-1)
    const List = defineComponent({
      setup() {
        cursor = useListKeys(ref(3), { acknowledge, resolve }).cursor
        return () => h('input', { id: 'field' })
      },
    })
    const list = mount(List, { attachTo: document.body })

    press('j')
    press('j')
    press('k')
    press('a')
    press('j')
    press('j')
    press('j')
    press('r')

    expect(acknowledge).toHaveBeenCalledWith(0)
    expect(resolve).toHaveBeenCalledWith(2)
    expect(cursor.value).toBe(2)
    list.unmount()
  })

  it('leaves keys typed into a field to the field', () => {
    const acknowledge = vi.fn()
    const List = defineComponent({
      setup() {
        useListKeys(ref(3), { acknowledge })
        return () => h('input', { id: 'field' })
      },
    })
    const list = mount(List, { attachTo: document.body })

    press('j', list.get('#field').element)
    press('a', list.get('#field').element)

    expect(acknowledge).not.toHaveBeenCalled()
    list.unmount()
  })
})
