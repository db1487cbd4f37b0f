import { describe, expect, it } from 'vitest';
import {
  classScope,
  groupPeriods,
  missingChoice,
  monthOf,
  parseReportState,
  periodChoices,
  queryOfHash,
  reportHref,
  reportQuery,
  reportsFor,
  switchReport,
  type ReportAudience,
} from './report-query.ts';

const director: ReportAudience = { role: 'director', personId: 'p-dir', ledClasses: [] };
const coordinator: ReportAudience = { role: 'coordinator', personId: 'p-coord', ledClasses: [] };
const operator: ReportAudience = { role: 'operator', personId: 'p-op', ledClasses: [] };
/** The demo teacher: her own journals, and 5А as its class teacher. */
const classTeacher: ReportAudience = { role: 'teacher', personId: 'p-kuz', ledClasses: [{ classId: 'c-2026-05-А', className: '5А' }] };
const teacher: ReportAudience = { role: 'teacher', personId: 'p-t', ledClasses: [] };
const parent: ReportAudience = { role: 'parent', personId: 'p-par', ledClasses: [] };
const TODAY = '2026-12-07';

/** The state of an address, as the page reads it. */
const read = (hash: string, a: ReportAudience) => parseReportState(queryOfHash(hash), a);

describe('which reports a reader is offered (shared/authz/policy.ts)', () => {
  it('gives the director and the coordinator every report', () => {
    expect(reportsFor(director)).toHaveLength(8);
    expect(reportsFor(coordinator)).toEqual(reportsFor(director));
  });

  it('gives the operator attendance, accumulation, keeping, programme, substitutions and usage — no marks', () => {
    expect(reportsFor(operator)).toEqual(['attendance', 'mark-accumulation', 'journal-keeping', 'programme-completion', 'substitutions', 'usage']);
  });

  it('gives a teacher their own journals, and a class teacher their class too', () => {
    expect(reportsFor(teacher)).toEqual(['performance', 'mark-accumulation', 'journal-keeping', 'programme-completion', 'substitutions']);
    expect(reportsFor(classTeacher)).toEqual(reportsFor(director));
    expect(reportsFor(parent)).toEqual([]);
  });

  it('says whose journals each report covers', () => {
    expect(classScope('performance', director)).toBe('all-or-class');
    expect(classScope('summary-sheet', director)).toBe('class');
    expect(classScope('journal-keeping', operator)).toBe('none');
    expect(classScope('performance', classTeacher)).toBe('mine-or-class');
    expect(classScope('performance', teacher)).toBe('mine');
    expect(classScope('attendance', classTeacher)).toBe('class');
    expect(classScope('programme-completion', classTeacher)).toBe('mine');
  });
});

describe('the report and its filters in the address', () => {
  it('reads the report and its filters, and writes them back the same', () => {
    const hash = '#/reports?report=performance&periodId=2026-2027-q1&groupBy=subject&basis=final&classId=c-2026-05-%D0%90';
    const state = read(hash, director);
    expect(state).toEqual({ report: 'performance', periodId: '2026-2027-q1', classId: 'c-2026-05-А', groupBy: 'subject', basis: 'final', minAbsences: 0 });
    expect(read(reportHref(state!), director)).toEqual(state);
    expect(reportHref(state!)).toBe('#/reports?report=performance&periodId=2026-2027-q1&classId=c-2026-05-%D0%90&groupBy=subject&basis=final');
  });

  it('opens the first report offered, with the default filters, on a bare address', () => {
    expect(read('#/reports', director)).toEqual({ report: 'performance', groupBy: 'class', minAbsences: 0 });
    expect(reportHref(read('#/reports', director)!)).toBe('#/reports?report=performance&groupBy=class');
    expect(read('#/reports', operator)?.report).toBe('attendance');
    expect(read('#/reports', parent)).toBeNull();
  });

  it('drops what cannot be read, and what the report does not take', () => {
    const state = read('#/reports?report=performance&periodId=q1&groupBy=pupil&basis=x&minAbsences=3&from=2026-09-01&to=2026-09-30', director);
    expect(state).toEqual({ report: 'performance', groupBy: 'class', minAbsences: 0 });
    expect(read('#/reports?report=attendance&from=2026-09-01&to=soon&minAbsences=-2', director)).toEqual({ report: 'attendance', groupBy: 'class', minAbsences: 0 });
    expect(read('#/reports?report=attendance&from=2026-09-01&to=2026-09-30&minAbsences=5', director)).toMatchObject({ from: '2026-09-01', to: '2026-09-30', minAbsences: 5 });
  });

  it('refuses a report the reader may not have: the operator gets the first of theirs', () => {
    expect(read('#/reports?report=performance', operator)?.report).toBe('attendance');
    expect(read('#/reports?report=summary-sheet&classId=c-2026-05-А', teacher)?.report).toBe('performance');
  });

  it('keeps a teacher to the class they lead, and gives them it where a class is needed', () => {
    expect(read('#/reports?report=summary-sheet', classTeacher)?.classId).toBe('c-2026-05-А');
    expect(read('#/reports?report=summary-sheet&classId=c-2026-06-Б', classTeacher)?.classId).toBe('c-2026-05-А');
    // Performance: own journals unless the class is chosen.
    expect(read('#/reports?report=performance', classTeacher)?.classId).toBeUndefined();
    expect(read('#/reports?report=performance&classId=c-2026-05-А', classTeacher)?.classId).toBe('c-2026-05-А');
  });

  it('takes a student only with the summary sheet of a class', () => {
    expect(read('#/reports?report=summary-sheet&classId=c1&studentId=s1', director)).toMatchObject({ classId: 'c1', studentId: 's1' });
    expect(read('#/reports?report=summary-sheet&studentId=s1', director)?.studentId).toBeUndefined();
    expect(missingChoice(read('#/reports?report=summary-sheet', director)!)).toMatch(/Выберите класс/);
    expect(missingChoice(read('#/reports?report=summary-sheet&classId=c1', director)!)).toBeNull();
  });

  it('carries the period and the class to another report that takes them', () => {
    const performance = read('#/reports?report=performance&periodId=2026-2027-q2&classId=c1&groupBy=teacher', director)!;
    expect(switchReport(performance, 'attendance', director)).toEqual({ report: 'attendance', periodId: '2026-2027-q2', classId: 'c1', groupBy: 'class', minAbsences: 0 });
    expect(switchReport(performance, 'journal-keeping', director)).toEqual({ report: 'journal-keeping', periodId: '2026-2027-q2', groupBy: 'class', minAbsences: 0 });
    expect(switchReport(performance, 'usage', director)).toEqual({ report: 'usage', classId: 'c1', groupBy: 'class', minAbsences: 0 });
  });
});

describe('what each report asks the API (and its export)', () => {
  it('asks performance by the filters; a teacher’s own journals by their person', () => {
    const state = read('#/reports?report=performance&periodId=2026-2027-q1&groupBy=subject', director)!;
    expect(reportQuery(state, director, TODAY)).toEqual({ periodId: '2026-2027-q1', groupBy: 'subject' });
    const own = read('#/reports?report=performance', classTeacher)!;
    expect(reportQuery(own, classTeacher, TODAY)).toEqual({ teacherId: 'p-kuz', groupBy: 'class' });
    const theirClass = read('#/reports?report=performance&classId=c-2026-05-А', classTeacher)!;
    expect(reportQuery(theirClass, classTeacher, TODAY)).toEqual({ classId: 'c-2026-05-А', groupBy: 'class' });
  });

  it('asks attendance by dates when they are chosen, else by the period', () => {
    const byDates = read('#/reports?report=attendance&periodId=2026-2027-q1&from=2026-09-01&to=2026-09-30&minAbsences=4', director)!;
    expect(reportQuery(byDates, director, TODAY)).toEqual({ from: '2026-09-01', to: '2026-09-30', minAbsences: 4 });
    const byPeriod = read('#/reports?report=attendance&periodId=2026-2027-q1', director)!;
    expect(reportQuery(byPeriod, director, TODAY)).toEqual({ periodId: '2026-2027-q1' });
  });

  it('asks substitutions for this month unless dates are chosen; a teacher their own', () => {
    expect(reportQuery(read('#/reports?report=substitutions', director)!, director, TODAY)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(reportQuery(read('#/reports?report=substitutions&from=2026-11-01&to=2026-11-15', teacher)!, teacher, TODAY)).toEqual({
      from: '2026-11-01',
      to: '2026-11-15',
      teacherId: 'p-t',
    });
  });

  it('asks journal keeping and programme of the teacher’s own journals, of the school for the operator', () => {
    expect(reportQuery(read('#/reports?report=journal-keeping', classTeacher)!, classTeacher, TODAY)).toEqual({ teacherId: 'p-kuz' });
    expect(reportQuery(read('#/reports?report=programme-completion', operator)!, operator, TODAY)).toEqual({});
    expect(reportQuery(read('#/reports?report=usage', classTeacher)!, classTeacher, TODAY)).toEqual({ classId: 'c-2026-05-А' });
  });

  it('counts a month from its first to its last day', () => {
    expect(monthOf('2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthOf('2027-02-15')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthOf('2028-02-29')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('periods to choose from', () => {
  it('offers the year’s quarters, half-years and the year around the period answered', () => {
    const groups = periodChoices({ id: '2026-2027-q2', name: '2 четверть' });
    expect(groups.map((g) => [g.label, g.options.map((o) => o.id)])).toEqual([
      ['Четверти', ['2026-2027-q1', '2026-2027-q2', '2026-2027-q3', '2026-2027-q4']],
      ['Полугодия', ['2026-2027-h1', '2026-2027-h2']],
      ['Учебный год', ['2026-2027-y']],
    ]);
    expect(groups[0]?.options[0]?.name).toBe('1 четверть');
    expect(periodChoices({ id: '2026-2027-t1', name: 'I триместр' })[0]?.options.map((o) => o.name)).toEqual(['I триместр', '2 триместр', '3 триместр']);
  });

  it('groups the summary sheet’s own periods by kind', () => {
    const groups = groupPeriods([
      { id: '2026-2027-q1', name: '1 четверть' },
      { id: '2026-2027-q2', name: '2 четверть' },
      { id: '2026-2027-y', name: 'Год' },
    ]);
    expect(groups).toEqual([
      { label: 'Четверти', options: [{ id: '2026-2027-q1', name: '1 четверть' }, { id: '2026-2027-q2', name: '2 четверть' }] },
      { label: 'Учебный год', options: [{ id: '2026-2027-y', name: 'Год' }] },
    ]);
  });
});
