/** Lambda entry for the `system` area; also answers API Gateway's $default route (404). */
import { areaRouter } from '../lib/area-router.ts';
import { getHealthHandler } from '../handlers/get-health.ts';
import { getOpenApiDocumentHandler } from '../handlers/get-open-api-document.ts';

export const handler = areaRouter([getHealthHandler, getOpenApiDocumentHandler]);
