import type { JsonSchema } from '@/api/types'

export type FieldKind = 'text' | 'secret' | 'number' | 'boolean' | 'enum' | 'list'

export interface Field {
  name: string
  title: string
  kind: FieldKind
  required: boolean
  description?: string
  options?: unknown[]
  default?: unknown
}

// Pydantic writes `x: str | None` as anyOf [{type: string}, {type: null}].
function effective(schema: JsonSchema): JsonSchema {
  const choices = schema.anyOf?.filter((choice) => choice.type !== 'null') ?? []
  return choices.length === 1 ? { ...schema, ...choices[0], anyOf: undefined } : schema
}

function kindOf(schema: JsonSchema, secret: boolean): FieldKind {
  if (secret || schema.writeOnly || schema.format === 'password') return 'secret'
  if (schema.enum) return 'enum'
  if (schema.type === 'boolean') return 'boolean'
  if (schema.type === 'integer' || schema.type === 'number') return 'number'
  if (schema.type === 'array') return 'list'
  return 'text'
}

export function fieldsOf(schema: JsonSchema, secretFields: string[] = []): Field[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const property = effective(raw)
    return {
      name,
      title: property.title ?? name,
      kind: kindOf(property, secretFields.includes(name)),
      required: required.has(name),
      description: property.description,
      options: property.enum,
      default: property.default,
    }
  })
}

// What to send: empty secrets stay out (the server keeps the stored value), and so do
// empty optional fields (the server's default applies).
export function configToSend(
  values: Record<string, unknown>,
  fields: Field[],
): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const field of fields) {
    const value = values[field.name]
    if (value === undefined || value === null || value === '') continue
    if (field.kind === 'secret' && typeof value === 'string' && /^\*+$|^•+$/.test(value)) continue
    config[field.name] = value
  }
  return config
}

// Starting values: the stored config, with secrets blank (the server only has masks).
export function initialValues(
  fields: Field[],
  stored: Record<string, unknown> = {},
): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((field) => [
      field.name,
      field.kind === 'secret' ? '' : (stored[field.name] ?? field.default ?? (field.kind === 'boolean' ? false : '')),
    ]),
  )
}
