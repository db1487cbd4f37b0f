/**
 * «Отчёты»: which reports a person is offered, the report and its filters as the page's address
 * (`#/reports?report=performance&periodId=2026-2027-q1&groupBy=class`, so a link can be shared
 * and Back returns to the previous choice), and the query each report and its export send. Who may
 * read what is the API's (shared/authz/policy.ts); this only offers what it would allow. Pure.
 */
import type { ReportKind } from '#shared/api/control.ts';
import { parseStudyPeriodId, studyPeriodIdOf, studyPeriodKindInfo, studyPeriodName, type StudyPeriodKind } from '#shared/domain/study-period-ids.ts';
import { addDays, isIsoDate } from './dates.ts';
import type { OperationInput } from './operations.ts';
import type { Role } from './roles.ts';

/** The reports shown on screen (the journal archive is a file only, made by the year-end check). */
export type ScreenReport = Exclude<ReportKind, 'journal-archive'>;
export type GroupBy = 'class' | 'subject' | 'teacher';
export type Basis = 'final' | 'current';
/** A screen report's files (JSON is the journal archive's only). */
export type ExportFormat = 'csv' | 'xlsx' | 'pdf' | 'json';
/** The union of the reports' queries (exportReport's `query`): each report reads what it takes. */
export type ReportQuery = NonNullable<OperationInput<'exportReport'>['body']['query']>;

/** In the order the switcher shows them. */
export const REPORT_KINDS: readonly ScreenReport[] = [
  'performance',
  'summary-sheet',
  'attendance',
  'mark-accumulation',
  'journal-keeping',
  'programme-completion',
  'substitutions',
  'usage',
];

export const REPORT_TITLES: Record<ScreenReport, string> = {
  performance: 'Успеваемость и качество',
  'summary-sheet': 'Сводная ведомость',
  attendance: 'Посещаемость',
  'mark-accumulation': 'Накопляемость отметок',
  'journal-keeping': 'Ведение журнала',
  'programme-completion': 'Выполнение программы',
  substitutions: 'Замены',
  usage: 'Использование дневника',
};

export const GROUP_BY_LABELS: Record<GroupBy, string> = { class: 'по классам', subject: 'по предметам', teacher: 'по учителям' };

/** Who is reading: the role chosen, their person and the classes they lead (from /api/me). */
export type ReportAudience = {
  role: Role;
  personId?: string | undefined;
  ledClasses: readonly { classId: string; className: string }[];
};

/** The administration reads every report of the school (п. 4.1, 7.3). */
const overseer = (a: ReportAudience) => a.role === 'director' || a.role === 'coordinator';
const OPERATOR_REPORTS: readonly ScreenReport[] = ['attendance', 'mark-accumulation', 'journal-keeping', 'programme-completion', 'substitutions', 'usage'];
/** A teacher's own journals (teacherId = their person). */
const OWN_REPORTS: readonly ScreenReport[] = ['performance', 'mark-accumulation', 'journal-keeping', 'programme-completion', 'substitutions'];
/** A class teacher's class (classId). */
const CLASS_REPORTS: readonly ScreenReport[] = ['performance', 'summary-sheet', 'attendance', 'mark-accumulation', 'usage'];

/** The reports offered, in the switcher's order (the API would refuse the others). */
export function reportsFor(a: ReportAudience): ScreenReport[] {
  if (overseer(a)) return [...REPORT_KINDS];
  if (a.role === 'operator') return REPORT_KINDS.filter((k) => OPERATOR_REPORTS.includes(k));
  if (a.role !== 'teacher') return [];
  return REPORT_KINDS.filter(
    (k) => (a.personId !== undefined && OWN_REPORTS.includes(k)) || (a.ledClasses.length > 0 && CLASS_REPORTS.includes(k)),
  );
}

/**
 * What the «Класс» choice means for a report and reader:
 * - `all-or-class`: the school, or one class («Все классы»);
 * - `class`: one class is required (the summary sheet; a class teacher's attendance and usage);
 * - `mine-or-class`: a teacher's own journals («Мои журналы») or the class they lead;
 * - `mine`: a teacher's own journals, nothing to choose;
 * - `none`: the school, nothing to choose.
 */
export type ClassScope = 'all-or-class' | 'class' | 'mine-or-class' | 'mine' | 'none';

export function classScope(kind: ScreenReport, a: ReportAudience): ClassScope {
  if (kind === 'summary-sheet') return 'class';
  if (a.role === 'teacher') {
    const own = a.personId !== undefined && OWN_REPORTS.includes(kind);
    const led = a.ledClasses.length > 0 && CLASS_REPORTS.includes(kind);
    return own && led ? 'mine-or-class' : own ? 'mine' : 'class';
  }
  return kind === 'journal-keeping' || kind === 'substitutions' ? 'none' : 'all-or-class';
}

/** The report and its filters, as the address keeps them. */
export type ReportState = {
  report: ScreenReport;
  periodId?: string | undefined;
  classId?: string | undefined;
  studentId?: string | undefined;
  groupBy: GroupBy;
  basis?: Basis | undefined;
  from?: string | undefined;
  to?: string | undefined;
  minAbsences: number;
};

/** The address keys each report takes (others are dropped when switching). */
const KEYS: Record<ScreenReport, readonly (keyof ReportState)[]> = {
  performance: ['periodId', 'classId', 'groupBy', 'basis'],
  'summary-sheet': ['classId', 'periodId', 'studentId'],
  attendance: ['periodId', 'classId', 'from', 'to', 'minAbsences'],
  'mark-accumulation': ['periodId', 'classId'],
  'journal-keeping': ['periodId'],
  'programme-completion': ['periodId', 'classId'],
  substitutions: ['from', 'to'],
  usage: ['classId'],
};

export function takes(kind: ScreenReport, key: keyof ReportState): boolean {
  return KEYS[kind].includes(key);
}

const PERIOD_ID = /^\d{4}-\d{4}-(q[1-4]|t[1-3]|h[12]|y)$/;
const ID = /^[^\s/?#&]{1,100}$/;

/** The part of a hash after `?`: `#/reports?report=usage` → `report=usage`. */
export function queryOfHash(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

/** The first and last day of the month of `today`: substitutions are counted by month, for pay. */
export function monthOf(today: string): { from: string; to: string } {
  const from = `${today.slice(0, 8)}01`;
  const next = addDays(from, 32);
  return { from, to: addDays(`${next.slice(0, 8)}01`, -1) };
}

/**
 * The state of an address's query for this reader: an unknown or refused report becomes the
 * first one offered, an unreadable value is dropped, a class the teacher does not lead too; a
 * class teacher's class-only report gets their (first) class.
 */
export function parseReportState(query: string, a: ReportAudience): ReportState | null {
  const offered = reportsFor(a);
  if (offered.length === 0) return null;
  const params = new URLSearchParams(query);
  const get = (key: string) => params.get(key) ?? undefined;
  const asked = get('report');
  const report = offered.find((k) => k === asked) ?? offered[0]!;
  const state: ReportState = { report, groupBy: 'class', minAbsences: 0 };
  const periodId = get('periodId');
  if (takes(report, 'periodId') && periodId && PERIOD_ID.test(periodId)) state.periodId = periodId;
  const scope = classScope(report, a);
  const classId = get('classId');
  if (takes(report, 'classId') && scope !== 'mine' && scope !== 'none' && classId && ID.test(classId)) {
    if (a.role !== 'teacher' || a.ledClasses.some((c) => c.classId === classId)) state.classId = classId;
  }
  if (scope === 'class' && state.classId === undefined && a.role === 'teacher') state.classId = a.ledClasses[0]?.classId;
  const studentId = get('studentId');
  if (takes(report, 'studentId') && state.classId && studentId && ID.test(studentId)) state.studentId = studentId;
  const groupBy = get('groupBy');
  if (report === 'performance' && (groupBy === 'subject' || groupBy === 'teacher')) state.groupBy = groupBy;
  const basis = get('basis');
  if (report === 'performance' && (basis === 'final' || basis === 'current')) state.basis = basis;
  const from = get('from');
  const to = get('to');
  if (takes(report, 'from') && from && to && isIsoDate(from) && isIsoDate(to)) {
    state.from = from;
    state.to = to;
  }
  const min = Number(get('minAbsences') ?? '0');
  if (report === 'attendance' && Number.isInteger(min) && min > 0 && min <= 1000) state.minAbsences = min;
  return state;
}

/** The page's address for a state: the report, then its filters (defaults left out, `groupBy` kept). */
export function reportHref(state: ReportState): string {
  const params = new URLSearchParams({ report: state.report });
  for (const key of KEYS[state.report]) {
    const value = state[key];
    if (value === undefined || value === '' || (key === 'minAbsences' && value === 0)) continue;
    params.set(key, String(value));
  }
  return `#/reports?${params.toString()}`;
}

/** Another report: the period and the class go along where the new one takes them (and the reader may). */
export function switchReport(state: ReportState, report: ScreenReport, a: ReportAudience): ReportState {
  const keep = new URLSearchParams({ report });
  if (state.periodId && takes(report, 'periodId')) keep.set('periodId', state.periodId);
  if (state.classId && takes(report, 'classId')) keep.set('classId', state.classId);
  if (state.from && state.to && takes(report, 'from')) {
    keep.set('from', state.from);
    keep.set('to', state.to);
  }
  return parseReportState(keep.toString(), a) ?? state;
}

/**
 * What the report's operation (and its export) is asked: only the keys the report takes; a
 * teacher's own journals by `teacherId`; substitutions over the chosen dates or this month.
 */
export function reportQuery(state: ReportState, a: ReportAudience, today: string): ReportQuery {
  const scope = classScope(state.report, a);
  const mine = a.role === 'teacher' && (scope === 'mine' || (scope === 'mine-or-class' && state.classId === undefined));
  const teacherId = mine ? a.personId : undefined;
  const q: ReportQuery = {};
  const set = <K extends keyof ReportQuery>(key: K, value: ReportQuery[K] | undefined) => {
    if (value !== undefined) q[key] = value;
  };
  switch (state.report) {
    case 'performance':
      set('periodId', state.periodId);
      set('classId', state.classId);
      set('teacherId', teacherId);
      set('groupBy', state.groupBy);
      set('basis', state.basis);
      break;
    case 'summary-sheet':
      set('classId', state.classId);
      set('periodId', state.periodId);
      set('studentId', state.studentId);
      break;
    case 'attendance':
      // Dates win over the period (the API reads the period when both come).
      if (state.from && state.to) {
        set('from', state.from);
        set('to', state.to);
      } else set('periodId', state.periodId);
      set('classId', state.classId);
      if (state.minAbsences > 0) set('minAbsences', state.minAbsences);
      break;
    case 'mark-accumulation':
    case 'programme-completion':
      set('periodId', state.periodId);
      set('classId', state.classId);
      set('teacherId', teacherId);
      break;
    case 'journal-keeping':
      set('periodId', state.periodId);
      set('teacherId', teacherId);
      break;
    case 'substitutions': {
      const month = monthOf(today);
      set('from', state.from ?? month.from);
      set('to', state.to ?? month.to);
      set('teacherId', teacherId);
      break;
    }
    case 'usage':
      set('classId', state.classId);
      break;
  }
  return q;
}

/** What still has to be chosen before the report can be asked for (the summary sheet's class). */
export function missingChoice(state: ReportState): string | null {
  if (state.report === 'summary-sheet' && !state.classId) return 'Выберите класс, чтобы увидеть его сводную ведомость.';
  return null;
}

// ── periods ──────────────────────────────────────────────────────────────

export type PeriodOption = { id: string; name: string };
export type PeriodGroup = { label: string; options: PeriodOption[] };

const GROUP_LABELS: Record<StudyPeriodKind, string> = { quarter: 'Четверти', trimester: 'Триместры', 'half-year': 'Полугодия', year: 'Учебный год' };

/**
 * The periods to choose from, around the one a report answered: the year's periods of its kind,
 * with the half-years beside quarters (the senior grades' periods, as schools usually have them)
 * and the year. No operation lists a year's periods yet: one the school does not have is refused
 * by the API with its message. The answered period keeps its own name.
 */
export function periodChoices(current: { id: string; name: string }): PeriodGroup[] {
  const p = parseStudyPeriodId(current.id);
  if (!p) return [{ label: 'Период', options: [{ id: current.id, name: current.name }] }];
  const kinds: StudyPeriodKind[] = p.kind === 'trimester' ? ['trimester', 'year'] : ['quarter', 'half-year', 'year'];
  return kinds.map((kind) => ({
    label: GROUP_LABELS[kind],
    options: Array.from({ length: studyPeriodKindInfo[kind].count }, (_, i) => {
      const id = studyPeriodIdOf(p.academicYearId, kind, i + 1);
      return { id, name: id === current.id ? current.name : studyPeriodName(kind, i + 1) };
    }),
  }));
}

/** The summary sheet's own periods (those of the class's grades that have begun), grouped the same way. */
export function groupPeriods(periods: readonly { id: string; name: string }[]): PeriodGroup[] {
  const groups = new Map<string, PeriodOption[]>();
  for (const period of periods) {
    const kind = parseStudyPeriodId(period.id)?.kind;
    const label = kind ? GROUP_LABELS[kind] : 'Периоды';
    groups.set(label, [...(groups.get(label) ?? []), { id: period.id, name: period.name }]);
  }
  return [...groups.entries()].map(([label, options]) => ({ label, options }));
}
