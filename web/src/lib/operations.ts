/**
 * Calling the API by operationId, typed from the contracts: the path and method come from the
 * plain route table (shared/api/routes.ts), the types from the zod contracts by `import type`
 * (nothing of zod reaches the bundle). No hand-written paths or casts in the pages.
 */
import type { z } from 'zod';
import type { Contracts } from '#shared/api/contracts.ts';
import { routes } from '#shared/api/routes.ts';
import type { ApiClient } from './api.ts';

type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;
type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/**
 * The contract's own schema for `params`, `query` or `body`; never when it has none. The contract
 * declares them optional (`params?: P`), and one that leaves a part out gets the bare `z.ZodType`
 * for it — neither is a schema of its own.
 */
type PartOf<C, Part extends 'params' | 'query' | 'body'> = C extends { [k in Part]?: infer S }
  ? NonNullable<S> extends infer T
    ? T extends z.ZodType
      ? z.ZodType extends T
        ? never
        : T
      : never
    : never
  : never;

/** What an operation takes: path params, query and body, each only when the contract has it. */
export type OperationInput<K extends keyof Contracts> = ([PartOf<Contracts[K], 'params'>] extends [never]
  ? unknown
  : { params: InputOf<PartOf<Contracts[K], 'params'>> }) &
  ([PartOf<Contracts[K], 'query'>] extends [never] ? unknown : { query?: InputOf<PartOf<Contracts[K], 'query'>> }) &
  ([PartOf<Contracts[K], 'body'>] extends [never] ? unknown : { body: InputOf<PartOf<Contracts[K], 'body'>> });

/** What an operation answers (the contract's response, as parsed). */
export type OperationOutput<K extends keyof Contracts> = OutputOf<Contracts[K]['response']>;

/** The path of an operation with its params filled in (each percent-encoded) and the query string. */
export function operationPath(id: keyof Contracts, params: Record<string, string> = {}, query: Record<string, unknown> = {}): string {
  const path = routes[id].path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${id}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export function callOperation<K extends keyof Contracts>(api: ApiClient, id: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
  const { params, query, body } = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
  const path = operationPath(id, params, query);
  const { method } = routes[id];
  if (method === 'GET') return api.get<OperationOutput<K>>(path);
  if (method === 'POST') return api.post<OperationOutput<K>>(path, body ?? {});
  if (method === 'PUT') return api.put<OperationOutput<K>>(path, body ?? {});
  if (method === 'PATCH') return api.patch<OperationOutput<K>>(path, body ?? {});
  return api.delete<OperationOutput<K>>(path);
}
