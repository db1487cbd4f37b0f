/**
 * Classes of the year and their subgroups: three parallels in grades 1–7, two in 8–11
 * (29 classes), each class with two subgroups per split subject (п. 5.5).
 */
import { classIdOf } from '#shared/domain/ids.ts';
import { classDisplayName } from '#shared/domain/school-class.ts';
import { CURRICULUM, isSplit, subjectDef, type SubjectKey } from './curriculum.ts';
import type { ClassInfo, IdMaker } from './model.ts';

export const PARALLELS: Record<number, string[]> = {
  1: ['А', 'Б', 'В'], 2: ['А', 'Б', 'В'], 3: ['А', 'Б', 'В'], 4: ['А', 'Б', 'В'], 5: ['А', 'Б', 'В'], 6: ['А', 'Б', 'В'],
  7: ['А', 'Б', 'В'], 8: ['А', 'Б'], 9: ['А', 'Б'], 10: ['А', 'Б'], 11: ['А', 'Б'],
};

const SUBGROUP_LABEL: Partial<Record<SubjectKey, string>> = { eng: 'Англ. яз.', tech: 'Труд', inf: 'Информатика' };

export function buildClasses(academicYearId: string, ids: IdMaker, subjectIds: Record<SubjectKey, string>): ClassInfo[] {
  const out: ClassInfo[] = [];
  for (let grade = 1; grade <= 11; grade++) {
    for (const letter of PARALLELS[grade]!) {
      const id = classIdOf(academicYearId, grade, letter);
      const info: ClassInfo = {
        cls: { id, academicYearId, grade, letter, name: classDisplayName(grade, letter), shift: 1 },
        grade,
        letter,
        students: [],
        subgroups: {},
      };
      for (const [key] of CURRICULUM[grade]!) {
        if (!isSplit(key, grade)) continue;
        const label = SUBGROUP_LABEL[key] ?? subjectDef(key).shortName;
        info.subgroups[key] = [1, 2].map((number) => ({
          id: ids.next('subgroup'),
          classId: id,
          subjectId: subjectIds[key],
          number,
          name: `${label}, гр. ${number}`,
          archived: false,
        }));
      }
      out.push(info);
    }
  }
  return out;
}
