import { parseClassId } from '#shared/domain/ids.ts';
import { defaultWorkTypes, type WorkType } from '#shared/domain/work-types.ts';
import type { SchoolClass } from '#shared/domain/school-class.ts';
import type { Subgroup } from '#shared/domain/subgroup.ts';
import type { Subject } from '#shared/domain/subject.ts';
import { getSchoolReference, getYearStructure, type SchoolReference, type YearStructure } from '#functions/data/school-repository.ts';
import { NotFoundError } from '#functions/lib/errors.ts';

/** What a journal is about — class, optional subgroup, subject — resolved from the cached reference data (no extra query). */
export type JournalScope = {
  reference: SchoolReference;
  structure: YearStructure;
  schoolClass: SchoolClass;
  subgroup?: Subgroup;
  subject: Subject;
  workTypes: readonly WorkType[];
};

export async function resolveJournalScope(groupId: string, subjectId: string): Promise<JournalScope> {
  const reference = await getSchoolReference();
  const subject = reference.subjects.find((s) => s.id === subjectId);
  if (!subject) throw new NotFoundError('Такого предмета нет.');
  let academicYearId = parseClassId(groupId)?.academicYearId;
  // A subgroup id carries no year: look in the years from the newest.
  const years = academicYearId ? [academicYearId] : reference.years.map((y) => y.id).sort().reverse();
  for (const yearId of years) {
    const structure = await getYearStructure(yearId);
    const subgroup = structure.subgroups.find((s) => s.id === groupId);
    const classId = subgroup?.classId ?? groupId;
    const schoolClass = structure.classes.find((c) => c.id === classId);
    if (!schoolClass) continue;
    if (subgroup && subgroup.subjectId !== subjectId) throw new NotFoundError('Эта подгруппа создана для другого предмета.');
    academicYearId = yearId;
    return { reference, structure, schoolClass, subgroup, subject, workTypes: reference.settings?.workTypes ?? defaultWorkTypes };
  }
  throw new NotFoundError('Такого класса или подгруппы нет.');
}
