import * as z from 'zod';
import { defineOperation } from './operation.ts';

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    service: z.literal('klassny'),
    version: z.string(),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

export const getHealth = defineOperation({
  operationId: 'getHealth',
  method: 'GET',
  path: '/api/health',
  area: 'system',
  access: 'public',
  tag: 'system',
  summary: 'Liveness: answers when the API and its function are up',
  response: healthSchema,
});

export const getOpenApiDocument = defineOperation({
  operationId: 'getOpenApiDocument',
  method: 'GET',
  path: '/api/openapi.json',
  area: 'system',
  access: 'public',
  tag: 'system',
  summary: 'This API described as OpenAPI 3.1, generated from the zod schemas',
  response: z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument' }),
});
