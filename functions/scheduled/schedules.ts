/**
 * Every scheduled function, declared once: the CDK stack turns each into an EventBridge
 * Scheduler schedule, and the local stand-in runs the same cron expression in-process.
 *
 * Expressions use EventBridge's six-field cron syntax (minutes hours day-of-month month
 * day-of-week year) and are evaluated in the school's time zone. Day-of-week uses names
 * (MON-FRI) only, because EventBridge numbers days 1–7 from Sunday while classic cron uses 0–6.
 */
export type ScheduleDefinition = {
  /** kebab-case; also the file name under functions/scheduled/ and the `npm run job` argument */
  name: string;
  description: string;
  /** EventBridge cron expression, e.g. `cron(0/5 * * * ? *)` */
  expression: string;
};

export const schedules: ScheduleDefinition[] = [
  {
    name: 'deliver-mail',
    description: 'Sends queued e-mail (notifications, reports) written by the services in the same transaction as the change',
    expression: 'cron(0/5 * * * ? *)',
  },
];

/** Path of the module (relative to the repository root) whose `handler` runs a schedule. */
export function scheduleEntry(name: string): string {
  return `functions/scheduled/${name}.ts`;
}
