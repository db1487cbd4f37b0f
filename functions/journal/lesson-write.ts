import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { entryLock, type JournalPeriodState } from '#shared/domain/journal-period.ts';
import { studyPeriodFor } from '#shared/domain/rules/calendar.ts';
import { violation } from '#shared/domain/rules/violation.ts';
import { defaultSchoolSettings, type SchoolSettings } from '#shared/domain/school-settings.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { getLessonSheet, getPeriodState } from '#functions/data/journal-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { fullName, getPerson, getRoster } from '#functions/data/people-repository.ts';
import { tableName } from '#functions/data/table.ts';
import type { AuditedWrite } from '#functions/data/audited-transaction.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError, RuleViolatedError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';
import { parseLessonId } from '#shared/domain/lesson-id.ts';
import { resolveJournalScope } from './journal-scope.ts';
import { lessonResource, type LessonScope } from './lesson-scope.ts';

export type LessonForWrite = LessonScope & {
  settings: SchoolSettings;
  /** The study period the lesson is in (its final marks close it, п. 6.1). */
  period: StudyPeriod | undefined;
  state: JournalPeriodState | undefined;
  today: string;
};

/**
 * What every write to a lesson starts with: the lesson with its marks and attendance, the class
 * roster (for writes naming students) and the state of its period, read side by side (one or two
 * Query + one GetItem); the policy
 * (`rule`: who keeps the lesson, п. 5.3, 5.5); and whether its entries are closed to the teacher
 * — the period's final marks are set (п. 6.1) or the school's lock after some days applies — in
 * which case nothing is written.
 */
export async function lessonForWrite(
  ctx: AccessContext,
  lessonId: string,
  rule: 'saveLessonMarks' | 'saveLesson' | 'saveAttendance' | 'createHomeworkUpload' | 'attachHomeworkFile' | 'removeHomeworkFile',
  log: Logger,
  now: Date,
  reads: { roster: boolean } = { roster: true },
): Promise<LessonForWrite> {
  const c = parseLessonId(lessonId);
  if (!c) throw new NotFoundError('Такого урока нет.');
  const scope = await resolveJournalScope(c.groupId, c.subjectId);
  const settings = scope.reference.settings ?? defaultSchoolSettings();
  const period = periodOfLesson(scope, c.date);
  const [sheet, roster, state] = await Promise.all([
    getLessonSheet(lessonId),
    reads.roster ? getRoster(scope.schoolClass.id) : Promise.resolve([]),
    period ? getPeriodState(c.groupId, c.subjectId, period.endDate, period.id) : Promise.resolve(undefined),
  ]);
  if (!sheet.lesson) throw new NotFoundError('Такого урока нет.');
  const lesson = sheet.lesson;
  enforce(policy[rule](ctx, lessonResource(lesson)), ctx, log);
  const today = schoolToday(now);
  const lock = lockOf({ lesson, today, now, settings, period, state });
  if (lock) throw new RuleViolatedError([lock]);
  return { scope, lesson, sheet, roster, settings, period, state, today };
}

/** Why a lesson's entries are closed to its teacher now (the violation to answer), or null. */
export function lockOf(w: { lesson: { date: string }; today: string; now: Date; settings: SchoolSettings; period: StudyPeriod | undefined; state: JournalPeriodState | undefined }) {
  const lock = entryLock({ lessonDate: w.lesson.date, today: w.today, now: w.now.toISOString(), lockAfterDays: w.settings.lockAfterDays, state: w.state });
  if (lock === 'closed') {
    return violation('п. 6.1', 'PERIOD_CLOSED', `Итоговые отметки за период «${w.period?.name ?? ''}» выставлены: записи периода закрыты. Исправить их можно после того, как координатор откроет период`);
  }
  if (lock === 'locked') {
    return violation('п. 5.2', 'ENTRY_LOCKED', `Запись урока закрыта: прошло больше ${w.settings.lockAfterDays} дн. после урока. Чтобы исправить, обратитесь к координатору`);
  }
  return null;
}

/** The study period a lesson is in (of its class's grade), whose final marks close it. */
export function periodOfLesson(scope: LessonScope['scope'], date: string): StudyPeriod | undefined {
  return studyPeriodFor(date, scope.schoolClass.grade, scope.structure.periods.filter((p) => p.kind !== 'year')) ?? undefined;
}

/**
 * In the write's transaction: the period must still be open (not closed by final marks set a
 * moment ago, or reopened until later) — a check on the state item, absent or not.
 */
export function periodStillOpen(w: Pick<LessonForWrite, 'lesson' | 'period'>, now: Date): AuditedWrite[] {
  if (!w.period) return [];
  const groupId = w.lesson.subgroupId ?? w.lesson.classId;
  return [
    {
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.journalPeriodState(groupId, w.lesson.subjectId, w.period.endDate, w.period.id),
          ConditionExpression: 'attribute_not_exists(closedAt) OR reopenedUntil > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        },
      },
    },
  ];
}

/** The period closed between the read and the write (final marks set a moment ago). */
export function periodClosedMeanwhile(periodName: string): RuleViolatedError {
  return new RuleViolatedError([
    violation('п. 6.1', 'PERIOD_CLOSED', `Итоговые отметки за период «${periodName}» только что выставлены: записи периода закрыты`),
  ]);
}

/** A person's full name for a message ("who set it"), or undefined when unknown. */
export async function personName(personId: string): Promise<string | undefined> {
  const person = await getPerson(personId);
  return person ? fullName(person) : undefined;
}
