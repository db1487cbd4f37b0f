/**
 * Final marks of a journal for a period (п. 6.1, 6.2): the page's draft against the sheet the API
 * answered, the changes to send (setFinalMarks, versioned), the suggestions accepted, the
 * deadline and the period's state as text. Pure. The average, its formula and the suggestion are
 * the API's (computed by shared/domain's rule there); nothing is recomputed here.
 */
import type { HealthGroup } from '#shared/domain/person.ts';
import { ApiError } from './api.ts';
import { addDays, formatShortDate } from './dates.ts';
import { formatInstantDateTime } from './format.ts';
import { routeHref } from './journal.ts';
import type { OperationOutput } from './operations.ts';

export type FinalMarksSheet = OperationOutput<'getFinalMarks'>;
export type FinalMarkRow = FinalMarksSheet['rows'][number];
export type FinalMarkValue = FinalMarksSheet['allowedValues'][number];
export type PeriodState = FinalMarksSheet['state'];
export type SetFinalMarksResult = OperationOutput<'setFinalMarks'>;

/** `#/journal/<groupId>/<subjectId>/<periodId>/final`. */
export function finalMarksHref(groupId: string, subjectId: string, periodId: string): string {
  return routeHref('journal', groupId, subjectId, periodId, 'final');
}

/** What each value means, for the choice and for a screen reader («н/а» says little by itself). */
export const FINAL_VALUE_NAMES: Readonly<Record<string, string>> = {
  '5': 'отлично',
  '4': 'хорошо',
  '3': 'удовлетворительно',
  '2': 'неудовлетворительно',
  '1': 'плохо',
  'н/а': 'не аттестован',
  ОСВ: 'освобождён',
  ЗЧ: 'зачтено',
  НЗ: 'не зачтено',
};

/** `4 — хорошо`, `н/а — не аттестован`. */
export function finalValueLabel(value: string): string {
  const name = FINAL_VALUE_NAMES[value];
  return name ? `${value} — ${name}` : value;
}

/** Medical health groups (п. 6.2: PE of the special groups is assessed on theory). */
export const HEALTH_GROUP_LABELS: Record<HealthGroup, string> = {
  main: 'основная',
  preparatory: 'подготовительная',
  'special-a': 'специальная «А»',
  'special-b': 'специальная «Б»',
  exempt: 'освобождён',
};

/** A special group or exempt: the PE mark rests on theory, not on practical work (п. 6.2). */
export function healthGroupNote(group: HealthGroup | undefined): string | undefined {
  if (group === undefined || group === 'main') return undefined;
  if (group === 'exempt') return 'освобождён от практических занятий: оценивается теория (п. 6.2)';
  return `${HEALTH_GROUP_LABELS[group]} группа: оценивается теория (п. 6.2)`;
}

/** The page's choice per student: a value, or '' for none. */
export type Draft = Record<string, string>;

/** The draft as the sheet has it: each student's mark set, '' where none. */
export function draftOf(sheet: FinalMarksSheet): Draft {
  return Object.fromEntries(sheet.rows.map((r) => [r.studentId, r.finalMark?.value ?? '']));
}

export type FinalMarkChange = { studentId: string; value: FinalMarkValue | null; expectedVersion: number };

/** What differs from the sheet: set, changed or cleared, with the version seen (0 when none). */
export function changesOf(sheet: FinalMarksSheet, draft: Draft): FinalMarkChange[] {
  const allowed = new Set<string>(sheet.allowedValues);
  const out: FinalMarkChange[] = [];
  for (const row of sheet.rows) {
    const chosen = draft[row.studentId] ?? '';
    const stored = row.finalMark?.value ?? '';
    if (chosen === stored) continue;
    if (chosen !== '' && !allowed.has(chosen)) continue;
    out.push({ studentId: row.studentId, value: chosen === '' ? null : (chosen as FinalMarkValue), expectedVersion: row.finalMark?.version ?? 0 });
  }
  return out;
}

/** The API takes up to 45 changes at a time. */
export const CHANGES_PER_REQUEST = 45;

export function inBatches<T>(items: readonly T[], size = CHANGES_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The suggestion can be taken: there is one, and no mark is chosen yet (a choice is never overwritten). */
export function canAccept(row: FinalMarkRow, draft: Draft): boolean {
  return row.suggestion !== undefined && (draft[row.studentId] ?? '') === '';
}

/** Every suggestion taken where nothing is chosen yet; the rest as it is. */
export function acceptSuggestions(sheet: FinalMarksSheet, draft: Draft): Draft {
  const next = { ...draft };
  for (const row of sheet.rows) if (canAccept(row, next) && row.suggestion) next[row.studentId] = row.suggestion;
  return next;
}

/** How many students have no mark chosen. */
export function missingCount(sheet: FinalMarksSheet, draft: Draft): number {
  return sheet.rows.filter((r) => (draft[r.studentId] ?? '') === '').length;
}

/** `4,33` — the average as Russian text; `—` without numeric marks. */
export function averageText(average: number | null): string {
  return average === null ? '—' : average.toFixed(2).replace('.', ',');
}

export type DeadlineState = {
  /** «Срок выставления (п. 6.1): до 01.11.2026 включительно». */
  text: string;
  /** The deadline has passed: marks set now are flagged as late. */
  passed: boolean;
};

/** п. 6.1: final marks by the end of the deadline day (one day after the period). */
export function deadlineState(sheet: Pick<FinalMarksSheet, 'deadline'>, today: string): DeadlineState {
  return { text: `Срок выставления (п. 6.1): до ${formatShortDate(sheet.deadline)} включительно`, passed: today > sheet.deadline };
}

/** The period ended (its final marks are due); before that the page says the marks come later. */
export function periodEnded(sheet: Pick<FinalMarksSheet, 'period'>, today: string): boolean {
  return today > sheet.period.endDate;
}

export type PeriodStateText = {
  kind: 'open' | 'closed' | 'reopened';
  text: string;
};

/**
 * п. 6.1: once final marks are set the period's marks are closed to the teacher; the coordinator
 * reopens them for some days. `now`: an ISO instant.
 */
export function periodStateText(state: PeriodState, now: string, offsetMinutes?: number): PeriodStateText {
  if (state.reopenedUntil && state.reopenedUntil > now) {
    const until = formatInstantDateTime(state.reopenedUntil, offsetMinutes);
    return {
      kind: 'reopened',
      text: `Период открыт координатором для исправлений до ${until}${state.reopenReason ? ` (причина: ${state.reopenReason})` : ''}.`,
    };
  }
  if (state.closed) return { kind: 'closed', text: 'Период закрыт: выставлены итоговые отметки (п. 6.1). Исправления — через координатора.' };
  return { kind: 'open', text: '' };
}

/** Who may change the marks now: the journal's teacher while the period is open or reopened. */
export function editable(sheet: Pick<FinalMarksSheet, 'keptByCaller' | 'state'>, now: string): boolean {
  return sheet.keptByCaller && periodStateText(sheet.state, now).kind !== 'closed';
}

/** The coordinator may reopen a closed period (or one whose reopening ended). */
export function canReopen(role: string, sheet: Pick<FinalMarksSheet, 'state'>, now: string): boolean {
  return role === 'coordinator' && periodStateText(sheet.state, now).kind === 'closed';
}

/** `reopenPeriod`'s days: 1–14, three by default. */
export const REOPEN_DAYS = { min: 1, max: 14, default: 3 } as const;

/** The last day a reopening of `days` days starting today lasts (for the form's hint). */
export function reopenUntilDay(today: string, days: number): string {
  return addDays(today, days);
}

/** A student's row: mark, its lateness, a short line about the average for screen readers. */
export function rowSummary(row: FinalMarkRow): string {
  return `${row.name}: средний балл ${averageText(row.average)}${row.suggestion ? `, предлагается ${row.suggestion}` : ''}`;
}

export type FinalMarksConflict = { message: string; names: string[] };

/**
 * A 409: someone set a mark meanwhile. The message and, if the API named them, whose marks
 * changed (`details.current`: one row or a list, with `studentId`); the page reloads the sheet.
 */
export function finalMarksConflict(error: unknown, sheet: FinalMarksSheet): FinalMarksConflict | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const current = error.details?.['current'];
  const list = Array.isArray(current) ? current : current ? [current] : [];
  const ids = list
    .map((c) => (typeof c === 'object' && c !== null ? (c as Record<string, unknown>)['studentId'] : undefined))
    .filter((id): id is string => typeof id === 'string');
  const names = ids.map((id) => sheet.rows.find((r) => r.studentId === id)?.name).filter((n): n is string => n !== undefined);
  return { message: error.message, names };
}

/**
 * After a reload (a conflict): the teacher's own choices are kept where the page had changed
 * something (saving again puts them over the new versions), the rest follows the sheet as it is now.
 */
export function mergeDraft(before: FinalMarksSheet, draft: Draft, after: FinalMarksSheet): Draft {
  const next = draftOf(after);
  for (const change of changesOf(before, draft)) {
    if (next[change.studentId] !== undefined) next[change.studentId] = change.value ?? '';
  }
  return next;
}
