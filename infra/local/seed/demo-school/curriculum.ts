/**
 * The subjects and the curriculum (учебный план) of the demo school, after the federal basic
 * curricula (ФОП НОО/ООО/СОО, five-day week): hours per week per grade, the subjects split into
 * subgroups (foreign language from grade 2, труд in grades 5–8, informatics in grades 7–11),
 * and which department (teacher pool) teaches each subject.
 */
export type SubjectKey =
  | 'rus' | 'litread' | 'lit' | 'eng' | 'math' | 'algebra' | 'geometry' | 'prob' | 'inf' | 'world' | 'history'
  | 'social' | 'odnknr' | 'orkse' | 'geo' | 'bio' | 'phys' | 'chem' | 'art' | 'music' | 'tech' | 'pe' | 'obzr' | 'project';

export type SubjectDef = {
  key: SubjectKey;
  name: string;
  shortName: string;
  isPhysicalEducation?: boolean;
  isForeignLanguage?: boolean;
  grading?: 'marks' | 'credit';
  /** How many marks a usual lesson gives (students asked), on average. */
  marksPerLesson: number;
  /** Share of lessons with homework (grade 1 never gets any). */
  homeworkShare: number;
};

export const SUBJECTS: readonly SubjectDef[] = [
  { key: 'rus', name: 'Русский язык', shortName: 'Рус. яз.', marksPerLesson: 4, homeworkShare: 0.95 },
  { key: 'litread', name: 'Литературное чтение', shortName: 'Лит. чт.', marksPerLesson: 4, homeworkShare: 0.85 },
  { key: 'lit', name: 'Литература', shortName: 'Лит.', marksPerLesson: 3, homeworkShare: 0.9 },
  { key: 'eng', name: 'Иностранный язык (английский)', shortName: 'Англ. яз.', isForeignLanguage: true, marksPerLesson: 4, homeworkShare: 0.9 },
  { key: 'math', name: 'Математика', shortName: 'Матем.', marksPerLesson: 4, homeworkShare: 0.95 },
  { key: 'algebra', name: 'Алгебра', shortName: 'Алгебра', marksPerLesson: 3, homeworkShare: 0.95 },
  { key: 'geometry', name: 'Геометрия', shortName: 'Геом.', marksPerLesson: 3, homeworkShare: 0.9 },
  { key: 'prob', name: 'Вероятность и статистика', shortName: 'Вер. и стат.', marksPerLesson: 2, homeworkShare: 0.7 },
  { key: 'inf', name: 'Информатика', shortName: 'Информ.', marksPerLesson: 3, homeworkShare: 0.6 },
  { key: 'world', name: 'Окружающий мир', shortName: 'Окр. мир', marksPerLesson: 3, homeworkShare: 0.8 },
  { key: 'history', name: 'История', shortName: 'История', marksPerLesson: 3, homeworkShare: 0.9 },
  { key: 'social', name: 'Обществознание', shortName: 'Общество.', marksPerLesson: 3, homeworkShare: 0.85 },
  { key: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', shortName: 'ОДНКНР', grading: 'credit', marksPerLesson: 1, homeworkShare: 0.4 },
  { key: 'orkse', name: 'Основы религиозных культур и светской этики', shortName: 'ОРКСЭ', grading: 'credit', marksPerLesson: 1, homeworkShare: 0.4 },
  { key: 'geo', name: 'География', shortName: 'Геогр.', marksPerLesson: 3, homeworkShare: 0.85 },
  { key: 'bio', name: 'Биология', shortName: 'Биол.', marksPerLesson: 3, homeworkShare: 0.85 },
  { key: 'phys', name: 'Физика', shortName: 'Физика', marksPerLesson: 3, homeworkShare: 0.9 },
  { key: 'chem', name: 'Химия', shortName: 'Химия', marksPerLesson: 3, homeworkShare: 0.9 },
  { key: 'art', name: 'Изобразительное искусство', shortName: 'ИЗО', marksPerLesson: 3, homeworkShare: 0.2 },
  { key: 'music', name: 'Музыка', shortName: 'Музыка', marksPerLesson: 2, homeworkShare: 0.2 },
  { key: 'tech', name: 'Труд (технология)', shortName: 'Труд', marksPerLesson: 3, homeworkShare: 0.2 },
  { key: 'pe', name: 'Физическая культура', shortName: 'Физ-ра', isPhysicalEducation: true, marksPerLesson: 4, homeworkShare: 0.1 },
  { key: 'obzr', name: 'Основы безопасности и защиты Родины', shortName: 'ОБЗР', marksPerLesson: 2, homeworkShare: 0.6 },
  { key: 'project', name: 'Индивидуальный проект', shortName: 'Инд. проект', marksPerLesson: 1, homeworkShare: 0.5 },
];

export const subjectDef = (key: SubjectKey): SubjectDef => SUBJECTS.find((s) => s.key === key)!;

/** Hours per week by grade, in the order the curriculum lists them. */
export const CURRICULUM: Record<number, [SubjectKey, number][]> = {
  1: [['rus', 5], ['litread', 4], ['math', 4], ['world', 2], ['art', 1], ['music', 1], ['tech', 1], ['pe', 2]],
  2: [['rus', 5], ['litread', 4], ['eng', 2], ['math', 4], ['world', 2], ['art', 1], ['music', 1], ['tech', 1], ['pe', 2]],
  3: [['rus', 5], ['litread', 4], ['eng', 2], ['math', 4], ['world', 2], ['art', 1], ['music', 1], ['tech', 1], ['pe', 2]],
  4: [['rus', 5], ['litread', 3], ['eng', 2], ['math', 4], ['world', 2], ['orkse', 1], ['art', 1], ['music', 1], ['tech', 1], ['pe', 2]],
  5: [['rus', 5], ['lit', 3], ['eng', 3], ['math', 5], ['history', 2], ['geo', 1], ['bio', 1], ['art', 1], ['music', 1], ['tech', 2], ['pe', 2], ['odnknr', 1]],
  6: [['rus', 6], ['lit', 3], ['eng', 3], ['math', 5], ['history', 2], ['social', 1], ['geo', 1], ['bio', 1], ['art', 1], ['music', 1], ['tech', 2], ['pe', 2], ['odnknr', 1]],
  7: [['rus', 4], ['lit', 2], ['eng', 3], ['algebra', 3], ['geometry', 2], ['prob', 1], ['inf', 1], ['history', 2], ['social', 1], ['geo', 2], ['bio', 1], ['phys', 2], ['art', 1], ['music', 1], ['tech', 2], ['pe', 2]],
  8: [['rus', 3], ['lit', 2], ['eng', 3], ['algebra', 3], ['geometry', 2], ['prob', 1], ['inf', 1], ['history', 2], ['social', 1], ['geo', 2], ['bio', 2], ['phys', 2], ['chem', 2], ['music', 1], ['tech', 1], ['pe', 2], ['obzr', 1]],
  9: [['rus', 3], ['lit', 3], ['eng', 3], ['algebra', 3], ['geometry', 2], ['prob', 1], ['inf', 1], ['history', 2], ['social', 1], ['geo', 2], ['bio', 2], ['phys', 3], ['chem', 2], ['tech', 1], ['pe', 2], ['obzr', 1]],
  10: [['rus', 2], ['lit', 3], ['eng', 3], ['algebra', 3], ['geometry', 2], ['prob', 1], ['inf', 1], ['history', 2], ['social', 2], ['geo', 1], ['bio', 1], ['phys', 2], ['chem', 1], ['pe', 2], ['obzr', 1], ['project', 1]],
  11: [['rus', 2], ['lit', 3], ['eng', 3], ['algebra', 3], ['geometry', 2], ['prob', 1], ['inf', 1], ['history', 2], ['social', 2], ['geo', 1], ['bio', 1], ['phys', 2], ['chem', 1], ['pe', 2], ['obzr', 1]],
};

/** Weeks of study: 33 in grade 1, 34 in the others (hours per year = hours per week × weeks). */
export const weeksFor = (grade: number) => (grade === 1 ? 33 : 34);

/** Is the subject taught in two subgroups in this grade (each subgroup with its own teacher, п. 5.5)? */
export function isSplit(subject: SubjectKey, grade: number): boolean {
  if (subject === 'eng') return grade >= 2;
  if (subject === 'tech') return grade >= 5 && grade <= 8;
  if (subject === 'inf') return grade >= 7;
  return false;
}

export type Department =
  | 'primary' | 'russian' | 'math' | 'english' | 'history' | 'geography' | 'biology' | 'chemistry' | 'physics'
  | 'informatics' | 'technology' | 'art' | 'music' | 'pe' | 'obzr';

/** Which teacher pool teaches a subject in a grade. */
export function departmentOf(subject: SubjectKey, grade: number): Department {
  if (grade <= 4 && ['rus', 'litread', 'math', 'world', 'art', 'tech', 'orkse'].includes(subject)) return 'primary';
  switch (subject) {
    case 'rus': case 'lit': return 'russian';
    case 'math': case 'algebra': case 'geometry': case 'prob': return 'math';
    case 'eng': return 'english';
    case 'history': case 'social': case 'odnknr': case 'project': case 'orkse': return 'history';
    case 'geo': return 'geography';
    case 'bio': return grade >= 10 ? 'chemistry' : 'biology';
    case 'chem': return 'chemistry';
    case 'phys': return 'physics';
    case 'inf': return 'informatics';
    case 'tech': return 'technology';
    case 'art': return 'art';
    case 'music': return 'music';
    case 'pe': return grade >= 10 ? 'obzr' : 'pe';
    case 'obzr': return 'obzr';
    default: return 'primary';
  }
}

export type DepartmentInfo = {
  /** Teachers in the pool. */
  size: number;
  /** Position (должность) of its teachers. */
  position: string;
  /** Share of men among its teachers. */
  male: number;
  /** Room numbers of its teachers, in order. */
  rooms: string[];
};

export const DEPARTMENTS: Record<Exclude<Department, 'primary'>, DepartmentInfo> = {
  russian: { size: 7, position: 'учитель русского языка и литературы', male: 0.05, rooms: ['201', '202', '203', '204', '205', '206', '207'] },
  math: { size: 6, position: 'учитель математики', male: 0.25, rooms: ['301', '302', '303', '304', '305', '306'] },
  english: { size: 8, position: 'учитель английского языка', male: 0.1, rooms: ['208', '209', '210', '211', '212', '213', '214', '215'] },
  history: { size: 4, position: 'учитель истории и обществознания', male: 0.35, rooms: ['216', '217', '218', '219'] },
  geography: { size: 2, position: 'учитель географии', male: 0.3, rooms: ['307', '308'] },
  biology: { size: 2, position: 'учитель биологии', male: 0.15, rooms: ['309', '310'] },
  chemistry: { size: 1, position: 'учитель химии и биологии', male: 0.3, rooms: ['311'] },
  physics: { size: 2, position: 'учитель физики', male: 0.5, rooms: ['312', '313'] },
  informatics: { size: 2, position: 'учитель информатики', male: 0.6, rooms: ['314', '315'] },
  technology: { size: 3, position: 'учитель труда (технологии)', male: 0.5, rooms: ['120', '121', '122'] },
  art: { size: 1, position: 'учитель изобразительного искусства', male: 0.2, rooms: ['220'] },
  music: { size: 2, position: 'учитель музыки', male: 0.3, rooms: ['123', '124'] },
  pe: { size: 4, position: 'учитель физической культуры', male: 0.6, rooms: ['Спортзал 1', 'Спортзал 2', 'Малый спортзал', 'Зал ритмики'] },
  obzr: { size: 1, position: 'преподаватель-организатор ОБЗР', male: 1, rooms: ['125'] },
};
