/** Report documents as the report services would make them: Russian, with numbers of every kind. */
import type { ReportDocument, ReportSection } from '#functions/reports/export/report-document.ts';

const SUBJECTS: [string, string][] = [
  ['Русский язык', 'Павлова Н. С.'],
  ['Литература', 'Павлова Н. С.'],
  ['Иностранный язык (английский)', 'Смирнова О. В.'],
  ['Математика', 'Кузнецова М. А.'],
  ['История', 'Гусев П. Р.'],
  ['География', 'Лебедева Т. И.'],
  ['Биология', 'Лебедева Т. И.'],
  ['Музыка', 'Орлова А. Д.'],
  ['Изобразительное искусство', 'Орлова А. Д.'],
  ['Труд (технология)', 'Егоров В. Н.'],
  ['Физическая культура', 'Титов С. А.'],
  ['Основы духовно-нравственной культуры народов России', 'Гусев П. Р.'],
];

const STUDENTS = ['Алексеев Артём', 'Белова Варвара', 'Воронин Глеб', 'Григорьева Дарья', 'Дмитриев Егор', 'Ефимова Жанна', 'Морозова Анна', 'Яковлев-Щербаков Константин'];

export const bySubject: ReportSection = {
  title: 'Успеваемость по предметам',
  columns: [
    { title: 'Предмет', kind: 'text', width: 28 },
    { title: 'Учитель', kind: 'text', width: 18 },
    { title: 'Учеников', kind: 'integer', width: 9 },
    { title: 'Средний балл', kind: 'decimal', width: 9 },
    { title: 'Успеваемость', kind: 'percent', width: 11 },
    { title: 'Качество знаний, %', kind: 'percent', width: 11 },
  ],
  rows: SUBJECTS.map(([subject, teacher], i) => [subject, teacher, 26, 3.6 + (i % 7) * 0.21, 100 - (i % 3) * 3.85, 42.3 + i * 3.1]),
  totals: ['В среднем', null, 26, 4.05, 97.44, 58.95],
};

export const byStudent: ReportSection = {
  title: 'Ученики',
  columns: [
    { title: 'Ученик', kind: 'text', width: 26 },
    { title: 'Средний балл', kind: 'decimal', width: 9 },
    { title: 'Пропущено уроков', kind: 'integer', width: 9 },
    { title: 'Замечание', kind: 'text', width: 30 },
  ],
  rows: STUDENTS.map((name, i) => [name, i === 2 ? null : 3.2 + i * 0.2, i * 3, i === 4 ? '=HYPERLINK("http://evil.example";"ok")' : i === 6 ? 'Болела 12–19 октября; справка №\u00a0154' : null]),
};

export const attention: ReportSection = {
  title: 'Требуют внимания',
  lead: 'Ученики с неудовлетворительной отметкой за четверть или без аттестации (п. 6.4): классному руководителю — связаться с родителями до 15 ноября.',
  columns: [
    { title: 'Ученик', kind: 'text', width: 26 },
    { title: 'Предмет', kind: 'text', width: 24 },
    { title: 'Отметка', kind: 'text', width: 10 },
  ],
  rows: [
    ['Воронин Глеб', 'Математика', '2'],
    ['Дмитриев Егор', 'Русский язык', 'н/а'],
  ],
};

export const performanceReport: ReportDocument = {
  title: 'Успеваемость и качество знаний',
  subtitle: '1 четверть 2026/2027 · 5А',
  schoolName: 'МБОУ «Средняя общеобразовательная школа № 12» г. Твери',
  generatedAt: '2026-12-06T17:15:00Z',
  timeZone: 'Europe/Moscow',
  fileStem: 'performance-2026-q1-5a',
  summary: [
    { label: 'Успеваемость', value: '96,2 %' },
    { label: 'Качество знаний', value: '58,9 %' },
    { label: 'Средний балл', value: '4,05' },
    { label: 'Учеников в классе', value: '26' },
  ],
  sections: [bySubject, byStudent, attention],
  notes: [
    'Успеваемость — доля учеников, получивших за период отметки «3», «4» или «5» по всем предметам, от числа аттестованных.',
    'Качество знаний — доля учеников, получивших за период только отметки «4» и «5».',
    'Средний балл — среднее арифметическое отметок за период; «н/а» — не аттестован.',
  ],
};

/** The class's summary sheet: a student per row, fifteen subjects across — landscape. */
export function summarySheet(students = 26): ReportDocument {
  const subjects = ['Русский язык', 'Литература', 'Английский язык', 'Алгебра', 'Геометрия', 'Вероятность и статистика', 'Информатика', 'История', 'Обществознание', 'География', 'Биология', 'Физика', 'Химия', 'Физическая культура', 'Основы безопасности и защиты Родины'];
  return {
    title: 'Сводная ведомость',
    subtitle: '1 четверть 2026/2027 · 9Б',
    schoolName: 'МБОУ «СОШ № 12»',
    generatedAt: '2026-12-06T17:15:00Z',
    timeZone: 'Europe/Moscow',
    fileStem: 'summary-sheet-2026-q1-9b',
    orientation: 'landscape',
    sections: [
      {
        title: '9Б',
        columns: [{ title: 'Ученик', kind: 'text', width: 22 }, ...subjects.map((title) => ({ title, kind: 'decimal' as const, width: 6 }))],
        rows: Array.from({ length: students }, (_, s) => [`Ученик ${String(s + 1).padStart(3, '0')} Фамилия`, ...subjects.map((_, j) => (s + j) % 11 === 0 ? null : 3 + ((s * 7 + j * 3) % 21) / 10)]),
        totals: ['В среднем', ...subjects.map((_, j) => 4 + j / 100)],
      },
    ],
  };
}
