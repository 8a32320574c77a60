import { mount } from '@vue/test-utils'
import PrimeVue from 'primevue/config'
import { describe, expect, it } from 'vitest'

import type { JsonSchema } from '@/api/types'
import { configToSend, fieldsOf, initialValues } from '@/lib/schema'
import SchemaForm from './SchemaForm.vue'

// Shaped like a driver's Pydantic config schema (GET /notify/drivers/<slug>/).
const SLACK: JsonSchema = {
  type: 'object',
  required: ['webhook_url'],
  properties: {
    webhook_url: { type: 'string', title: 'Webhook Url', writeOnly: true, secret: true },
    channel: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Channel', default: null },
    timeout: { type: 'integer', title: 'Timeout', default: 10 },
    mention_here: { type: 'boolean', title: 'Mention Here', default: false },
  },
}

function mountForm(editing: boolean, stored: Record<string, unknown> = {}) {
  const fields = fieldsOf(SLACK, ['webhook_url'])
  return mount(SchemaForm, {
    props: {
      schema: SLACK,
      secretFields: ['webhook_url'],
      editing,
      idPrefix: 'cfg',
      modelValue: initialValues(fields, stored),
    },
    global: { plugins: [[PrimeVue, { unstyled: true }]] },
  })
}

describe('SchemaForm', () => {
  it('draws a labelled field for each setting, a password box for a secret', () => {
    const form = mountForm(false)

    const secret = form.get('#cfg-webhook_url')
    expect(secret.attributes('type')).toBe('password')
    expect(form.get('label[for="cfg-webhook_url"]').text()).toContain('Webhook Url')
    expect(form.get('label[for="cfg-webhook_url"]').text()).toContain('*')
    expect(form.find('#cfg-channel').exists()).toBe(true)
    expect(form.find('#cfg-timeout').exists()).toBe(true)
  })

  it('never fills a stored secret back in, and says it is kept', () => {
    const form = mountForm(true, { webhook_url: '********', channel: '#ops' })

    const secret = form.get('#cfg-webhook_url')
    expect((secret.element as HTMLInputElement).value).toBe('')
    expect(secret.attributes('placeholder')).toBe('stored; type to replace')
    expect((form.get('#cfg-channel').element as HTMLInputElement).value).toBe('#ops')
  })
})

describe('configToSend', () => {
  it('leaves out empty secrets and empty optional fields, keeps the rest', () => {
    const fields = fieldsOf(SLACK, ['webhook_url'])

    const sent = configToSend({ webhook_url: '', channel: '', timeout: 5, mention_here: false }, fields)

    expect(sent).toEqual({ timeout: 5, mention_here: false })
  })
})
