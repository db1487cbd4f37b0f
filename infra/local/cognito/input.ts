/**
 * Reading request fields with Cognito-like validation messages
 * ("1 validation error detected: Value null at 'clientId' ...").
 */
import { invalidParameter } from './errors.ts';

export type Input = Record<string, unknown>;

const camel = (field: string): string => field.charAt(0).toLowerCase() + field.slice(1);

export function requireString(input: Input, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) {
    throw invalidParameter(
      `1 validation error detected: Value null at '${camel(field)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (typeof value !== 'string') throw invalidParameter(`Invalid value for ${field}: expected a string`);
  if (value.length === 0) {
    throw invalidParameter(
      `1 validation error detected: Value at '${camel(field)}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  return value;
}

export function optionalString(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`Invalid value for ${field}: expected a string`);
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParameter(`Invalid value for ${field}: expected a boolean`);
  return value;
}

export function optionalObject(input: Input, field: string): Input | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(`Invalid value for ${field}: expected an object`);
  }
  return value as Input;
}

/** A string-to-string map such as AuthParameters or ChallengeResponses. */
export function stringMap(input: Input, field: string): Record<string, string> {
  const obj = optionalObject(input, field) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value !== 'string') throw invalidParameter(`Invalid value for ${field}.${key}: expected a string`);
    out[key] = value;
  }
  return out;
}

/** Limit of list operations: 1..60, default 60 (Cognito's maximum). */
export function listLimit(input: Input, field = 'Limit'): number {
  const value = input[field];
  if (value === undefined || value === null) return 60;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 60) {
    throw invalidParameter(
      `1 validation error detected: Value '${String(value)}' at '${camel(field)}' failed to satisfy constraint: Member must have value less than or equal to 60`,
    );
  }
  return value === 0 ? 60 : value;
}

export interface AttributeInput {
  Name: string;
  Value: string;
}

export function attributeList(input: Input, field: string): AttributeInput[] {
  const value = input[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameter(`Invalid value for ${field}: expected a list`);
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw invalidParameter(`Invalid attribute in ${field}`);
    const { Name, Value } = item as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string' || Name.length === 0) throw invalidParameter(`Invalid attribute name in ${field}`);
    if (Value !== undefined && typeof Value !== 'string') throw invalidParameter(`Invalid value for attribute ${Name}`);
    return { Name, Value: Value ?? '' };
  });
}
