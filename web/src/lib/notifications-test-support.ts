// Helpers for the notifications' unit tests only (never imported by the app).
import { createApiClient } from './api.ts';

export type Call = { method: string; url: string; body: unknown };

/** An API client on a fetch answering from a script, in the order of the calls; each call recorded. */
export function fakeApi(script: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const raw = init?.body;
    calls.push({ method: init?.method ?? 'GET', url: String(input), body: typeof raw === 'string' ? JSON.parse(raw) : raw });
    const next = script.shift();
    if (next === undefined) throw new Error(`no answer scripted for ${String(input)}`);
    if (next instanceof Error) throw next;
    return next;
  };
  const api = createApiClient({ baseUrl: '', fetch: fetchFn, auth: { accessToken: async () => 't1', refresh: async () => false }, onUnauthenticated: () => {} });
  return { api, calls };
}

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const apiError = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  json({ error: { code, message, requestId: 'r-1', ...extra } }, status);
