/**
 * The year-end archive (п. 7.1): a class's journal for the whole year — every journal of the class
 * and its subgroups with its lessons (topics, works, homework, who held them), each student's marks
 * and absences, and the final marks — as a printable document and as machine-readable JSON.
 * One journal Query over the year per journal (AP1) and the roster.
 */
import { formatDateRu } from '#shared/domain/dates.ts';
import { formatMarkValues } from '#shared/domain/mark.ts';
import { findWorkType } from '#shared/domain/work-types.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import type { RenderedReport, ReportDocument, ReportSection } from './export/report-document.ts';
import { journalsOf, loadJournals, staffNames, studentName, type ReportYear } from './report-data.ts';

export type ClassArchive = { document: ReportDocument; json: Record<string, unknown> };

/** Schema of the machine-readable archive, bumped when its shape changes. */
export const ARCHIVE_FORMAT = 'klassny.class-journal-archive/1';

export async function buildClassArchive(y: ReportYear, classId: string, now: Date): Promise<ClassArchive> {
  const schoolClass = y.structure.classes.find((c) => c.id === classId);
  if (!schoolClass) throw new NotFoundError('Такого класса нет.');
  const { startDate: from, endDate: to } = y.year;
  const [journals, names] = await Promise.all([loadJournals(journalsOf(y, from, to, { classIds: new Set([classId]) }), from, to), staffNames()]);
  const periods = y.structure.periods
    .filter((p) => p.grades.includes(schoolClass.grade))
    .sort((a, b) => Number(a.kind === 'year') - Number(b.kind === 'year') || a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate));
  const sections: ReportSection[] = [];
  for (const { ref, page, students } of journals) {
    const title = `${ref.groupName} · ${ref.subjectName}`;
    const lessons = [...page.lessons].sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
    sections.push({
      title: `${title}: уроки`,
      lead: `Учитель: ${names.get(ref.teacherId) ?? ref.teacherId}. Уроков проведено: ${lessons.filter((l) => l.status === 'conducted').length}.`,
      columns: [
        { title: 'Дата', kind: 'text', width: 9 },
        { title: 'Урок', kind: 'integer', width: 4 },
        { title: 'Тема урока', kind: 'text', width: 34 },
        { title: 'Работа', kind: 'text', width: 16 },
        { title: 'Домашнее задание', kind: 'text', width: 28 },
        { title: 'Отметка о проведении', kind: 'text', width: 16 },
      ],
      rows: lessons.map((l) => [
        formatDateRu(l.date),
        l.slot,
        l.topic ?? '',
        [findWorkType(y.workTypes, l.workTypeId)?.name, l.workTopic].filter(Boolean).join(': '),
        l.homework?.text ?? '',
        l.status === 'cancelled'
          ? `отменён${l.cancellationReason ? `: ${l.cancellationReason}` : ''}`
          : l.status === 'planned'
            ? 'не заполнен'
            : l.substituteTeacherId
              ? `замена: ${names.get(l.substituteTeacherId) ?? ''}`
              : l.isDistance
                ? 'дистанционно'
                : 'проведён',
      ]),
    });
    sections.push({
      title: `${title}: отметки и посещаемость`,
      columns: [
        { title: 'Ученик', kind: 'text', width: 22 },
        { title: 'Отметки (дата: отметка)', kind: 'text', width: 52 },
        { title: 'Пропущено уроков', kind: 'integer', width: 8 },
        ...periods.map((p) => ({ title: p.name, kind: 'text' as const, width: 7 })),
      ],
      rows: students.map((s) => {
        const marks = page.marks.filter((m) => m.studentId === s.studentId).sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
        const missed = page.attendance.filter((a) => a.studentId === s.studentId && y.attendanceCodes.find((c) => c.code === a.code)?.countsAsAbsence).length;
        return [
          studentName(s),
          marks.map((m) => `${formatDateRu(m.date).slice(0, 5)}: ${formatMarkValues(m.values)}`).join(', '),
          missed,
          ...periods.map((p) => page.finalMarks.find((f) => f.studentId === s.studentId && f.studyPeriodId === p.id)?.value ?? null),
        ];
      }),
    });
  }
  const yearName = `${y.year.startDate.slice(0, 4)}/${y.year.endDate.slice(0, 4)}`;
  const document: ReportDocument = {
    title: `Электронный журнал класса ${schoolClass.name}`,
    subtitle: `${yearName} учебный год · архивная копия`,
    schoolName: functionEnv().SCHOOL_NAME,
    generatedAt: now.toISOString(),
    timeZone: schoolTimeZone(),
    fileStem: `journal-archive-${y.year.id}-${schoolClass.grade}${latin(schoolClass.letter)}`,
    summary: [
      { label: 'Журналов', value: String(journals.length) },
      { label: 'Уроков проведено', value: String(journals.reduce((n, j) => n + j.page.lessons.filter((l) => l.status === 'conducted').length, 0)) },
      { label: 'Отметок', value: String(journals.reduce((n, j) => n + j.page.marks.length, 0)) },
    ],
    orientation: 'landscape',
    sections,
    notes: ['Архивная копия электронного журнала за учебный год (п. 7.1 Положения). Машиночитаемая копия того же журнала — файл JSON.'],
  };
  const json = {
    format: ARCHIVE_FORMAT,
    school: functionEnv().SCHOOL_NAME,
    academicYear: y.year,
    class: schoolClass,
    periods,
    generatedAt: now.toISOString(),
    journals: journals.map(({ ref, page, students }) => ({
      groupId: ref.groupId,
      subjectId: ref.subjectId,
      subjectName: ref.subjectName,
      groupName: ref.groupName,
      teacher: { id: ref.teacherId, name: names.get(ref.teacherId) ?? null },
      students: students.map((s) => ({ id: s.studentId, name: studentName(s), from: s.from, ...(s.to ? { to: s.to } : {}) })),
      lessons: page.lessons,
      marks: page.marks,
      attendance: page.attendance,
      finalMarks: page.finalMarks,
    })),
  };
  return { document, json };
}

const LATIN: Record<string, string> = { А: 'a', Б: 'b', В: 'v', Г: 'g', Д: 'd', Е: 'e', Ж: 'zh', З: 'z', И: 'i', К: 'k', Л: 'l', М: 'm', Н: 'n', О: 'o', П: 'p', Р: 'r', С: 's', Т: 't', У: 'u', Ф: 'f', Х: 'h', Э: 'e', Ю: 'yu', Я: 'ya' };
/** A class letter in a file name: «5А» → `5a`. */
export const latin = (letter: string) => [...letter.toUpperCase()].map((c) => LATIN[c] ?? (/[A-Z0-9]/.test(c) ? c.toLowerCase() : 'x')).join('');

/** The archive's machine-readable copy: UTF-8 JSON, the same stem as its PDF. */
export function archiveJson(archive: ClassArchive): RenderedReport {
  return { fileName: `${archive.document.fileStem}.json`, contentType: 'application/json; charset=utf-8', bytes: new TextEncoder().encode(JSON.stringify(archive.json, null, 1)) };
}
