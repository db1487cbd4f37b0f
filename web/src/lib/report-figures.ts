/**
 * What the reports' screens show above and beside their tables: the key figures (totals the
 * API's rows add up to) and the rows of their bar charts. The API computes every rate of a row;
 * the page only adds up counts. Pure.
 */
import type {
  AttendanceReport,
  JournalKeepingReport,
  MarkAccumulationReport,
  PerformanceFigures,
  PerformanceReport,
  ProgrammeCompletionReport,
  SubstitutionReport,
  UsageReport,
} from '#shared/api/reports.ts';
import { plural } from './format.ts';
import { formatCount, formatMark, formatPercent, percentOf } from './report-format.ts';

export type KeyFigure = { label: string; value: string };

/** A bar chart's row: its label, one value per series (null: nothing counted), and whether it needs attention. */
export type ChartRow = { key: string; label: string; values: (number | null)[]; marked?: boolean };

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

// ── performance (п. 2.3, 7.3) ────────────────────────────────────────────

export function performanceFigures(total: PerformanceFigures, groupBy: PerformanceReport['groupBy']): KeyFigure[] {
  return [
    { label: 'Успеваемость', value: formatPercent(total.successRate) },
    { label: 'Качество', value: formatPercent(total.qualityRate) },
    { label: 'СОУ', value: formatPercent(total.sou) },
    { label: 'Средний балл', value: formatMark(total.average) },
    { label: groupBy === 'class' ? 'Учеников учтено' : 'Результатов учтено', value: formatCount(total.n) },
  ];
}

export function performanceChart(report: Pick<PerformanceReport, 'rows'>): ChartRow[] {
  return report.rows.map((r) => ({ key: r.key, label: r.label, values: [r.qualityRate, r.successRate] }));
}

/** «1 четверть (01.09.2026 — 24.10.2026), по итоговым отметкам периода». */
export function basisText(basis: PerformanceReport['basis']): string {
  return basis === 'final' ? 'по итоговым отметкам периода' : 'по текущим отметкам: средневзвешенный балл периода, округлённый';
}

// ── attendance (п. 2.3, 5.11) ────────────────────────────────────────────

export function attendanceFigures(report: AttendanceReport): KeyFigure[] {
  const listed = report.minAbsences > 0 ? `Учеников с пропусками от ${report.minAbsences} ${plural(report.minAbsences, 'урока', 'уроков', 'уроков')}` : 'Учеников с пропусками';
  return [
    { label: 'Пропущено уроков', value: formatCount(sum(report.classes, (c) => c.lessonsMissed)) },
    { label: 'Пропущено дней целиком', value: formatCount(sum(report.classes, (c) => c.daysMissed)) },
    { label: listed, value: formatCount(report.students.filter((s) => s.lessonsMissed > 0 && s.lessonsMissed >= report.minAbsences).length) },
    { label: 'Без уважительной причины', value: formatCount(sum(report.students, (s) => s.unexcused)) },
  ];
}

export function attendanceChart(report: Pick<AttendanceReport, 'classes'>): ChartRow[] {
  return report.classes.map((c) => ({ key: c.classId, label: c.className, values: [c.missedRate] }));
}

/** The school's codes that came up, in the API's order (the columns «по кодам»). */
export function usedCodes(report: Pick<AttendanceReport, 'codes' | 'classes'>): AttendanceReport['codes'] {
  return report.codes.filter((code) => report.classes.some((c) => (c.byCode[code.code] ?? 0) > 0));
}

// ── mark accumulation ────────────────────────────────────────────────────

export function accumulationFigures(report: MarkAccumulationReport): KeyFigure[] {
  const short = report.journals.filter((j) => j.tooFew.length > 0);
  return [
    { label: 'Журналов', value: formatCount(report.journals.length) },
    { label: 'Журналов с нехваткой отметок', value: formatCount(short.length) },
    { label: 'Учеников ниже минимума', value: formatCount(sum(short, (j) => j.tooFew.length)) },
    { label: 'Отметок в среднем на ученика', value: formatMark(averageOf(report.journals.map((j) => j.averagePerStudent))) },
  ];
}

function averageOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.round((sum(known, (v) => v) / known.length) * 100) / 100;
}

// ── journal keeping (п. 4.5, 5.2, 6.1) ───────────────────────────────────

export function keepingFigures(report: JournalKeepingReport): KeyFigure[] {
  const due = sum(report.rows, (r) => r.lessonsDue);
  return [
    { label: 'Уроков к сроку', value: formatCount(due) },
    { label: 'Заполнено вовремя', value: formatPercent(percentOf(sum(report.rows, (r) => r.filledOnTime), due)) },
    { label: 'Не заполнено', value: formatCount(sum(report.rows, (r) => r.notFilled)) },
    { label: 'Уроков без темы', value: formatCount(sum(report.rows, (r) => r.missingTopics)) },
    { label: 'Итоговых не выставлено', value: formatCount(sum(report.rows, (r) => r.finalsMissing)) },
  ];
}

export function keepingChart(report: Pick<JournalKeepingReport, 'rows'>): ChartRow[] {
  return report.rows.map((r) => ({ key: r.teacherId, label: r.teacherName, values: [r.onTimeRate], marked: r.notFilled > 0 }));
}

// ── programme completion (п. 7.4) ────────────────────────────────────────

/** Hours behind the plan beyond which a row is lagging (the API's LAG_TOLERANCE, as its contract says: more than 2). */
export const LAG_TOLERANCE = 2;
type ProgrammeRow = ProgrammeCompletionReport['rows'][number];

export function isLagging(row: Pick<ProgrammeRow, 'lag'>): boolean {
  return row.lag > LAG_TOLERANCE;
}

/** «отстаёт на 4 ч», «опережает на 3 ч»; null within the tolerance. */
export function lagText(row: Pick<ProgrammeRow, 'lag'>): string | null {
  if (row.lag > LAG_TOLERANCE) return `отстаёт на ${row.lag} ч`;
  if (row.lag < -LAG_TOLERANCE) return `опережает на ${-row.lag} ч`;
  return null;
}

export function programmeFigures(report: ProgrammeCompletionReport): KeyFigure[] {
  const planned = sum(report.rows, (r) => r.plannedHours);
  return [
    { label: 'Выполнение программы', value: formatPercent(percentOf(sum(report.rows, (r) => r.deliveredHours), planned)) },
    { label: 'Часов по плану', value: formatCount(planned) },
    { label: 'Отстают от плана', value: formatCount(report.rows.filter(isLagging).length) },
    { label: 'Контрольных проведено', value: `${formatCount(sum(report.rows, (r) => r.controlHeld))} из ${formatCount(sum(report.rows, (r) => r.controlPlanned))}` },
  ];
}

/** Up to this many rows the chart shows each; more (the whole school) are added up by class. */
export const PROGRAMME_CHART_ROWS = 30;

export function programmeChart(report: Pick<ProgrammeCompletionReport, 'rows'>): { byClass: boolean; rows: ChartRow[] } {
  if (report.rows.length <= PROGRAMME_CHART_ROWS) {
    return {
      byClass: false,
      rows: report.rows.map((r) => ({ key: `${r.groupId}#${r.subjectId}`, label: `${r.groupName} · ${r.subjectName}`, values: [r.completion], marked: isLagging(r) })),
    };
  }
  const classes = new Map<string, { label: string; planned: number; delivered: number; lagging: boolean }>();
  for (const r of report.rows) {
    const c = classes.get(r.classId) ?? { label: r.groupName.split(',')[0] ?? r.groupName, planned: 0, delivered: 0, lagging: false };
    c.planned += r.plannedHours;
    c.delivered += r.deliveredHours;
    c.lagging ||= isLagging(r);
    classes.set(r.classId, c);
  }
  return {
    byClass: true,
    rows: [...classes.entries()].map(([classId, c]) => ({ key: classId, label: c.label, values: [percentOf(c.delivered, c.planned)], marked: c.lagging })),
  };
}

// ── substitutions (п. 5.3, 5.5) ──────────────────────────────────────────

export function substitutionFigures(report: SubstitutionReport): KeyFigure[] {
  return [
    { label: 'Уроков замены', value: formatCount(sum(report.substitutions, (s) => s.lessons)) },
    { label: 'Заменяли учителей', value: formatCount(report.substitutions.length) },
    { label: 'Отменено уроков', value: formatCount(report.cancellations.length) },
  ];
}

// ── diary usage (п. 5.10) ────────────────────────────────────────────────

type UsageCounts = UsageReport['classes'][number]['students'];

export function usageTotals(report: Pick<UsageReport, 'classes'>): { students: UsageCounts; parents: UsageCounts } {
  const add = (pick: (c: UsageReport['classes'][number]) => UsageCounts): UsageCounts => ({
    people: sum(report.classes, (c) => pick(c).people),
    withAccount: sum(report.classes, (c) => pick(c).withAccount),
    active7: sum(report.classes, (c) => pick(c).active7),
    active30: sum(report.classes, (c) => pick(c).active30),
    neverSignedIn: sum(report.classes, (c) => pick(c).neverSignedIn),
  });
  return { students: add((c) => c.students), parents: add((c) => c.parents) };
}

export function usageFigures(report: Pick<UsageReport, 'classes'>): KeyFigure[] {
  const { students, parents } = usageTotals(report);
  return [
    { label: 'Родителей с учётной записью', value: formatPercent(percentOf(parents.withAccount, parents.people)) },
    { label: 'Родителей активны за 30 дней', value: formatPercent(percentOf(parents.active30, parents.people)) },
    { label: 'Учеников с учётной записью', value: formatPercent(percentOf(students.withAccount, students.people)) },
    { label: 'Ни разу не входили', value: formatCount(students.neverSignedIn + parents.neverSignedIn) },
  ];
}
