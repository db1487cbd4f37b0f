import { z } from 'zod';
import { defineOperation } from './operation.ts';

export const roleSchema = z
  .enum(['director', 'coordinator', 'operator', 'teacher', 'student', 'parent'])
  .meta({ id: 'Role', description: 'A Cognito group; one person may hold several' });
export type Role = z.infer<typeof roleSchema>;

export const meSchema = z
  .object({
    userId: z.string().describe('Cognito sub'),
    login: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    /** The school's person this account is (a student opens their own diary with it); absent until linked. */
    personId: z.string().optional(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const getMe = defineOperation({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/me',
  area: 'identity',
  access: 'authenticated',
  tag: 'identity',
  summary: 'The signed-in user: name and roles',
  response: meSchema,
});
