import type { ApiError as SharedApiErrorBody } from '#shared/api/errors.ts';
import { joinUrl } from './url.ts';

/** The body of every API error (4xx/5xx), as shared/api/errors.ts defines it. */
export type ApiErrorBody = SharedApiErrorBody;

/** One invalid field of a request, as the API reports it. */
export type ApiFieldError = NonNullable<ApiErrorBody['error']['fields']>[number];

export const API_MESSAGES = {
  network: 'Нет связи с сервером. Проверьте подключение к интернету и попробуйте ещё раз.',
  unavailable: 'Сервер временно недоступен. Попробуйте ещё раз через несколько минут.',
  unauthenticated: 'Сеанс завершён. Войдите снова.',
  failed: 'Запрос не выполнен.',
} as const;

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ApiFieldError[] = [],
    readonly requestId?: string,
    /** From a 429's `Retry-After` header: how long to wait, seconds. */
    readonly retryAfterSeconds?: number,
    /** The API's machine-readable extras, e.g. `current` (the record as it is now) on a 409. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The API's code for a session ended on the server (signed out everywhere, account disabled). */
export const SESSION_ENDED = 'SESSION_ENDED';

/** `Retry-After` as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns any failed answer into an ApiError, preferring the API's own Russian message. */
export function toApiError(status: number, body: unknown, headerRequestId?: string | null, retryAfterSeconds?: number): ApiError {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : null;
  const requestId =
    (error && typeof error['requestId'] === 'string' ? error['requestId'] : undefined) ?? headerRequestId ?? undefined;
  if (error && typeof error['code'] === 'string' && typeof error['message'] === 'string') {
    const fields = Array.isArray(error['fields'])
      ? error['fields'].filter(
          (f): f is ApiFieldError => isRecord(f) && typeof f['path'] === 'string' && typeof f['message'] === 'string',
        )
      : [];
    const details = isRecord(error['details']) ? error['details'] : undefined;
    return new ApiError(status, error['code'], error['message'], fields, requestId, retryAfterSeconds, details);
  }
  if (status === 401) return new ApiError(status, 'UNAUTHENTICATED', API_MESSAGES.unauthenticated, [], requestId);
  if (status >= 500 || status === 0) return new ApiError(status, `HTTP_${status}`, API_MESSAGES.unavailable, [], requestId);
  return new ApiError(status, `HTTP_${status}`, `${API_MESSAGES.failed} Код ответа: ${status}.`, [], requestId);
}

export type ApiAuth = {
  /** The token to send now (refreshed if close to expiry); null when signed out. */
  accessToken(): Promise<string | null>;
  /** Refreshes after a 401; false when the session is over. */
  refresh(): Promise<boolean>;
};

export type ApiClientOptions = {
  baseUrl: string;
  auth: ApiAuth;
  /**
   * Called once the session turned out to be over: 401 after a refresh, no refresh possible, or
   * the API's SESSION_ENDED (the error carries the API's message to show on the sign-in screen).
   */
  onUnauthenticated: (error: ApiError) => void;
  fetch?: typeof fetch;
};

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetchFn(joinUrl(options.baseUrl, path), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'NETWORK', API_MESSAGES.network);
    }
  }

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response = await send(method, path, body, await options.auth.accessToken());
    if (response.status === 401) {
      const first = await errorOf(response);
      // Ended on the server (signed out everywhere, account disabled): a refresh cannot help.
      if (first.code === SESSION_ENDED) {
        options.onUnauthenticated(first);
        throw first;
      }
      let refreshed = false;
      try {
        refreshed = await options.auth.refresh();
      } catch {
        throw new ApiError(0, 'NETWORK', API_MESSAGES.network);
      }
      if (!refreshed) {
        options.onUnauthenticated(first);
        throw first;
      }
      response = await send(method, path, body, await options.auth.accessToken());
      if (response.status === 401) {
        const second = await errorOf(response);
        options.onUnauthenticated(second);
        throw second;
      }
    }
    if (!response.ok) throw await errorOf(response);
    return (await readJson(response)) as T;
  }

  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  return toApiError(response.status, await readJson(response), requestIdOf(response), parseRetryAfter(response.headers.get('retry-after')));
}

function requestIdOf(response: Response): string | null {
  return response.headers.get('x-request-id') ?? response.headers.get('apigw-requestid');
}
