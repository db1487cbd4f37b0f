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
  /** The function's timeout when a job needs more than the default (infra/lib/scheduled-jobs.ts); at most 15. */
  timeoutMinutes?: number;
};

export const schedules: ScheduleDefinition[] = [
  {
    name: 'deliver-mail',
    description: 'Sends queued e-mail (notifications, reports) written by the services in the same transaction as the change',
    expression: 'cron(0/5 * * * ? *)',
  },
  {
    // п. 7.1: nightly at 02:30 school time, when nobody writes (docs/backups.md).
    name: 'backup-table',
    description: 'Exports the whole table to the backups bucket: gzip\'d NDJSON parts and a manifest with counts and checksums per entity type',
    expression: 'cron(30 2 * * ? *)',
    timeoutMinutes: 10,
  },
  {
    // п. 7.1: monthly, the 2nd at 04:00 — after the 1st's monthly AWS Backup snapshot and the night's export.
    name: 'restore-drill',
    description: 'Restores the latest backup into a scratch table, compares it with the manifest, deletes it and e-mails the director',
    expression: 'cron(0 4 2 * ? *)',
    timeoutMinutes: 15,
  },
  {
    name: 'daily-fill-check',
    description: 'Daily: lessons past the 2-day deadline without an entry → a notice to each teacher, a summary to the operator (п. 5.2)',
    expression: 'cron(0 7 * * ? *)',
    timeoutMinutes: 5,
  },
  {
    name: 'monthly-operator-control',
    description: 'Monthly: the operator’s current control of journal keeping → the coordinator (п. 5.11, 7.2)',
    expression: 'cron(0 6 1 * ? *)',
    timeoutMinutes: 5,
  },
  {
    name: 'period-control',
    description: 'After each study period: the control справка (programme, marks, control works) → the director, teachers and class teachers (п. 7.3, 7.4)',
    expression: 'cron(30 6 * * ? *)',
    timeoutMinutes: 5,
  },
  {
    name: 'final-marks-check',
    description: 'A day after each period’s deadline: are all final marks set? → coordinator and director (п. 6.1)',
    expression: 'cron(0 8 * * ? *)',
    timeoutMinutes: 5,
  },
  {
    name: 'class-data-review',
    description: 'Monthly: each class teacher is reminded to review the class’s student and parent data (п. 6/4.1)',
    expression: 'cron(0 9 1 * ? *)',
    timeoutMinutes: 5,
  },
  {
    name: 'year-end-archive',
    description: 'After the academic year: each class’s journal for the year stored as PDF and JSON, the director told (п. 7.1)',
    expression: 'cron(0 5 * 6-8 ? *)',
    timeoutMinutes: 15,
  },
];

/** Path of the module (relative to the repository root) whose `handler` runs a schedule. */
export function scheduleEntry(name: string): string {
  return `functions/scheduled/${name}.ts`;
}
