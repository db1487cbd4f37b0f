import type { Decision } from '#shared/authz/policy.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { ForbiddenError } from './errors.ts';
import { actorRef, type Logger } from './logger.ts';

/**
 * Applies a policy decision: a denial is logged (operation, pseudonymous actor, roles, the
 * rule's reason — no names, no ids of records) and thrown as ForbiddenError, with the rule's
 * Russian message when it has one the user can act on.
 */
export function enforce(decision: Decision, ctx: AccessContext, log: Logger): void {
  if (decision.allowed) return;
  log.warn('access denied', { actor: actorRef(ctx.userId), roles: [...ctx.roles], reason: decision.reason });
  throw new ForbiddenError(decision.message);
}
