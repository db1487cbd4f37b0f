/**
 * The staff: director, coordinator (зам. директора, also teaches mathematics), operator, the
 * subject teachers by department, one primary teacher per primary class, and a newcomer
 * without assignments. Teaching load is dealt out per department in class order, so a
 * teacher keeps neighbouring classes (the demo teacher gets mathematics in 5А, 5Б, 5В), and
 * the two subgroups of a class always get different teachers (п. 5.5).
 */
import type { ClassTeacher } from '#shared/domain/class-teacher.ts';
import type { Person } from '#shared/domain/person.ts';
import type { TeachingAssignment } from '#shared/domain/teaching-assignment.ts';
import { CURRICULUM, DEPARTMENTS, departmentOf, isSplit, type Department, type SubjectKey } from './curriculum.ts';
import type { ClassInfo, IdMaker, Staff, Teacher } from './model.ts';
import { adultFirstName, randomPatronymic, randomSurname, surnameFor, transliterate, type FullName, type Gender } from './names.ts';
import type { Random } from './random.ts';

/** The demo accounts' people (names as in demo-accounts.ts). */
export const DEMO_NAMES = {
  director: { lastName: 'Воронцова', firstName: 'Елена', middleName: 'Викторовна' },
  coordinator: { lastName: 'Белов', firstName: 'Андрей', middleName: 'Сергеевич' },
  operator: { lastName: 'Соколова', firstName: 'Ирина', middleName: 'Павловна' },
  teacher: { lastName: 'Кузнецова', firstName: 'Марина', middleName: 'Алексеевна' },
  newcomer: { lastName: 'Новикова', firstName: 'Ольга', middleName: 'Николаевна' },
  parent: { lastName: 'Морозов', firstName: 'Дмитрий', middleName: 'Игоревич' },
  student: { lastName: 'Морозова', firstName: 'Анна', middleName: 'Дмитриевна' },
} as const;

export const fullNameKey = (n: Pick<FullName, 'lastName' | 'firstName'> & { middleName?: string | undefined }) =>
  `${n.lastName} ${n.firstName} ${n.middleName ?? ''}`;

/** Full names nobody else in the school may carry. */
export const RESERVED_NAMES = new Set(Object.values(DEMO_NAMES).map(fullNameKey));

type Bundle = { classInfo: ClassInfo; department: Department; group: number | null; subjects: [SubjectKey, number][]; hours: number };

export function buildStaff(
  rng: Random,
  ids: IdMaker,
  classes: ClassInfo[],
  subjectIds: Record<SubjectKey, string>,
  academicYearId: string,
  yearStart: string,
): Staff {
  const usedNames = new Set<string>(RESERVED_NAMES);
  const usedEmails = new Set<string>();
  const startYear = Number(yearStart.slice(0, 4));

  function email(name: FullName): string {
    const base = `${transliterate(name.lastName)}.${transliterate(name.firstName.charAt(0))}${transliterate(name.middleName.charAt(0))}`;
    let candidate = `${base}@school.example`;
    for (let n = 2; usedEmails.has(candidate); n++) candidate = `${base}${n}@school.example`;
    usedEmails.add(candidate);
    return candidate;
  }
  function phone(): string {
    return `+79${String(rng.int(10, 99))}${String(rng.int(1_000_000, 9_999_999))}`;
  }
  function person(name: FullName, gender: Gender, position: string): Person {
    const birthYear = startYear - rng.int(26, 62);
    return {
      id: ids.next('person'),
      kind: 'staff',
      ...name,
      gender,
      birthDate: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      contacts: { email: email(name), phone: phone() },
      position,
    };
  }
  function randomName(gender: Gender): FullName {
    for (;;) {
      const name = { lastName: surnameFor(randomSurname(rng), gender), firstName: adultFirstName(rng, gender), middleName: randomPatronymic(rng, gender) };
      if (!usedNames.has(fullNameKey(name))) {
        usedNames.add(fullNameKey(name));
        return name;
      }
    }
  }

  const director = person({ ...DEMO_NAMES.director }, 'female', 'директор');
  const operator = person({ ...DEMO_NAMES.operator }, 'female', 'школьный оператор электронного журнала');
  const coordinator: Teacher = {
    person: person({ ...DEMO_NAMES.coordinator }, 'male', 'заместитель директора по учебно-воспитательной работе, учитель математики'),
    department: 'math',
    room: '316',
    load: 0,
    role: 'coordinator',
  };
  const demoTeacher: Teacher = {
    person: person({ ...DEMO_NAMES.teacher }, 'female', DEPARTMENTS.math.position),
    department: 'math',
    room: DEPARTMENTS.math.rooms[0]!,
    load: 0,
    role: 'demo-teacher',
  };
  const newcomer: Teacher = {
    person: person({ ...DEMO_NAMES.newcomer }, 'female', DEPARTMENTS.english.position),
    department: 'english',
    room: '221',
    load: 0,
    role: 'newcomer',
  };

  // Department pools (the demo teacher first among the mathematicians).
  const pools = new Map<Department, Teacher[]>();
  for (const [department, info] of Object.entries(DEPARTMENTS) as [Exclude<Department, 'primary'>, (typeof DEPARTMENTS)['math']][]) {
    const pool: Teacher[] = department === 'math' ? [demoTeacher] : [];
    for (let i = pool.length; i < info.size - (department === 'math' ? 1 : 0); i++) {
      const gender: Gender = rng.chance(info.male) ? 'male' : 'female';
      pool.push({ person: person(randomName(gender), gender, info.position), department, room: info.rooms[i] ?? info.rooms[0]!, load: 0 });
    }
    pools.set(department, pool);
  }
  // One primary teacher per primary class.
  const primaryOf = new Map<string, Teacher>();
  let primaryRoom = 101;
  for (const c of classes.filter((x) => x.grade <= 4)) {
    const gender: Gender = rng.chance(0.03) ? 'male' : 'female';
    primaryOf.set(c.cls.id, { person: person(randomName(gender), gender, 'учитель начальных классов'), department: 'primary', room: String(primaryRoom++), load: 0 });
  }

  // Bundles of teaching load: a class's subjects of one department (per subgroup for split subjects).
  const bundles: Bundle[] = [];
  for (const c of classes) {
    const byDepartment = new Map<string, Bundle>();
    for (const [key, hours] of CURRICULUM[c.grade]!) {
      const department = departmentOf(key, c.grade);
      const groups = isSplit(key, c.grade) ? [1, 2] : [null];
      for (const group of groups) {
        const k = `${department}:${group}`;
        let b = byDepartment.get(k);
        if (!b) byDepartment.set(k, (b = { classInfo: c, department, group, subjects: [], hours: 0 }));
        b.subjects.push([key, hours]);
        b.hours += hours;
      }
    }
    bundles.push(...byDepartment.values());
  }

  const assignments: TeachingAssignment[] = [];
  const taught = new Map<string, Teacher>(); // `${classId}:${subject}:${group}` → teacher
  function give(teacher: Teacher, b: Bundle) {
    teacher.load += b.hours;
    for (const [key, hours] of b.subjects) {
      const subgroup = b.group === null ? undefined : b.classInfo.subgroups[key]![b.group - 1]!;
      taught.set(`${b.classInfo.cls.id}:${key}:${b.group}`, teacher);
      assignments.push({
        id: ids.next('teachingAssignment'),
        academicYearId,
        teacherId: teacher.person.id,
        subjectId: subjectIds[key],
        classId: b.classInfo.cls.id,
        ...(subgroup ? { subgroupId: subgroup.id } : {}),
        hoursPerWeek: hours,
      });
    }
  }
  const teachesOtherGroup = (t: Teacher, b: Bundle) =>
    b.group !== null && b.subjects.some(([key]) => taught.get(`${b.classInfo.cls.id}:${key}:${b.group === 1 ? 2 : 1}`) === t);

  // Primary classes: their own teacher.
  for (const b of bundles.filter((x) => x.department === 'primary')) give(primaryOf.get(b.classInfo.cls.id)!, b);
  // The coordinator teaches mathematics in the 11th grade.
  for (const b of bundles.filter((x) => x.department === 'math' && x.classInfo.grade === 11)) give(coordinator, b);

  for (const [department, pool] of pools) {
    const mine = bundles
      .filter((b) => b.department === department && !(department === 'math' && b.classInfo.grade === 11))
      .sort((a, b) => (a.group ?? 3) - (b.group ?? 3) || a.classInfo.grade - b.classInfo.grade || a.classInfo.letter.localeCompare(b.classInfo.letter, 'ru'));
    const total = mine.reduce((s, b) => s + b.hours, 0);
    const cap = Math.ceil(total / pool.length) + 2;
    let at = 0;
    for (const b of mine) {
      while (at < pool.length - 1 && pool[at]!.load + b.hours > cap) at++;
      let chosen: Teacher | undefined;
      for (let i = at; i < pool.length && !chosen; i++) {
        const t = pool[i]!;
        if (t.load + b.hours <= cap && !teachesOtherGroup(t, b)) chosen = t;
      }
      chosen ??= [...pool].filter((t) => !teachesOtherGroup(t, b)).sort((x, y) => x.load - y.load)[0]!;
      give(chosen, b);
    }
  }

  const teachers = [...primaryOf.values(), coordinator, ...[...pools.values()].flat(), newcomer];

  // Class teachers: the primary teacher; from grade 5 a teacher of the class with the most hours in it.
  const classTeachers: ClassTeacher[] = [];
  const isClassTeacher = new Set<string>();
  for (const c of classes) {
    let teacher: Teacher;
    if (c.grade <= 4) teacher = primaryOf.get(c.cls.id)!;
    else if (c.grade === 5 && c.letter === 'А') teacher = demoTeacher;
    else {
      const hoursIn = new Map<Teacher, number>();
      for (const b of bundles.filter((x) => x.classInfo === c)) {
        const t = taught.get(`${c.cls.id}:${b.subjects[0]![0]}:${b.group}`)!;
        hoursIn.set(t, (hoursIn.get(t) ?? 0) + b.hours);
      }
      teacher = [...hoursIn]
        .filter(([t]) => t.role !== 'coordinator' && !isClassTeacher.has(t.person.id) && t.department !== 'pe')
        .sort((a, b) => b[1] - a[1] || a[0].person.lastName.localeCompare(b[0].person.lastName, 'ru'))[0]![0];
    }
    isClassTeacher.add(teacher.person.id);
    classTeachers.push({ id: ids.next('classTeacher'), academicYearId, classId: c.cls.id, teacherId: teacher.person.id });
    c.cls.room = teacher.room;
  }
  return { director, coordinator, operator, demoTeacher, newcomer, teachers, assignments, classTeachers };
}
