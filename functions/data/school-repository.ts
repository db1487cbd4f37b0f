/**
 * Reference data and the year's structure. Each is one partition, read whole with one Query
 * and kept in the function's memory for a short while: every request needs them (work types,
 * periods, who teaches what) and they change a few times a year.
 */
import type { AcademicYear } from '#shared/domain/academic-year.ts';
import type { BellSchedule } from '#shared/domain/bell-schedule.ts';
import type { ClassTeacher } from '#shared/domain/class-teacher.ts';
import type { CurriculumLine } from '#shared/domain/curriculum.ts';
import type { SchoolClass } from '#shared/domain/school-class.ts';
import type { SchoolSettings } from '#shared/domain/school-settings.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import type { Subgroup } from '#shared/domain/subgroup.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { TeachingAssignment } from '#shared/domain/teaching-assignment.ts';
import { keys } from './keys.ts';
import { queryPrefix, stripKeys, type StoredItem } from './query.ts';

export type SchoolReference = {
  settings?: SchoolSettings;
  years: AcademicYear[];
  subjects: Subject[];
  bells: BellSchedule[];
};

export type YearStructure = {
  academicYearId: string;
  periods: StudyPeriod[];
  classes: SchoolClass[];
  subgroups: Subgroup[];
  assignments: TeachingAssignment[];
  classTeachers: ClassTeacher[];
  curriculum: CurriculumLine[];
};

/** How long reference data may be served from memory; a change shows everywhere within it. */
export const REFERENCE_TTL_MS = 60_000;

type Cached<T> = { at: number; value: Promise<T> };
const cache = new Map<string, Cached<unknown>>();

function cached<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = cache.get(key) as Cached<T> | undefined;
  if (hit && now - hit.at < REFERENCE_TTL_MS) return hit.value;
  const value = load();
  cache.set(key, { at: now, value });
  value.catch(() => cache.delete(key));
  return value;
}

/** After a write to reference data in this container: the next read goes to the table. */
export function forgetReference(): void {
  cache.clear();
}

export function settingsItem(settings: SchoolSettings): StoredItem {
  return { ...keys.schoolSettings(), type: 'SchoolSettings', ...settings };
}
export function yearItem(year: AcademicYear): StoredItem {
  return { ...keys.academicYear(year.id), type: 'AcademicYear', ...year };
}
export function subjectItem(subject: Subject): StoredItem {
  return { ...keys.subject(subject.id), type: 'Subject', ...subject };
}
export function bellsItem(bells: BellSchedule): StoredItem {
  return { ...keys.bellSchedule(bells.id), type: 'BellSchedule', ...bells };
}
export function periodItem(p: StudyPeriod): StoredItem {
  return { ...keys.studyPeriod(p.academicYearId, p.id), type: 'StudyPeriod', ...p };
}
export function classItem(c: SchoolClass): StoredItem {
  return { ...keys.schoolClass(c.academicYearId, c.id), type: 'SchoolClass', ...c };
}
export function subgroupItem(academicYearId: string, s: Subgroup): StoredItem {
  return { ...keys.subgroup(academicYearId, s.id), type: 'Subgroup', ...s };
}
export function assignmentItem(a: TeachingAssignment): StoredItem {
  return {
    ...keys.assignment(a.academicYearId, a.id),
    ...keys.assignmentByTeacher(a.teacherId, a.academicYearId, a.id),
    type: 'TeachingAssignment',
    ...a,
  };
}
export function classTeacherItem(ct: ClassTeacher): StoredItem {
  return { ...keys.classTeacher(ct.academicYearId, ct.classId, ct.id), type: 'ClassTeacher', ...ct };
}
export function curriculumItem(academicYearId: string, line: CurriculumLine): StoredItem {
  return { ...keys.curriculumLine(academicYearId, line.grade, line.subjectId), type: 'CurriculumLine', ...line };
}

/** School reference: Query pk = SCHOOL (settings, years, subjects, bells). Cached. */
export function getSchoolReference(): Promise<SchoolReference> {
  return cached('school', async () => {
    const out: SchoolReference = { years: [], subjects: [], bells: [] };
    for (const item of await queryPrefix({ name: 'pk', value: 'SCHOOL' }, 'sk', '')) {
      if (item.type === 'SchoolSettings') out.settings = stripKeys(item);
      else if (item.type === 'AcademicYear') out.years.push(stripKeys(item));
      else if (item.type === 'Subject') out.subjects.push(stripKeys(item));
      else if (item.type === 'BellSchedule') out.bells.push(stripKeys(item));
    }
    return out;
  });
}

/** A year's structure: Query pk = YEAR#<year> (periods, classes, subgroups, assignments, class teachers, curriculum). Cached. */
export function getYearStructure(academicYearId: string): Promise<YearStructure> {
  return cached(`year:${academicYearId}`, async () => {
    const out: YearStructure = { academicYearId, periods: [], classes: [], subgroups: [], assignments: [], classTeachers: [], curriculum: [] };
    for (const item of await queryPrefix({ name: 'pk', value: `YEAR#${academicYearId}` }, 'sk', '')) {
      switch (item.type) {
        case 'StudyPeriod': out.periods.push(stripKeys(item)); break;
        case 'SchoolClass': out.classes.push(stripKeys(item)); break;
        case 'Subgroup': out.subgroups.push(stripKeys(item)); break;
        case 'TeachingAssignment': out.assignments.push(stripKeys(item)); break;
        case 'ClassTeacher': out.classTeachers.push(stripKeys(item)); break;
        case 'CurriculumLine': out.curriculum.push(stripKeys(item)); break;
      }
    }
    return out;
  });
}

