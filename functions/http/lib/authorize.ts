import type { Decision } from '#shared/authz/policy.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { actorRef, type Logger } from '#functions/lib/logger.ts';
import { HttpError } from './http-error.ts';

/**
 * Applies a policy decision: a denial is logged (operation, pseudonymous actor, roles, the
 * rule's reason — no names, no ids of records) and answered 403 in Russian.
 */
export function enforce(decision: Decision, ctx: AccessContext, log: Logger): void {
  if (decision.allowed) return;
  log.warn('access denied', { actor: actorRef(ctx.userId), roles: [...ctx.roles], reason: decision.reason });
  throw new HttpError('FORBIDDEN');
}
