// The one way the console talks to the server. The access token lives in this module's
// memory only (never localStorage, never a URL); the refresh token is an httpOnly cookie
// the browser sends to /auth/token/refresh/ alone.

export class ApiError extends Error {
  readonly status: number
  readonly detail: unknown

  constructor(status: number, message: string, detail?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
  }

  // The server's own words, ready to show: "invalid request: name: field required".
  get explanation(): string {
    if (this.detail === undefined || this.detail === null) return this.message
    if (typeof this.detail === 'string') return `${this.message}: ${this.detail}`
    if (Array.isArray(this.detail)) {
      const parts = this.detail.map((item) =>
        item && typeof item === 'object' && 'msg' in item
          ? `${(item as { loc?: unknown[] }).loc?.slice(1).join('.') || 'body'}: ${(item as { msg: string }).msg}`
          : String(item),
      )
      return `${this.message}: ${parts.join('; ')}`
    }
    const path = (this.detail as { path?: unknown }).path
    return typeof path === 'string' ? `${this.message}: ${path}` : this.message
  }
}

// What to show for anything a call threw: the server's words when it answered.
export function explain(caught: unknown): string {
  return caught instanceof ApiError ? caught.explanation : String(caught)
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  headers?: Record<string, string>
  // The list's ETag: a 304 answer comes back as `null`.
  etag?: string
}

export interface Answer<T> {
  data: T | null
  etag: string | null
  status: number
}

let accessToken: string | null = null
let refresher: (() => Promise<boolean>) | null = null

export function setAccessToken(token: string | null): void {
  accessToken = token
}

export function hasAccessToken(): boolean {
  return accessToken !== null
}

// The session store registers how to get a new access token when one expires.
export function onExpiredToken(refresh: (() => Promise<boolean>) | null): void {
  refresher = refresh
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) value.forEach((item) => params.append(name, item))
    else params.append(name, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`
  if (options.etag) headers['If-None-Match'] = options.etag
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  return fetch(buildUrl(path, options.query), {
    method,
    headers,
    body,
    signal: options.signal,
    credentials: 'same-origin',
  })
}

async function errorFrom(response: Response): Promise<ApiError> {
  let payload: { error?: unknown; detail?: unknown } = {}
  try {
    payload = await response.json()
  } catch {
    // Not JSON (a proxy's error page): the status line is all there is to say.
  }
  const message =
    typeof payload.error === 'string'
      ? payload.error
      : `the server answered ${response.status} ${response.statusText}`.trim()
  return new ApiError(response.status, message, payload.detail)
}

export async function call<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  let response: Response
  try {
    response = await send(method, path, options)
    if (response.status === 401 && accessToken && refresher && (await refresher())) {
      response = await send(method, path, options)
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'the server cannot be reached; check that Vigil is running')
  }
  if (response.status === 304) return { data: null, etag: options.etag ?? null, status: 304 }
  if (!response.ok) throw await errorFrom(response)
  const data = response.status === 204 ? null : ((await response.json()) as T)
  return { data, etag: response.headers.get('ETag'), status: response.status }
}

export async function get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return (await call<T>('GET', path, { query, signal })).data as T
}

export async function post<T>(path: string, body?: unknown): Promise<T> {
  return (await call<T>('POST', path, { body })).data as T
}

export async function put<T>(path: string, body?: unknown): Promise<T> {
  return (await call<T>('PUT', path, { body })).data as T
}

export async function patch<T>(path: string, body?: unknown): Promise<T> {
  return (await call<T>('PATCH', path, { body })).data as T
}

export async function remove(path: string): Promise<void> {
  await call<null>('DELETE', path)
}
