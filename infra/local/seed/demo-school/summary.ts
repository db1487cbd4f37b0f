/** The one line printed after seeding: «Демо-школа: 29 классов, 855 обучающихся, … 134 397 записей за 21 с». */
import type { DemoSchool, ItemCounts } from './generate.ts';

const number = new Intl.NumberFormat('ru-RU');

/** Russian plural: plural(21, ['класс', 'класса', 'классов']) → «класс». */
export function plural(n: number, [one, few, many]: [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many;
  return `${number.format(n)} ${word}`;
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} с`;

export function summaryLine(school: DemoSchool, counts: ItemCounts, generateMs: number, loadMs: number): string {
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  const teachers = school.staff.teachers.length;
  const conducted = school.lessons.filter((l) => l.lesson.status === 'conducted').length;
  return (
    `Демо-школа: ${plural(school.classes.length, ['класс', 'класса', 'классов'])}, ` +
    `${plural(school.people.students.length, ['обучающийся', 'обучающихся', 'обучающихся'])}, ` +
    `${plural(school.people.parents.length, ['родитель', 'родителя', 'родителей'])}, ` +
    `${plural(teachers, ['учитель', 'учителя', 'учителей'])}, ` +
    `${plural(conducted, ['проведённый урок', 'проведённых урока', 'проведённых уроков'])}, ` +
    `${plural(counts.Mark ?? 0, ['отметка', 'отметки', 'отметок'])}, ` +
    `${plural(total, ['запись', 'записи', 'записей'])} за ${seconds(generateMs + loadMs)} ` +
    `(генерация ${seconds(generateMs)}, загрузка ${seconds(loadMs)}); сегодня ${school.today.split('-').reverse().join('.')}`
  );
}
