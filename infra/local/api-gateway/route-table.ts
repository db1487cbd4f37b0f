import { routeKey, type OperationContract } from '#shared/api/operation.ts';

export type MatchedRoute = {
  routeKey: string;
  area: string;
  access: OperationContract['access'];
  pathParameters?: Record<string, string>;
};

type CompiledRoute = { method: string; pattern: RegExp; names: string[]; literals: number; route: Omit<MatchedRoute, 'pathParameters'> };

/**
 * API Gateway's route selection for an HTTP API: the method must match, `{name}` matches one
 * path segment, `{name+}` the rest; the most specific route (most literal segments) wins; when
 * nothing matches, the `$default` route takes the request.
 */
export function createRouteTable(operations: OperationContract[], defaultArea: string) {
  const compiled: CompiledRoute[] = operations.map((op) => {
    const names: string[] = [];
    let literals = 0;
    const source = op.path
      .split('/')
      .map((segment) => {
        const greedy = /^\{(\w+)\+\}$/.exec(segment);
        if (greedy) {
          names.push(greedy[1]!);
          return '(.+)';
        }
        const param = /^\{(\w+)\}$/.exec(segment);
        if (param) {
          names.push(param[1]!);
          return '([^/]+)';
        }
        literals++;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return {
      method: op.method,
      pattern: new RegExp(`^${source}$`),
      names,
      literals,
      route: { routeKey: routeKey(op), area: op.area, access: op.access },
    };
  });
  compiled.sort((a, b) => b.literals - a.literals);

  return {
    match(method: string, path: string): MatchedRoute {
      for (const candidate of compiled) {
        if (candidate.method !== method) continue;
        const m = candidate.pattern.exec(path);
        if (!m) continue;
        const pathParameters = Object.fromEntries(candidate.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
        return { ...candidate.route, ...(candidate.names.length ? { pathParameters } : {}) };
      }
      return { routeKey: '$default', area: defaultArea, access: 'public' };
    },
  };
}
