import { listBackups } from '#shared/api/control.ts';
import { listBackups as run } from '#functions/reports/control-reports.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listBackupsHandler = httpHandler(listBackups, async ({ ctx, log }) => run(ctx, log));
