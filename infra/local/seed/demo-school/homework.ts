/**
 * Homework texts (п. 2.5), in Russian, numbered as a textbook moves on: exercise and page
 * numbers grow with the lesson's place in the year.
 */
import type { SubjectKey } from './curriculum.ts';
import type { Random } from './random.ts';

export function homeworkText(rng: Random, subject: SubjectKey, k: number): string {
  const ex = 8 + k * 3 + rng.int(0, 2);
  const page = 6 + Math.round(k * 1.6) + rng.int(0, 2);
  const para = 1 + Math.floor(k * 0.55);
  const n = 20 + k * 6 + rng.int(0, 4);
  const q = rng.int(1, 3);
  const pick = (options: string[]) => rng.pick(options);
  switch (subject) {
    case 'rus':
      return pick([`Упр. ${ex}`, `Выучить правило на с. ${page}, упр. ${ex}`, `Упр. ${ex}, ${ex + 2}`, `Словарные слова на с. ${page}, упр. ${ex}`, `Упр. ${ex} (по заданию учителя)`]);
    case 'litread':
      return pick([`Выразительное чтение, с. ${page}–${page + 3}`, `Прочитать текст на с. ${page}–${page + 4}, ответить на вопросы`, `Выучить стихотворение наизусть (с. ${page})`, `Пересказ текста на с. ${page}–${page + 2}`]);
    case 'lit':
      return pick([`Прочитать произведение, ответить на вопросы ${q}–${q + 3} на с. ${page}`, `Выучить наизусть отрывок (с. ${page})`, `Письменно ответить на вопрос ${q + 2} на с. ${page}`, `Подготовить пересказ эпизода (с. ${page}–${page + 5})`]);
    case 'eng':
      return pick([`Упр. ${q + 2}, с. ${page} (письменно)`, `Выучить новые слова на с. ${page}`, `Рабочая тетрадь: с. ${Math.round(page / 2)}, упр. ${q}–${q + 2}`, `Прочитать и перевести текст на с. ${page}`]);
    case 'math':
    case 'algebra':
      return pick([`№ ${n}, ${n + 2}, ${n + 5}`, `П. ${para}, № ${n}, ${n + 1}`, `№ ${n} (а, б), ${n + 3}`, `П. ${para}, выучить правило; № ${n}, ${n + 4}`]);
    case 'geometry':
      return pick([`П. ${para}, задачи № ${n}, ${n + 2}`, `П. ${para}, выучить теорему; № ${n}`, `Задачи № ${n}, ${n + 1}, ${n + 3}`]);
    case 'prob':
      return pick([`П. ${para}, задачи ${n}, ${n + 1}`, `П. ${para}, вопросы к параграфу`]);
    case 'inf':
      return pick([`§ ${para}, вопросы 1–4`, `§ ${para}, практическое задание в тетради`, `§ ${para}, задачи ${q}–${q + 2} в конце параграфа`]);
    case 'world':
      return pick([`Учебник с. ${page}–${page + 3}, ответить на вопросы`, `Рабочая тетрадь с. ${Math.round(page / 2)}`, `Учебник с. ${page}–${page + 2}, подготовить рассказ`]);
    case 'history':
    case 'social':
      return pick([`§ ${para}, вопросы ${q}–${q + 3} на с. ${page}`, `§ ${para}, выучить даты`, `§ ${para}, составить план параграфа`, `§ ${para}, задание к документу на с. ${page}`]);
    case 'geo':
      return pick([`§ ${para}, вопросы ${q}–${q + 2}`, `§ ${para}, задание в контурной карте`, `§ ${para}, выучить номенклатуру`]);
    case 'bio':
      return pick([`§ ${para}, вопросы ${q}–${q + 3}`, `§ ${para}, заполнить таблицу в тетради`, `§ ${para}, зарисовать схему`]);
    case 'phys':
      return pick([`§ ${para}, упр. ${Math.ceil(para / 2)} (${q}, ${q + 1})`, `§ ${para}, вопросы после параграфа`, `§ ${para}, задачи ${n}, ${n + 1} из задачника`]);
    case 'chem':
      return pick([`§ ${para}, задачи ${q}–${q + 2} на с. ${page}`, `§ ${para}, упр. ${q + 1}`, `§ ${para}, составить уравнения реакций`]);
    case 'obzr':
      return pick([`§ ${para}, вопросы ${q}–${q + 2}`, `§ ${para}, составить памятку`]);
    case 'odnknr':
    case 'orkse':
      return pick([`Подготовить сообщение по теме урока`, `Прочитать текст на с. ${page}–${page + 3}`, `Обсудить тему урока с родителями`]);
    case 'art':
      return pick(['Подготовить материалы для рисования (акварель, альбом)', 'Закончить рисунок', 'Найти репродукции по теме урока']);
    case 'music':
      return pick(['Послушать произведения, изученные на уроке', 'Выучить слова песни']);
    case 'tech':
      return pick(['Подготовить материалы для практической работы', 'Закончить изделие', 'Повторить правила техники безопасности']);
    case 'pe':
      return pick(['Комплекс утренней гимнастики', 'Упражнения на гибкость, 10 минут ежедневно', 'Прыжки со скакалкой, 3 подхода по 50 раз']);
    case 'project':
      return pick(['Продолжить работу над проектом', 'Подобрать источники информации по теме проекта', 'Подготовить план проекта']);
  }
}
