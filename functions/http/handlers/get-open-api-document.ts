import { getOpenApiDocument } from '#shared/api/system.ts';
import { operations } from '#shared/api/operations.ts';
import { httpHandler } from '../lib/http-handler.ts';
import { buildOpenApiDocument } from '../openapi/build-document.ts';
import { appVersion } from '#functions/lib/version.ts';

// Built once per cold start: the contracts do not change while the function lives.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const getOpenApiDocumentHandler = httpHandler(getOpenApiDocument, async () => {
  document ??= buildOpenApiDocument(operations, { version: appVersion });
  return document;
});
