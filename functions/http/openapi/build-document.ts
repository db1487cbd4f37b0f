import '#shared/domain/zod-locale.ts';
import * as z from 'zod';
import { apiErrorSchema, errorCatalog, gatewayUnauthorizedSchema, type ErrorCode } from '#shared/api/errors.ts';
import { declaredErrors, type OperationContract } from '#shared/api/operation.ts';

type JsonSchema = Record<string, unknown>;

/**
 * OpenAPI 3.1 generated from the operation contracts' zod schemas (zod's own JSON Schema
 * output, draft 2020-12, which OpenAPI 3.1 uses as is). Named schemas (`.meta({ id })`)
 * become components; nothing here is written by hand except the envelope.
 */
export function buildOpenApiDocument(operations: OperationContract[], info: { version: string; title?: string }) {
  const components: Record<string, JsonSchema> = {};

  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    for (const [name, def] of Object.entries(defs)) components[name] ??= rewriteRefs(def) as JsonSchema;
    const id = z.globalRegistry.get(schema)?.id;
    if (id) {
      delete json.id;
      components[id] ??= rewriteRefs(json) as JsonSchema;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rewriteRefs(json) as JsonSchema;
  };

  const errorRef = convert(apiErrorSchema, 'output');
  const gatewayRef = convert(gatewayUnauthorizedSchema, 'output');
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });
  /** One response per status, naming every code the operation may answer with it and its Russian text. */
  const errorResponses = (codes: ReadonlySet<ErrorCode>) => {
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of codes) byStatus.set(errorCatalog[code].status, [...(byStatus.get(errorCatalog[code].status) ?? []), code]);
    return Object.fromEntries(
      [...byStatus.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, list]) => [String(status), errorResponse(list.map((c) => `${c}: ${errorCatalog[c].message}`).join(' · '))]),
    );
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...objectParameters(op.params, 'path', convert),
      ...objectParameters(op.query, 'query', convert),
    ];
    const responses: Record<string, unknown> = {
      [String(op.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: convert(op.response, 'output') } },
      },
      ...errorResponses(declaredErrors(op)),
    };
    if (op.access === 'authenticated') {
      // API Gateway's JWT authorizer answers a missing or bad token itself, in its own shape;
      // the function answers an ended session (SESSION_ENDED) in ours.
      responses['401'] = {
        description: `Missing or invalid token: API Gateway's JWT authorizer answers {"message":"Unauthorized"}. ${(responses['401'] as { description: string }).description}`,
        content: { 'application/json': { schema: { oneOf: [gatewayRef, errorRef] } } },
      };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.access === 'authenticated' ? { security: [{ cognitoJwt: [] }] } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: convert(op.body, 'input') } } } }
        : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'Klassny API',
      version: info.version,
      description: 'Электронный журнал и дневник школы. Error messages are Russian; codes are stable.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cognitoJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito access token' },
      },
    },
  };
}

function objectParameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  convert: (s: z.ZodType, io: 'input' | 'output') => JsonSchema,
) {
  if (!schema) return [];
  const json = convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' ? true : required.has(name),
    schema: s,
  }));
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v);
    }
    return out;
  }
  return value;
}
