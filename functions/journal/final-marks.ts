import type { z } from 'zod';
import type { finalMarksSheetSchema } from '#shared/api/final-marks.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { FINAL_MARK_VALUES, type FinalMark, type FinalMarkValue } from '#shared/domain/final-mark.ts';
import { entryLock, type JournalPeriodState } from '#shared/domain/journal-period.ts';
import { averageFormula, roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import { checkFinalMark, finalMarkDeadline, finalMarkTimelinessWarning, suggestFinalMark } from '#shared/domain/rules/final-marks.ts';
import { violation, type RuleViolation } from '#shared/domain/rules/violation.ts';
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import type { EntityChange } from '#functions/data/change-outbox.ts';
import { changeEventWrites } from './change-events.ts';
import { getJournal, periodStateItem, type JournalPage } from '#functions/data/journal-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { getRoster, type RosterEntry } from '#functions/data/people-repository.ts';
import { finalMarkItem } from '#functions/data/records-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ConflictError, NotFoundError, RuleViolatedError, ValidationError, type FieldError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone, schoolToday } from '#functions/lib/school-clock.ts';
import { resolveJournalScope, type JournalScope } from './journal-scope.ts';
import { enrolledDuring, journalStudent } from './lesson-scope.ts';
import { personName } from './lesson-write.ts';

type Sheet = z.input<typeof finalMarksSheetSchema>;
type JournalRef = { groupId: string; subjectId: string; periodId: string };

type Loaded = { scope: JournalScope; period: StudyPeriod; page: JournalPage; roster: RosterEntry[]; state: JournalPeriodState | undefined };

/**
 * A journal's period with everything its final marks need: the journal partition over the period
 * (its marks, and — at the period's last day — its final marks and state) and the class roster.
 * Two queries, side by side; a year reads the whole year.
 */
async function load(ref: JournalRef): Promise<Loaded> {
  const scope = await resolveJournalScope(ref.groupId, ref.subjectId);
  const period = scope.structure.periods.find((p) => p.id === ref.periodId && p.grades.includes(scope.schoolClass.grade));
  if (!period) throw new NotFoundError('Такого учебного периода для этого класса нет.');
  const [page, roster] = await Promise.all([getJournal(ref.groupId, ref.subjectId, period.startDate, period.endDate), getRoster(scope.schoolClass.id)]);
  return { scope, period, page, roster, state: page.states.find((s) => s.periodId === period.id) };
}

const journalResource = (l: Loaded, groupId: string, subjectId: string) => ({
  classId: l.scope.schoolClass.id,
  groupId,
  subjectId,
  from: l.period.startDate,
  to: l.period.endDate,
});

/** Who sets them: the journal's teacher on the period's last day (today, while the period runs). */
const setterResource = (l: Loaded, groupId: string, subjectId: string, today: string) => ({
  ...journalResource(l, groupId, subjectId),
  on: l.period.endDate < today ? l.period.endDate : today,
});

/** The students of the journal in the period (a subgroup's own), by name. */
const studentsOf = (l: Loaded) => l.roster.filter((r) => enrolledDuring(r, l.scope.subgroup?.id, l.period.startDate, l.period.endDate));

function sheetOf(ctx: AccessContext, l: Loaded, ref: JournalRef, finals: FinalMark[], state: JournalPeriodState | undefined, now: Date): Sheet {
  const settings = l.scope.reference.settings ?? defaultSchoolSettings();
  const today = schoolToday(now);
  const subject = l.scope.subject;
  // A year mark follows the marks of the shorter periods when they are set (the usual practice); else the year's marks.
  const subPeriods = l.period.kind === 'year' ? l.scope.structure.periods.filter((p) => p.kind !== 'year' && p.grades.includes(l.scope.schoolClass.grade)) : [];
  const rows = studentsOf(l).map((r) => {
    const marks = l.page.marks.filter((m) => m.studentId === r.studentId);
    const fromPeriods = l.page.finalMarks
      .filter((f) => f.studentId === r.studentId && subPeriods.some((p) => p.id === f.studyPeriodId))
      .map((f) => ({ values: [f.value], workTypeId: 'period' }));
    const basis = fromPeriods.length > 0 ? fromPeriods : marks;
    const average = weightedAverage(basis, l.scope.workTypes);
    const formula = averageFormula(basis, l.scope.workTypes);
    const suggestion = suggestFinalMark({ average, marks: basis, subject, student: { healthGroup: r.healthGroup }, threshold: settings.roundingThreshold });
    const final = finals.find((f) => f.studentId === r.studentId);
    const student = journalStudent(r, subject);
    return {
      studentId: r.studentId,
      name: student.name,
      ...(student.healthGroup ? { healthGroup: student.healthGroup } : {}),
      average: average === null ? null : roundAverage(average),
      ...(formula ? { averageFormula: formula } : {}),
      ...(suggestion ? { suggestion } : {}),
      ...(final ? { finalMark: { value: final.value, version: final.version, setBy: final.setBy, setAt: final.setAt, ...(final.late ? { late: true } : {}) } } : {}),
    };
  });
  const lock = entryLock({ lessonDate: l.period.endDate, today, now: now.toISOString(), state });
  return {
    classId: l.scope.schoolClass.id,
    groupId: ref.groupId,
    subjectId: ref.subjectId,
    subjectName: subject.name,
    period: { id: l.period.id, name: l.period.name, startDate: l.period.startDate, endDate: l.period.endDate, kind: l.period.kind },
    deadline: finalMarkDeadline(l.period, schoolTimeZone(), settings.finalMarkDeadlineDays).lastDay,
    allowedValues: subject.grading === 'credit' ? ['ЗЧ', 'НЗ', 'ОСВ', 'н/а'] : [...FINAL_MARK_VALUES].filter((v) => v !== 'ЗЧ' && v !== 'НЗ'),
    roundingThreshold: settings.roundingThreshold,
    state: {
      closed: lock === 'closed',
      ...(state?.closedAt ? { closedAt: state.closedAt } : {}),
      ...(state?.reopenedUntil ? { reopenedUntil: state.reopenedUntil } : {}),
      ...(state?.reopenReason ? { reopenReason: state.reopenReason } : {}),
      version: state?.version ?? 0,
    },
    keptByCaller: policy.setFinalMarks(ctx, setterResource(l, ref.groupId, ref.subjectId, today)).allowed,
    rows,
  };
}

/** п. 6.1, 6.2: the final marks of a journal's period, with each student's average, its formula and a suggestion. */
export async function getFinalMarks(ctx: AccessContext, ref: JournalRef, log: Logger, now = new Date()): Promise<Sheet> {
  const l = await load(ref);
  enforce(policy.getFinalMarks(ctx, journalResource(l, ref.groupId, ref.subjectId)), ctx, log);
  return sheetOf(ctx, l, ref, l.page.finalMarks.filter((f) => f.studyPeriodId === l.period.id), l.state, now);
}

type SetInput = JournalRef & { clientRequestId: string; changes: { studentId: string; value: FinalMarkValue | null; expectedVersion: number }[] };

/**
 * Sets final marks (п. 6.1, 6.2) as one all-or-nothing change: each mark conditional on the
 * version the teacher saw, checked by the regulation (values, credit subjects, PE with a health
 * group, grade 1), flagged when after the deadline (a day after the period); when every student of
 * the period then has a final mark, the period closes to the teacher (its marks and attendance),
 * in the same transaction. A period closed and not reopened by the coordinator takes no change.
 */
export async function setFinalMarks(ctx: AccessContext, input: SetInput, log: Logger, now = new Date()) {
  const l = await load(input);
  const today = schoolToday(now);
  enforce(policy.setFinalMarks(ctx, setterResource(l, input.groupId, input.subjectId, today)), ctx, log);
  if (entryLock({ lessonDate: l.period.endDate, today, now: now.toISOString(), state: l.state }) === 'closed') {
    throw new RuleViolatedError([
      violation('п. 6.1', 'PERIOD_CLOSED', `Итоговые отметки за период «${l.period.name}» выставлены и период закрыт. Исправить их можно после того, как координатор откроет период`),
    ]);
  }
  const settings = l.scope.reference.settings ?? defaultSchoolSettings();
  const students = studentsOf(l);
  const fields: FieldError[] = [];
  const broken: RuleViolation[] = [];
  input.changes.forEach((change, i) => {
    const student = students.find((s) => s.studentId === change.studentId);
    if (!student) {
      fields.push({ path: `body.changes.${i}.studentId`, message: 'Обучающийся не числится в этом классе (подгруппе) в этом периоде' });
      return;
    }
    if (change.value === null) return;
    for (const v of checkFinalMark({ value: change.value, subject: l.scope.subject, student: { healthGroup: student.healthGroup }, grade: l.scope.schoolClass.grade, period: l.period })) {
      broken.push(v);
      fields.push({ path: `body.changes.${i}.value`, message: v.message });
    }
  });
  if (broken.length) throw new RuleViolatedError(broken, { fields });
  if (fields.length) throw new ValidationError(fields);

  const at = now.toISOString();
  const lateWarning = finalMarkTimelinessWarning(l.period, now, schoolTimeZone(), settings.finalMarkDeadlineDays);
  const current = new Map(l.page.finalMarks.filter((f) => f.studyPeriodId === l.period.id).map((f) => [f.studentId, f]));
  const after = new Map(current);
  const writes: AuditedWrite[] = [];
  // What families are told (п. 2.4): each final mark as it was and as it is now.
  const told: EntityChange[] = [];
  for (const change of input.changes) {
    const before = current.get(change.studentId);
    const key = keys.finalMark(input.groupId, input.subjectId, l.period.endDate, l.period.id, change.studentId);
    const condition =
      change.expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion } };
    const entityKey = `FINAL#${l.period.id}#${input.subjectId}#${change.studentId}`;
    if (change.value === null) {
      if (change.expectedVersion === 0) continue;
      after.delete(change.studentId);
      writes.push({
        item: { Delete: { TableName: tableName(), Key: key, ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        audit: { entityType: 'final-mark', entityKey, action: 'delete', before: before ? { value: before.value } : null, after: null },
      });
      told.push({ studentId: change.studentId, entityKey, version: change.expectedVersion + 1, before: before ? { kind: 'final-mark', value: before.value } : null, after: null });
      continue;
    }
    const mark: FinalMark = {
      studentId: change.studentId,
      subjectId: input.subjectId,
      studyPeriodId: l.period.id,
      classId: l.scope.schoolClass.id,
      groupId: input.groupId,
      value: change.value,
      ...(lateWarning ? { late: true } : {}),
      version: change.expectedVersion + 1,
      setBy: ctx.personId,
      setAt: at,
    };
    after.set(change.studentId, mark);
    writes.push({
      item: { Put: { TableName: tableName(), Item: finalMarkItem(mark, l.period.endDate), ...condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      audit: { entityType: 'final-mark', entityKey, action: before ? 'update' : 'create', before: before ? { value: before.value } : null, after: { value: mark.value, late: Boolean(mark.late) } },
    });
    told.push({ studentId: change.studentId, entityKey, version: mark.version, before: before ? { kind: 'final-mark', value: before.value } : null, after: { kind: 'final-mark', value: mark.value } });
  }

  // Every student of the period has a final mark now: the period closes to the teacher (п. 6.1).
  const complete = students.every((s) => after.has(s.studentId));
  const state: JournalPeriodState = {
    groupId: input.groupId,
    subjectId: input.subjectId,
    periodId: l.period.id,
    ...(complete ? { closedAt: at, closedBy: ctx.personId } : {}),
    version: (l.state?.version ?? 0) + 1,
  };
  const stateChanges = complete !== Boolean(l.state?.closedAt) || (complete && l.state?.reopenedUntil !== undefined);
  if (stateChanges) {
    writes.push({
      item: {
        Put: {
          TableName: tableName(),
          Item: periodStateItem(state, l.period.endDate),
          ConditionExpression: l.state ? 'version = :seen' : 'attribute_not_exists(pk)',
          ...(l.state ? { ExpressionAttributeValues: { ':seen': l.state.version } } : {}),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      audit: {
        entityType: 'journal-period',
        entityKey: `PERIOD#${input.groupId}#${input.subjectId}#${l.period.id}`,
        action: 'update',
        before: { closed: Boolean(l.state?.closedAt) },
        after: { closed: complete, reason: complete ? 'final marks set (п. 6.1)' : 'a final mark cleared' },
      },
    });
  }
  if (writes.length === 0) return { ...sheetOf(ctx, l, input, [...after.values()], l.state, now), warnings: [], replayed: false };
  writes.push(
    ...changeEventWrites(
      {
        id: input.clientRequestId,
        at,
        by: ctx.personId,
        classId: l.scope.schoolClass.id,
        ...(l.scope.subgroup ? { subgroupId: l.scope.subgroup.id } : {}),
        subjectId: input.subjectId,
        date: l.period.endDate,
        periodId: l.period.id,
      },
      'final-mark',
      told,
    ),
  );

  const finals = [...after.values()];
  const sheet = sheetOf(ctx, l, input, finals, stateChanges ? state : l.state, now);
  const warnings = lateWarning ? [{ rule: lateWarning.rule, code: lateWarning.code, message: lateWarning.message }] : [];
  const out = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: 'setFinalMarks',
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'teacher' },
    request: { groupId: input.groupId, subjectId: input.subjectId, periodId: l.period.id, changes: input.changes },
    writes,
    result: { ...sheet, warnings },
    now,
    onConflict: async ({ current: stored }) =>
      stored?.type === 'JournalPeriodState'
        ? new ConflictError('Состояние периода только что изменилось. Обновите страницу.')
        : new ConflictError('Итоговую отметку уже изменил другой пользователь. Обновите страницу и проверьте её.', {
            current: stored
              ? { studentId: stored.studentId, value: stored.value, version: stored.version, setBy: stored.setBy, setByName: await personName(String(stored.setBy)), setAt: stored.setAt }
              : null,
          }),
  });
  log.info('final marks set', { changes: input.changes.length, closed: complete, replayed: out.replayed });
  return { ...out.result, replayed: out.replayed };
}

type ReopenInput = JournalRef & { clientRequestId: string; reason: string; days: number; expectedVersion: number };

/**
 * The coordinator reopens a journal's period (closed by its final marks, or locked some days
 * after its lessons) for corrections, for a few days: the teacher may then change marks,
 * attendance and final marks; setting the final marks again closes it. Audited.
 */
export async function reopenPeriod(ctx: AccessContext, input: ReopenInput, log: Logger, now = new Date()) {
  enforce(policy.reopenPeriod(ctx), ctx, log);
  const l = await load(input);
  const until = new Date(now.getTime() + input.days * 86_400_000).toISOString();
  const state: JournalPeriodState = {
    groupId: input.groupId,
    subjectId: input.subjectId,
    periodId: l.period.id,
    ...(l.state?.closedAt ? { closedAt: l.state.closedAt } : {}),
    ...(l.state?.closedBy ? { closedBy: l.state.closedBy } : {}),
    reopenedUntil: until,
    reopenedBy: ctx.personId,
    reopenReason: input.reason,
    version: input.expectedVersion + 1,
  };
  const out = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: 'reopenPeriod',
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'coordinator' },
    request: { groupId: input.groupId, subjectId: input.subjectId, periodId: l.period.id, reason: input.reason, days: input.days, expectedVersion: input.expectedVersion },
    writes: [
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: periodStateItem(state, l.period.endDate),
            ConditionExpression: input.expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :seen',
            ...(input.expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':seen': input.expectedVersion } }),
          },
        },
        audit: {
          entityType: 'journal-period',
          entityKey: `PERIOD#${input.groupId}#${input.subjectId}#${l.period.id}`,
          action: 'update',
          before: { closed: Boolean(l.state?.closedAt), reopenedUntil: l.state?.reopenedUntil ?? null },
          after: { reopenedUntil: until, reason: input.reason },
        },
      },
    ],
    result: { closed: false, ...(state.closedAt ? { closedAt: state.closedAt } : {}), reopenedUntil: until, reopenReason: input.reason, version: state.version },
    now,
    onConflict: () => new ConflictError('Состояние периода только что изменилось. Обновите страницу.'),
  });
  log.info('period reopened', { days: input.days, replayed: out.replayed });
  return out.result;
}
