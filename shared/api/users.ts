import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';
import { personIdSchema } from '#shared/domain/ids.ts';
import { roleSchema } from '../domain/role.ts';
import { clientRequestIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/** An account as the operator manages it (п. 5.3, 5.4). */
export const userSchema = z
  .object({
    userId: z.string(),
    login: z.string(),
    displayName: z.string(),
    personId: personIdSchema.optional(),
    roles: z.array(roleSchema),
    status: z.enum(['active', 'disabled']),
    /** Why it is disabled: by the operator, or the consent was withdrawn. */
    disabledReason: z.enum(['operator', 'consent-withdrawn']).optional(),
    createdAt: instantSchema,
    disabledAt: instantSchema.optional(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const listUsers = defineOperation({
  operationId: 'listUsers',
  method: 'GET',
  path: '/api/users',
  area: 'identity',
  access: 'authenticated',
  tag: 'users',
  summary: 'All accounts by login (paged)',
  query: z.object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  }),
  response: z.object({ users: z.array(userSchema), nextCursor: z.string().optional() }).meta({ id: 'Users' }),
});

const userParams = z.object({ userId: z.string().regex(/^[0-9a-zA-Z-]{1,128}$/, { error: 'Неверный идентификатор учётной записи' }) });
const versionedBody = z.object({
  clientRequestId: clientRequestIdSchema,
  /** The version the operator saw; a concurrent change answers 409. */
  version: z.number().int().min(1),
});

export const disableUser = defineOperation({
  operationId: 'disableUser',
  method: 'POST',
  path: '/api/users/{userId}/disable',
  area: 'identity',
  access: 'authenticated',
  tag: 'users',
  summary: 'Disable an account: its sessions end at once, sign-in is refused (п. 5.4)',
  params: userParams,
  body: versionedBody,
  response: userSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
});

export const enableUser = defineOperation({
  operationId: 'enableUser',
  method: 'POST',
  path: '/api/users/{userId}/enable',
  area: 'identity',
  access: 'authenticated',
  tag: 'users',
  summary: 'Enable a disabled account again (not one whose consent was withdrawn: that needs a new consent)',
  params: userParams,
  body: versionedBody,
  response: userSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});
