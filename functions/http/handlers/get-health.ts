import { getHealth } from '#shared/api/system.ts';
import { httpHandler } from '../lib/http-handler.ts';
import { appVersion } from '#functions/lib/version.ts';

export const getHealthHandler = httpHandler(getHealth, async () => ({
  status: 'ok' as const,
  service: 'klassny' as const,
  version: appVersion,
  time: new Date().toISOString(),
}));
