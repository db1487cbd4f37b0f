/**
 * User attributes: which names a pool accepts (Cognito's standard attributes
 * plus any `custom:*`), and how they appear in responses and in the id token.
 */
import { invalidParameter, type CognitoError } from './errors.ts';
import type { AttributeInput } from './input.ts';

const STANDARD = new Set([
  'address',
  'birthdate',
  'email',
  'email_verified',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'phone_number_verified',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
]);

const BOOLEAN = new Set(['email_verified', 'phone_number_verified']);

const schemaError = (name: string, why: string): CognitoError =>
  invalidParameter(`Attributes did not conform to the schema: ${name}: ${why}`);

/** Validates attributes written by an admin (sub is never writable). */
export function validateAttributes(attributes: AttributeInput[]): void {
  for (const { Name, Value } of attributes) {
    if (Name === 'sub') throw invalidParameter('Cannot modify the non-mutable attribute sub');
    if (!STANDARD.has(Name) && !/^custom:[\w.-]{1,20}$/.test(Name)) {
      throw schemaError(Name, 'Attribute does not exist in the schema.');
    }
    if (Value.length > 2048) throw schemaError(Name, 'String attribute value exceeds maximum length.');
    if (BOOLEAN.has(Name) && Value !== 'true' && Value !== 'false') {
      throw invalidParameter(`Invalid value for ${Name}: must be true or false`);
    }
    if (Name === 'email' && Value !== '' && !/^[^\s@]+@[^\s@]+$/.test(Value)) {
      throw invalidParameter('Invalid email address format.');
    }
  }
}

/** The `[{Name, Value}]` list answered by GetUser, AdminGetUser, ListUsers. */
export function toAttributeList(sub: string, attributes: Record<string, string>, only?: string[]) {
  const all = [{ Name: 'sub', Value: sub }, ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))];
  return only ? all.filter((a) => only.includes(a.Name)) : all;
}

/** Attributes as id-token claims: `*_verified` become booleans, others stay strings. */
export function toIdTokenClaims(attributes: Record<string, string>): Record<string, string | boolean> {
  const claims: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(attributes)) {
    claims[name] = BOOLEAN.has(name) ? value === 'true' : value;
  }
  return claims;
}
