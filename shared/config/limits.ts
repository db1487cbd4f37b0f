/**
 * Limits the AWS stack (infra/lib) and the local stand-in (infra/local) must agree on, declared
 * once so the two worlds cannot drift apart.
 */

/**
 * How long an HTTP API function may run, in seconds: the Lambda timeout of every HTTP area
 * function in AWS, and how long the local API Gateway waits for the handler before answering
 * as API Gateway does when the function times out (500 `{"message":"Internal Server Error"}`).
 * API Gateway's own integration timeout (30 s) is longer, so it never comes into play.
 */
export const HTTP_FUNCTION_TIMEOUT_SECONDS = 15;

/**
 * Areas that may run longer (still under API Gateway's 30 s): the reports read a whole school's
 * journals for a period (~340 Queries) and render PDF or XLSX — 1–2 s in DynamoDB, up to ~10 s on
 * the local engine of a 2-core machine under load.
 */
export const AREA_FUNCTION_TIMEOUT_SECONDS: Readonly<Record<string, number>> = { reports: 28 };

/** The timeout of one HTTP area's function, seconds. */
export function httpFunctionTimeoutSeconds(area: string): number {
  return AREA_FUNCTION_TIMEOUT_SECONDS[area] ?? HTTP_FUNCTION_TIMEOUT_SECONDS;
}

/**
 * The user pool's password history (Cognito `PasswordHistorySize`): a user may not set any of
 * their last 5 passwords again. The local Cognito emulator enforces the same.
 */
export const PASSWORD_HISTORY_SIZE = 5;
