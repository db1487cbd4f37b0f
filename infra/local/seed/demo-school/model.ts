/**
 * The demo school as the generator builds it, before it becomes table items: domain records
 * (shared/domain) plus what the generator needs to keep consistent (abilities, subgroups,
 * timetable events).
 */
import type { IdKind } from '#shared/domain/ids.ts';
import { newId } from '#shared/domain/ids.ts';
import type { Person } from '#shared/domain/person.ts';
import type { SchoolClass } from '#shared/domain/school-class.ts';
import type { Subgroup } from '#shared/domain/subgroup.ts';
import type { Enrollment } from '#shared/domain/enrollment.ts';
import type { Guardianship } from '#shared/domain/guardianship.ts';
import type { TeachingAssignment } from '#shared/domain/teaching-assignment.ts';
import type { ClassTeacher } from '#shared/domain/class-teacher.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { Department, SubjectKey } from './curriculum.ts';
import type { Random } from './random.ts';

/** Makes opaque ids from a seeded stream: `<prefix>-<ULID>` with a given (deterministic) time. */
export class IdMaker {
  private tick = 0;
  constructor(
    private readonly rng: Random,
    private readonly baseTimeMs: number,
  ) {}

  /** An id whose ULID time is `timeMs`, or the base time plus a counter. */
  next(kind: IdKind, timeMs?: number): string {
    return newId(kind, timeMs ?? this.baseTimeMs + this.tick++, this.rng.bytes(10));
  }
}

export type Teacher = {
  person: Person;
  department: Department;
  room: string;
  /** Hours per week assigned so far. */
  load: number;
  /** Fixed roles of the demo accounts. */
  role?: 'coordinator' | 'demo-teacher' | 'newcomer';
};

export type Student = {
  person: Person;
  classId: string;
  grade: number;
  /** Latent ability (standard-normal scale): consistent across subjects, so averages differ. */
  ability: number;
  /** Per subject offset of the ability (some are better at languages, some at sciences). */
  subjectOffset: Partial<Record<SubjectKey, number>>;
  /** How often the student misses school (multiplier of the base rates). */
  absenceProneness: number;
  enrollment: Enrollment;
  /** subject → subgroup id, for the split subjects. */
  subgroupBySubject: Partial<Record<SubjectKey, string>>;
};

export type Parent = { person: Person; guardianships: Guardianship[] };

export type ClassInfo = {
  cls: SchoolClass;
  grade: number;
  letter: string;
  students: Student[];
  /** subject → its two subgroups, for the split subjects. */
  subgroups: Partial<Record<SubjectKey, Subgroup[]>>;
};

/** A journal: one class or subgroup × one subject, kept by one teacher (п. 5.5). */
export type Journal = {
  groupId: string;
  classId: string;
  subgroupId?: string;
  grade: number;
  subject: SubjectKey;
  subjectId: string;
  teacherId: string;
  hoursPerWeek: number;
  hoursPerYear: number;
};

export type Staff = {
  director: Person;
  coordinator: Teacher;
  operator: Person;
  demoTeacher: Teacher;
  newcomer: Teacher;
  teachers: Teacher[];
  assignments: TeachingAssignment[];
  classTeachers: ClassTeacher[];
};

export type People = {
  students: Student[];
  parents: Parent[];
  demoStudent: Student;
  demoSibling: Student;
  demoParent: Parent;
};
