import type { RuleViolation } from '#shared/domain/rules/violation.ts';
import { HttpError } from '#functions/http/lib/http-error.ts';

/** Violations of the regulation → 422 RULE_VIOLATED whose message names the rule (e.g. «… (п. 5.6 Положения).»). */
export function ruleViolated(violations: readonly RuleViolation[], path?: string): HttpError {
  return new HttpError('RULE_VIOLATED', {
    message: violations.map((v) => v.message).join(' '),
    ...(path ? { fields: violations.map((v) => ({ path, message: v.message })) } : {}),
    details: { violations: violations.map((v) => ({ rule: v.rule, code: v.code })) },
  });
}
