/**
 * Thematic plans (КТП): each journal's course (topics.ts) expanded to exactly the curriculum's
 * hours per year (п. 7.4 (a)), with the planned works numbered and titled, a final review,
 * and planned dates taken from the journal's lesson dates over the year.
 */
import type { IsoDate } from '#shared/domain/dates.ts';
import type { ThematicPlan, ThematicTopic } from '#shared/domain/thematic-plan.ts';
import { subjectDef } from './curriculum.ts';
import type { IdMaker, Journal } from './model.ts';
import type { Random } from './random.ts';
import { WORK_PREFIXES, courseFor, type WorkKind } from './topics.ts';

/** One hour of the plan as a lesson will be given: its topic and what the lesson is called. */
export type PlanHour = { topic: ThematicTopic; hourInTopic: number; lessonTopic: string };
export type JournalPlan = { plan: ThematicPlan; hours: PlanHour[] };

type Unit = { section: string; title: string; hours: number; work?: { kind: WorkKind; topic: string }; fixed: boolean };

function workTitle(kind: WorkKind, topic: string, n: number): string {
  const lower = topic.toLowerCase();
  switch (kind) {
    case 'control':
      if (lower.startsWith('вход')) return 'Входная контрольная работа';
      if (lower.includes('контрольная работа') || lower.startsWith('тренировочная')) return topic;
      return `Контрольная работа № ${n} по теме «${topic}»`;
    case 'dictation':
      return lower.startsWith('вход') ? 'Входной контрольный диктант' : `Контрольный диктант № ${n} с грамматическим заданием по теме «${topic}»`;
    case 'essay':
      return lower.startsWith('сочинение') ? topic : `Сочинение по теме «${topic}»`;
    case 'summary':
      return lower.includes('изложение') ? topic : `Изложение «${topic}»`;
    case 'laboratory':
      return `Лабораторная работа № ${n} «${topic}»`;
    case 'practical':
      return `Практическая работа № ${n} «${topic}»`;
    case 'check':
      return lower.startsWith('проверочная') ? topic : `Проверочная работа по теме «${topic}»`;
    case 'credit':
      return `Зачёт по разделу «${topic}»`;
  }
}

const PRACTICE_SUFFIXES: Record<string, string[]> = {
  exact: ['Решение задач', 'Закрепление', 'Решение задач повышенной сложности', 'Обобщение'],
  language: ['Закрепление', 'Практикум', 'Работа с текстом', 'Обобщение'],
  humanities: ['Продолжение', 'Обсуждение', 'Обобщение', 'Повторение'],
  practice: ['Продолжение работы', 'Совершенствование', 'Завершение работы', 'Повторение'],
  pe: ['Совершенствование техники', 'Учебная игра', 'Развитие физических качеств', 'Закрепление'],
};
const FAMILY: Record<string, keyof typeof PRACTICE_SUFFIXES> = {
  math: 'exact', algebra: 'exact', geometry: 'exact', prob: 'exact', phys: 'exact', chem: 'exact', inf: 'exact',
  rus: 'language', eng: 'language', litread: 'language',
  lit: 'humanities', history: 'humanities', social: 'humanities', odnknr: 'humanities', orkse: 'humanities', geo: 'humanities',
  bio: 'humanities', world: 'humanities', obzr: 'humanities', project: 'humanities',
  art: 'practice', music: 'practice', tech: 'practice', pe: 'pe',
};

/** What the k-th lesson (0-based) of a topic is called in the journal. */
export function lessonTopicOf(subject: string, title: string, k: number): string {
  if (k === 0) return title;
  const suffixes = PRACTICE_SUFFIXES[FAMILY[subject] ?? 'humanities']!;
  return `${title}. ${suffixes[(k - 1) % suffixes.length]}`;
}

/** Physical education checks are standards (нормативы), not written works. */
function titleFor(subject: string, kind: WorkKind, topic: string, n: number): string {
  if (subject === 'pe' && kind === 'check') return `Контрольный норматив: ${topic.charAt(0).toLowerCase()}${topic.slice(1)}`;
  return workTitle(kind, topic, n);
}

export function buildPlan(rng: Random, ids: IdMaker, journal: Journal, academicYearId: string, yearLessonDates: IsoDate[]): JournalPlan {
  const course = courseFor(journal.subject, journal.grade);
  const units: Unit[] = [];
  course.sections.forEach((section, i) => {
    for (const raw of section.topics) {
      const prefix = Object.keys(WORK_PREFIXES).find((p) => raw.startsWith(p));
      if (prefix) units.push({ section: section.title, title: '', hours: 1, work: { kind: WORK_PREFIXES[prefix]!, topic: raw.slice(prefix.length) }, fixed: true });
      else units.push({ section: section.title, title: raw, hours: 1, fixed: false });
    }
    const closing = course.sectionWork;
    const last = units[units.length - 1];
    const alreadyClosed = last?.work && ['control', 'dictation', 'credit', 'check'].includes(last.work.kind);
    if (closing && (i + 1) % closing.every === 0 && !alreadyClosed) {
      units.push({ section: section.title, title: '', hours: 1, work: { kind: closing.kind, topic: section.title }, fixed: true });
    }
  });
  const hasControl = course.sectionWork?.kind === 'control' || course.sectionWork?.kind === 'dictation';
  const total = journal.hoursPerYear;
  const review = Math.max(1, Math.round(total * 0.04));
  units.push({ section: 'Повторение', title: 'Повторение и систематизация изученного за год', hours: review, fixed: true });
  if (hasControl) units.push({ section: 'Повторение', title: '', hours: 1, work: { kind: 'control', topic: 'Итоговая контрольная работа' }, fixed: true });

  // Fit the plan to the curriculum hours: drop topics while there are too many, else spread the spare hours.
  const fixedHours = () => units.filter((u) => u.fixed).reduce((s, u) => s + u.hours, 0);
  const regular = () => units.filter((u) => !u.fixed);
  while (regular().length > total - fixedHours() && regular().length > 0) {
    // Too many topics for the hours: drop works first from the longest section, then topics.
    const bySection = new Map<string, Unit[]>();
    for (const u of regular()) bySection.set(u.section, [...(bySection.get(u.section) ?? []), u]);
    const longest = [...bySection.values()].sort((a, b) => b.length - a.length)[0]!;
    units.splice(units.indexOf(longest[longest.length - 1]!), 1);
  }
  while (fixedHours() > total) {
    const work = [...units].reverse().find((u) => u.work && u.work.topic !== 'Итоговая контрольная работа');
    if (!work) break;
    units.splice(units.indexOf(work), 1);
  }
  const spare = total - fixedHours() - regular().length;
  const regs = regular();
  if (regs.length > 0) {
    const each = Math.floor(spare / regs.length);
    for (const u of regs) u.hours += each;
    for (const u of rng.sample(regs, spare - each * regs.length)) u.hours += 1;
  } else {
    units[units.length - 1]!.hours += spare;
  }

  // Long stretches without a check get one more work (a control work every 3–4 weeks, not only at section ends).
  const every = course.sectionWork ? { control: 14, dictation: 18, check: 16 }[course.sectionWork.kind as string] : undefined;
  if (course.sectionWork && every) {
    let since = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (u.work) {
        since = 0;
        continue;
      }
      since += u.hours;
      const next = units[i + 1];
      const restOfSection = units.slice(i + 1).filter((x) => x.section === u.section && !x.work).reduce((sum, x) => sum + x.hours, 0);
      if (since >= every && u.hours >= 2 && !u.fixed && next && !next.work && restOfSection >= every / 2) {
        u.hours -= 1;
        units.splice(i + 1, 0, { section: u.section, title: '', hours: 1, work: { kind: course.sectionWork.kind, topic: u.title }, fixed: true });
        since = 0;
        i++;
      }
    }
  }

  // Number the works per kind, make the topics, give them planned dates.
  const counters = new Map<WorkKind, number>();
  const topics: ThematicTopic[] = [];
  const hours: PlanHour[] = [];
  for (const u of units) {
    let title = u.title;
    let work: Pick<ThematicTopic, 'workTypeId' | 'workTopic'> = {};
    if (u.work) {
      const n = (counters.get(u.work.kind) ?? 0) + 1;
      counters.set(u.work.kind, n);
      title = titleFor(journal.subject, u.work.kind, u.work.topic, n);
      work = { workTypeId: u.work.kind, workTopic: u.work.topic === 'Итоговая контрольная работа' ? 'Итоговая контрольная работа за год' : u.work.topic };
    }
    const topic: ThematicTopic = {
      id: ids.next('thematicTopic'),
      number: topics.length + 1,
      section: u.section,
      title,
      hours: u.hours,
      ...work,
    };
    const firstDate = yearLessonDates[hours.length];
    if (firstDate) topic.plannedDate = firstDate;
    topics.push(topic);
    for (let k = 0; k < u.hours; k++) hours.push({ topic, hourInTopic: k, lessonTopic: u.work ? title : lessonTopicOf(journal.subject, title, k) });
  }
  const def = subjectDef(journal.subject);
  const plan: ThematicPlan = {
    id: ids.next('thematicPlan'),
    academicYearId,
    subjectId: journal.subjectId,
    classId: journal.classId,
    ...(journal.subgroupId ? { subgroupId: journal.subgroupId } : {}),
    teacherId: journal.teacherId,
    title: `Рабочая программа по предмету «${def.name}», ${journal.grade} класс`,
    topics,
  };
  return { plan, hours };
}
