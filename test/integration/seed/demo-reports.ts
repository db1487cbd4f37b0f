/**
 * The reports and control checks on the whole demo school (issue 11), run inside the seeded stack
 * of demo-seed.test.ts (one seed for both). Figures are recomputed here the long way — from the
 * class's final marks (AP7) and each student's own timeline (gsi1) rather than the journals the
 * reports read — so a wrong sum or a wrong join in the services shows.
 */
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { defaultAttendanceCodes } from '#shared/domain/attendance-codes.ts';
import { getClassFinalMarks } from '#functions/data/records-repository.ts';
import { getRoster } from '#functions/data/people-repository.ts';
import { getStudentTimeline } from '#functions/data/journal-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
import { listDueMail } from '#functions/data/mail-queue-repository.ts';
import { logger } from '#functions/lib/logger.ts';
import { runCheck } from '#functions/reports/control-checks.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { handler as deliverMail } from '#functions/scheduled/deliver-mail.ts';
import { api, signIn } from '../../support/local-stack.ts';

const CLASS = 'c-2026-05-А';
const Q1 = { id: '2026-2027-q1', from: '2026-09-01', to: '2026-10-23' };
/** 10:00 in Moscow on the Monday after the seed's "today" (29.11.2026). */
const MONDAY = new Date('2026-11-30T07:00:00Z');

export function demoReportCases(stack: () => LocalStack): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are checked field by field below
  const get = async (login: string, path: string): Promise<any> => {
    const res = await api(stack(), path, { token: await signIn(stack(), login) });
    expect(res.status, `${path} as ${login}`).toBe(200);
    return res.json();
  };

  it('5А’s performance for the first quarter equals the figures counted by hand from its final marks (п. 7.3)', async () => {
    const report = await get('coordinator', `/api/reports/performance?periodId=${Q1.id}&classId=${CLASS}&basis=final`);
    const finals = await getClassFinalMarks(CLASS, Q1.id);
    // By hand: each student by their weakest final mark; СОУ and the average over every mark.
    const byStudent = new Map<string, string[]>();
    for (const f of finals) byStudent.set(f.studentId, [...(byStudent.get(f.studentId) ?? []), f.value]);
    let n = 0, excellent = 0, good = 0, failing = 0, notAttested = 0, points = 0, graded = 0, sum = 0, numeric = 0;
    for (const values of byStudent.values()) {
      const counted = values.filter((v) => v !== 'ОСВ');
      if (counted.length === 0) continue;
      n++;
      if (counted.includes('н/а')) notAttested++;
      else if (counted.some((v) => v === '2' || v === '1' || v === 'НЗ')) failing++;
      else if (counted.every((v) => v === '5' || v === 'ЗЧ')) excellent++;
      else if (counted.every((v) => v === '5' || v === '4' || v === 'ЗЧ')) good++;
      for (const v of counted) {
        const weight = { '5': 1, '4': 0.64, '3': 0.36, '2': 0.16, '1': 0.16, 'н/а': 0.07 }[v];
        if (weight !== undefined) { points += weight; graded++; }
        if (/^[1-5]$/.test(v)) { sum += Number(v); numeric++; }
      }
    }
    const row = report.rows.find((r: { key: string }) => r.key === CLASS);
    expect(report.basis).toBe('final');
    expect(n).toBeGreaterThan(20);
    expect(row).toMatchObject({
      n,
      n5: excellent,
      n4: good,
      n2: failing,
      nNa: notAttested,
      successRate: Math.round(((n - failing - notAttested) / n) * 1000) / 10,
      qualityRate: Math.round(((excellent + good) / n) * 1000) / 10,
      sou: Math.round((points / graded) * 1000) / 10,
      average: Math.round((sum / numeric) * 100) / 100,
    });
    expect(report.total).toMatchObject({ n: row.n, successRate: row.successRate });
  });

  it('5А’s attendance for the quarter matches each student’s own timeline (absences by code)', async () => {
    const report = await get('teacher', `/api/reports/attendance?periodId=${Q1.id}&classId=${CLASS}`);
    const absence = new Set(defaultAttendanceCodes.filter((c) => c.countsAsAbsence).map((c) => c.code));
    const roster = (await getRoster(CLASS)).filter((r) => r.from <= Q1.to && (!r.to || r.to >= Q1.from));
    expect(report.students).toHaveLength(roster.length);
    let checked = 0;
    for (const r of roster) {
      const { attendance } = await getStudentTimeline(r.studentId, Q1.from, Q1.to);
      const missed = attendance.filter((a) => absence.has(a.code)).length;
      const line = report.students.find((s: { studentId: string }) => s.studentId === r.studentId);
      expect(line.lessonsMissed, r.lastName).toBe(missed);
      if (missed > 0) checked++;
    }
    expect(checked).toBeGreaterThan(5);
    const cls = report.classes.find((c: { classId: string }) => c.classId === CLASS);
    expect(cls.lessonsMissed).toBe(report.students.reduce((n: number, s: { lessonsMissed: number }) => n + s.lessonsMissed, 0));
  });

  it('the summary sheet shows 5А’s final marks and a student’s report card to the class teacher', async () => {
    const sheet = await get('teacher', `/api/reports/summary-sheet?classId=${CLASS}&periodId=${Q1.id}`);
    const finals = await getClassFinalMarks(CLASS, Q1.id);
    const anna = sheet.students.find((s: { name: string }) => s.name.startsWith('Морозова Анна'));
    const hers = finals.filter((f) => f.studentId === anna.studentId);
    expect(hers.length).toBeGreaterThan(5);
    for (const f of hers) expect(anna.marks[Q1.id][f.subjectId]).toBe(f.value);
    const card = await get('teacher', `/api/reports/summary-sheet?classId=${CLASS}&periodId=${Q1.id}&studentId=${anna.studentId}`);
    expect(card.students).toHaveLength(1);
  });

  it('journal keeping finds the demo school’s deliberate problems (п. 5.2, 5.4)', async () => {
    const report = await get('operator', '/api/reports/journal-keeping?periodId=2026-2027-q2');
    // The 7Б algebra teacher's own report for both quarters: one of the control works lacks 3 marks.
    const reference = await getSchoolReference();
    const algebra = reference.subjects.find((s) => s.name === 'Алгебра')!;
    const structure = await getYearStructure('2026-2027');
    const teacherId = structure.assignments.find((a) => a.classId === 'c-2026-07-Б' && a.subjectId === algebra.id)!.teacherId;
    const own = await Promise.all(['2026-2027-q1', '2026-2027-q2'].map((p) => get('operator', `/api/reports/journal-keeping?periodId=${p}&teacherId=${teacherId}`)));
    const issues = (r: { rows: { problems: { issue: string }[] }[] }) => r.rows.flatMap((row) => row.problems.map((p) => p.issue));
    expect(issues(report).filter((p: string) => p.startsWith('не заполнен')).length).toBeGreaterThanOrEqual(6);
    expect(own.flatMap(issues).some((p: string) => /нет отметок у 3 присутствовавших/.test(p))).toBe(true);
    expect(report.rows.filter((r: { filledLate: number }) => r.filledLate >= 3).length).toBeGreaterThanOrEqual(2);
    const programme = await get('coordinator', '/api/reports/programme-completion?periodId=2026-2027-q2');
    const physics = programme.rows.find((r: { groupName: string; subjectName: string }) => r.groupName === '8Б' && r.subjectName === 'Физика');
    expect(physics.lag).toBeGreaterThan(2);
  }, 120_000);

  it('exports a report as PDF with Cyrillic text and as XLSX with real numbers', async () => {
    const token = await signIn(stack(), 'coordinator');
    const exportAs = async (format: string) => {
      const res = await api(stack(), '/api/reports/export', { token, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ report: 'performance', format, query: { periodId: Q1.id, basis: 'final', classId: CLASS, groupBy: 'subject' } }) });
      expect(res.status).toBe(200);
      const { url, fileName } = (await res.json()) as { url: string; fileName: string };
      const file = await fetch(url);
      expect(file.status).toBe(200);
      return { fileName, bytes: new Uint8Array(await file.arrayBuffer()) };
    };
    const pdf = await exportAs('pdf');
    expect(pdf.fileName).toMatch(/\.pdf$/);
    const text = (await new PDFParse({ data: pdf.bytes }).getText()).text;
    expect(text).toContain('Успеваемость и качество знаний');
    expect(text).toContain('Математика');
    const xlsx = await exportAs('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flat());
    expect(cells).toContain('Математика');
    expect(cells.some((c) => typeof c === 'number')).toBe(true);
  }, 60_000);

  it('the period’s control справка run twice queues one e-mail to the director, with the PDF and XLSX attached (п. 7.3, 7.4)', async () => {
    const log = logger.child({ test: 'period-control' });
    const first = await runCheck('period-control', MONDAY, log);
    const second = await runCheck('period-control', MONDAY, log);
    expect(first).toMatchObject({ created: true, report: { periodKey: Q1.id } });
    expect(second).toMatchObject({ created: false, report: { id: first.report!.id } });
    const director = functionEnv().DIRECTOR_EMAIL;
    const due = (await listDueMail(new Date('2100-01-01'), 1000)).filter((m) => m.purpose === 'control:period-control' && m.to.includes(director));
    expect(due).toHaveLength(1);
    expect(due[0]!.subject).toBe('Справка по итогам периода: 1 четверть');
    expect(due[0]!.text).toContain('Успеваемость');
    await deliverMail();
    const outbox = (await (await fetch(`http://127.0.0.1:${stack().port}/outbox/messages.json`)).json()) as { to: string[]; subject: string; attachments: { fileName: string }[] }[];
    const sent = outbox.filter((m) => m.to.includes(director) && m.subject === 'Справка по итогам периода: 1 четверть');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attachments.map((a) => a.fileName.split('.').pop()).sort()).toEqual(['pdf', 'xlsx']);
  }, 120_000);

  it('the daily check and the final-marks check each report once per their period', async () => {
    const log = logger.child({ test: 'daily' });
    const daily = await runCheck('daily-fill-check', MONDAY, log);
    expect(daily).toMatchObject({ created: true, report: { periodKey: '2026-11-30' } });
    expect(Number(daily.report!.summary[0]!.value)).toBeGreaterThanOrEqual(6);
    expect((await runCheck('daily-fill-check', MONDAY, log)).created).toBe(false);
    const finals = await runCheck('final-marks-check', MONDAY, log);
    expect(finals).toMatchObject({ created: true, report: { periodKey: Q1.id } });
    const list = await get('director', '/api/control-reports');
    expect(list.reports.map((r: { check: string }) => r.check)).toEqual(expect.arrayContaining(['period-control', 'daily-fill-check', 'final-marks-check']));
    const file = await fetch(list.reports[0].files.find((f: { format: string }) => f.format === 'pdf').url);
    expect(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  }, 120_000);

  it('two runs of a check at the same moment make one report and one e-mail (a race on the report item)', async () => {
    const at = new Date('2026-12-01T05:00:00Z');
    const log = logger.child({ test: 'race' });
    const runs = await Promise.all([runCheck('daily-fill-check', at, log), runCheck('daily-fill-check', at, log), runCheck('daily-fill-check', at, log)]);
    expect(runs.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(runs.map((r) => r.report?.id))).toEqual(new Set(['daily-fill-check:2026-12-01']));
    const operator = (await listDueMail(new Date('2100-01-01'), 1000)).filter((m) => m.purpose === 'control:daily-fill-check' && m.subject.endsWith('01.12.2026'));
    expect(operator).toHaveLength(1);
  }, 120_000);

  it('a class’s journal of the year comes out as a PDF archive and as machine-readable JSON (п. 7.1)', async () => {
    const token = await signIn(stack(), 'teacher');
    const exportAs = async (format: string) => {
      const res = await api(stack(), '/api/reports/export', { token, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ report: 'journal-archive', format, query: { classId: CLASS } }) });
      expect(res.status).toBe(200);
      const { url, fileName } = (await res.json()) as { url: string; fileName: string };
      return { fileName, bytes: new Uint8Array(await (await fetch(url)).arrayBuffer()) };
    };
    const json = await exportAs('json');
    expect(json.fileName).toBe('journal-archive-2026-2027-5a.json');
    const archive = JSON.parse(new TextDecoder().decode(json.bytes)) as { format: string; journals: { subjectName: string; groupId: string; subjectId: string; marks: unknown[]; lessons: unknown[] }[] };
    expect(archive.format).toBe('klassny.class-journal-archive/1');
    const maths = archive.journals.find((j) => j.subjectName === 'Математика')!;
    const { getJournal } = await import('#functions/data/journal-repository.ts');
    const page = await getJournal(maths.groupId, maths.subjectId, '2026-09-01', '2027-05-31');
    expect(maths.marks).toHaveLength(page.marks.length);
    expect(maths.lessons).toHaveLength(page.lessons.length);
    const pdf = await exportAs('pdf');
    const text = (await new PDFParse({ data: pdf.bytes }).getText()).text;
    expect(text).toContain('Электронный журнал класса 5А');
    expect(text).toContain('Математика: отметки и посещаемость');
    // The archive waits for the year's end; the administration's button says so in Russian.
    const early = await api(stack(), '/api/control-checks/year-end-archive/run', { token: await signIn(stack(), 'director'), method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(early.status).toBe(404);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain('после окончания учебного года');
  }, 120_000);
}
