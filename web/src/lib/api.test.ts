import { describe, expect, it, vi } from 'vitest';
import { API_MESSAGES, ApiError, createApiClient, parseRetryAfter, toApiError } from './api.ts';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function setup(responses: Response[], auth: { refreshResult?: boolean } = {}) {
  const calls: { url: string; authorization: string | null }[] = [];
  let token = 'a1';
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), authorization: new Headers(init?.headers).get('Authorization') });
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next;
  };
  const refresh = vi.fn(async () => {
    token = 'a2';
    return auth.refreshResult ?? true;
  });
  const onUnauthenticated = vi.fn();
  const api = createApiClient({
    baseUrl: 'https://api.example.ru/',
    fetch: fetchFn,
    auth: { accessToken: async () => token, refresh },
    onUnauthenticated,
  });
  return { api, calls, refresh, onUnauthenticated };
}

describe('api client', () => {
  it('sends the bearer token to apiUrl + path', async () => {
    const { api, calls } = setup([json({ userId: 'u1' })]);
    await expect(api.get('/api/me')).resolves.toEqual({ userId: 'u1' });
    expect(calls).toEqual([{ url: 'https://api.example.ru/api/me', authorization: 'Bearer a1' }]);
  });

  it('refreshes once on a 401 and retries', async () => {
    const { api, calls, refresh, onUnauthenticated } = setup([json({}, 401), json({ ok: true })]);
    await expect(api.get('/api/me')).resolves.toEqual({ ok: true });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => c.authorization)).toEqual(['Bearer a1', 'Bearer a2']);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('gives up after a second 401 and sends the user to sign in', async () => {
    const body = { error: { code: 'UNAUTHENTICATED', message: 'Войдите в систему.' } };
    const { api, refresh, onUnauthenticated } = setup([json(body, 401), json(body, 401)]);
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('does not retry when the refresh fails', async () => {
    const { api, calls, onUnauthenticated } = setup([json({}, 401)], { refreshResult: false });
    await expect(api.get('/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('ends the session at once on SESSION_ENDED, with the API’s message, without a refresh', async () => {
    const body = { error: { code: 'SESSION_ENDED', message: 'Сеанс завершён: выполнен выход на всех устройствах.' } };
    const { api, calls, refresh, onUnauthenticated } = setup([json(body, 401)]);
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 401, code: 'SESSION_ENDED' });
    expect(refresh).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(onUnauthenticated.mock.calls[0]?.[0]).toMatchObject({ code: 'SESSION_ENDED', message: body.error.message });
  });

  it('reads Retry-After of a 429', async () => {
    const body = { error: { code: 'RATE_LIMITED', message: 'Слишком много запросов.' } };
    const { api } = setup([json(body, 429, { 'Retry-After': '600' })]);
    await expect(api.post('/api/invite-codes/preview', { code: 'x' })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 600 });
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('2026-10-21T07:28:00Z'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('reports API errors with fields and the request id', async () => {
    const { api } = setup([
      json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Проверьте данные урока.',
            fields: [{ path: 'topic', message: 'Укажите тему урока.' }, { bad: 1 }],
            requestId: 'req-42',
          },
        },
        400,
      ),
    ]);
    const error = (await api.post('/api/lessons', { topic: '' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('Проверьте данные урока.');
    expect(error.fields).toEqual([{ path: 'topic', message: 'Укажите тему урока.' }]);
    expect(error.requestId).toBe('req-42');
  });

  it('reports a lost connection', async () => {
    const { api } = setup([]);
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK', message: API_MESSAGES.network });
  });
});

describe('toApiError', () => {
  it('falls back to Russian text for answers without an error body', () => {
    expect(toApiError(502, '<html>', 'gw-1')).toMatchObject({ code: 'HTTP_502', message: API_MESSAGES.unavailable, requestId: 'gw-1' });
    expect(toApiError(404, undefined).message).toMatch(/Код ответа: 404/);
    expect(toApiError(401, null).code).toBe('UNAUTHENTICATED');
  });
  it('keeps the details of a conflict (the record as it is now)', () => {
    const current = { contacts: { phone: '+79161234567' }, contactsVersion: 3 };
    const error = toApiError(409, { error: { code: 'CONFLICT', message: 'Изменено.', details: { current } } });
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'Изменено.', details: { current } });
    expect(toApiError(409, { error: { code: 'CONFLICT', message: 'Изменено.', details: 'no' } }).details).toBeUndefined();
  });
});
