import '#shared/domain/zod-locale.ts';
import type { z } from 'zod';
import { ValidationError, type FieldError } from '#functions/lib/errors.ts';

/** zod issues → field errors the UI can put next to the right input. */
export function toFieldErrors(where: string, issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function parseInput<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toFieldErrors(where, result.error.issues));
  return result.data;
}
