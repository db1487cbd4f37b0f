import { addDays, type IsoDate } from '../../shared/domain/dates.ts';
import { generateDemoSchool } from '../../infra/local/seed/demo-school/generate.ts';
import { schoolToday } from './demo-calendar.ts';

/**
 * The substitutions of the demo school the browser server seeded (infra/local/seed/demo-school/
 * changes.ts: a course day in September, illnesses in October and November; the substitute
 * keeps the lesson, п. 5.3). The seed is deterministic for a date, so it is generated here again
 * (about 8 s) instead of looking for substitutions on the pages. A substitute who is a demo
 * account carries its login; the others have no account until the operator issues them a code.
 */
export type DemoSubstitution = {
  lessonId: string;
  date: IsoDate;
  slot: number;
  /** `9Б`. */
  className: string;
  substituteId: string;
  /** `Фамилия Имя Отчество`, as the register lists staff. */
  substituteName: string;
  /** The demo login of the substitute (README: «Demo school and accounts»), when they are one. */
  substituteLogin?: string | undefined;
  /** The lesson's marks as the page shows them: the student's name and the values (`5`, `5/4`). */
  marks: { studentName: string; text: string }[];
  /** Attendance codes other than present. */
  attendance: { studentName: string; code: string }[];
};

/** The days `GET /api/me/journals` lists a teacher's substitutions for (functions/journal/my-journals.ts). */
export const LISTED_DAYS = { back: 14, ahead: 7 } as const;

let cached: { today: IsoDate; substitutions: DemoSubstitution[] } | undefined;

const nameOf = (p: { lastName: string; firstName: string; middleName?: string | undefined }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

/** Every substituted lesson held so far, in date and slot order. */
export function demoSubstitutions(today: IsoDate = schoolToday()): DemoSubstitution[] {
  if (cached?.today === today) return cached.substitutions;
  const school = generateDemoSchool({ today });
  const teachers = new Map(school.staff.teachers.map((t) => [t.person.id, nameOf(t.person)]));
  const students = new Map(school.people.students.map((s) => [s.person.id, nameOf(s.person)]));
  const classes = new Map(school.classes.map((c) => [c.cls.id, c.cls.name]));
  const logins = new Map(Object.entries(school.demoPersons).map(([login, personId]) => [personId, login]));
  const substitutions = school.lessons
    .map((r) => r.lesson)
    .filter((l) => l.substituteTeacherId !== undefined && l.date < today)
    .map((l) => ({
      lessonId: l.id,
      date: l.date,
      slot: l.slot,
      className: classes.get(l.classId) ?? '',
      substituteId: l.substituteTeacherId ?? '',
      substituteName: teachers.get(l.substituteTeacherId ?? '') ?? '',
      substituteLogin: logins.get(l.substituteTeacherId ?? ''),
      marks: school.marks
        .filter((m) => m.mark.lessonId === l.id)
        .map((m) => ({ studentName: students.get(m.mark.studentId) ?? '', text: m.mark.values.join('/') })),
      attendance: school.attendance
        .filter((a) => a.attendance.lessonId === l.id)
        .map((a) => ({ studentName: students.get(a.attendance.studentId) ?? '', code: a.attendance.code })),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
  cached = { today, substitutions };
  return substitutions;
}

/** Whether the journal list shows this substitution today (two weeks back to a week ahead). */
export function isListed(s: Pick<DemoSubstitution, 'date'>, today: IsoDate = schoolToday()): boolean {
  return s.date >= addDays(today, -LISTED_DAYS.back) && s.date <= addDays(today, LISTED_DAYS.ahead);
}
