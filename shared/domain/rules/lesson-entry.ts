import type { Lesson } from '../lesson.ts';
import { findWorkType, type WorkType } from '../work-types.ts';
import { workTopicRequired } from './work-topic.ts';
import { violation, type RuleViolation } from './violation.ts';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** п. 5.4: a Russian entry contains Cyrillic letters (foreign words may be quoted inside it). */
export function isRussianText(text: string): boolean {
  return CYRILLIC.test(text);
}

/** п. 5.4: a text written only in a foreign (Latin) script — Latin letters and no Cyrillic. */
export function isLatinOnlyText(text: string): boolean {
  return LATIN.test(text) && !CYRILLIC.test(text);
}

type EntryFields = Pick<Lesson, 'status' | 'topic' | 'workTypeId' | 'workTopic' | 'homework' | 'assignment'>;

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/**
 * п. 5.4: once a lesson is conducted, its topic is entered, and so is the topic of a practical,
 * laboratory or control work done at it; all entries are in Russian, foreign-language lessons
 * included. Topics must contain Russian (Cyrillic) text; homework and a distance assignment may
 * be pure numbers («№ 345, 346») but not Latin-only («Present Simple, ex. 5»).
 * A planned lesson may still be empty; a cancelled one needs nothing.
 */
export function checkLessonEntry(lesson: EntryFields, workTypes: readonly WorkType[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const workType = findWorkType(workTypes, lesson.workTypeId);
  if (lesson.workTypeId !== undefined && workType === undefined) {
    out.push(
      violation('п. 5.4', 'WORK_TYPE_UNKNOWN', `Неизвестный вид работы «${lesson.workTypeId}»`, { workTypeId: lesson.workTypeId }),
    );
  }
  if (lesson.status === 'cancelled') return out;
  const conducted = lesson.status === 'conducted';

  if (conducted && blank(lesson.topic)) {
    out.push(violation('п. 5.4', 'LESSON_TOPIC_REQUIRED', 'Укажите тему урока', { field: 'topic' }));
  } else if (!blank(lesson.topic) && !isRussianText(lesson.topic ?? '')) {
    out.push(violation('п. 5.4', 'TEXT_NOT_RUSSIAN', 'Тема урока записывается на русском языке', { field: 'topic' }));
  }

  if (workType && workTopicRequired(workType) && conducted && blank(lesson.workTopic)) {
    out.push(
      violation('п. 5.4', 'WORK_TOPIC_REQUIRED', `Укажите тему работы «${workType.name}»`, {
        field: 'workTopic',
        workTypeId: workType.id,
      }),
    );
  } else if (!blank(lesson.workTopic) && !isRussianText(lesson.workTopic ?? '')) {
    out.push(violation('п. 5.4', 'TEXT_NOT_RUSSIAN', 'Тема работы записывается на русском языке', { field: 'workTopic' }));
  }

  if (lesson.homework && isLatinOnlyText(lesson.homework.text)) {
    out.push(
      violation('п. 5.4', 'TEXT_NOT_RUSSIAN', 'Домашнее задание записывается на русском языке (иностранные слова — внутри русского текста)', {
        field: 'homework.text',
      }),
    );
  }
  if (lesson.assignment !== undefined && isLatinOnlyText(lesson.assignment)) {
    out.push(violation('п. 5.4', 'TEXT_NOT_RUSSIAN', 'Задание записывается на русском языке', { field: 'assignment' }));
  }
  return out;
}
