/**
 * Limits the AWS stack and the local stand-in share (shared/config/limits.ts): the HTTP
 * functions' timeout (Lambda in AWS, the local API Gateway's wait) and the pool's password
 * history (Cognito in AWS, the local emulator).
 */
import { describe, expect, it } from 'vitest';
import { HTTP_FUNCTION_TIMEOUT_SECONDS, PASSWORD_HISTORY_SIZE, httpFunctionTimeoutSeconds } from '../../shared/config/limits.ts';
import { HTTP_FUNCTION_TIMEOUT } from '../../infra/lib/school-stack.ts';
import { FUNCTION_TIMEOUT_MS } from '../../infra/local/api-gateway/api-gateway.ts';
import { logicalIdIn, resourcesOf, synthSchool } from './support.ts';

const { template, stack } = synthSchool();

describe('one HTTP function timeout for both worlds', () => {
  it('is the Lambda timeout of every HTTP area function (the reports area its own, longer one)', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    expect(stack.areaFunctions.size).toBeGreaterThan(0);
    for (const [area, fn] of stack.areaFunctions) {
      expect(functions[logicalIdIn(stack, fn.function)]!.Properties!.Timeout, area).toBe(httpFunctionTimeoutSeconds(area));
      expect(httpFunctionTimeoutSeconds(area), area).toBeLessThan(30);
    }
    expect(HTTP_FUNCTION_TIMEOUT.toSeconds()).toBe(HTTP_FUNCTION_TIMEOUT_SECONDS);
  });

  it('is how long the local API Gateway waits for a handler', () => {
    expect(FUNCTION_TIMEOUT_MS).toBe(HTTP_FUNCTION_TIMEOUT_SECONDS * 1000);
  });

  it('is shorter than API Gateway\'s integration timeout (30 s), so a slow function is a failed invocation', () => {
    expect(HTTP_FUNCTION_TIMEOUT_SECONDS).toBeLessThan(30);
  });
});

describe('one password history for both worlds', () => {
  it('is the user pool\'s PasswordHistorySize (the local stack gives the emulator the same)', () => {
    const pool = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0]!;
    expect((pool.Properties as { Policies: { PasswordPolicy: { PasswordHistorySize: number } } }).Policies.PasswordPolicy.PasswordHistorySize).toBe(
      PASSWORD_HISTORY_SIZE,
    );
  });
});
