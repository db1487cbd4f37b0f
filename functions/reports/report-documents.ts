/**
 * Each report as a document (export/report-document.ts): the tables a reader prints or opens in
 * Excel, the key figures first and the formulas last. The same documents are attached to the
 * control checks' e-mails.
 */
import type { AttendanceReport, JournalKeepingReport, MarkAccumulationReport, PerformanceFigures, PerformanceReport, ProgrammeCompletionReport, SubstitutionReport, SummarySheet, UsageReport } from '#shared/api/reports.ts';
import { formatDateRu } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import type { ReportColumn, ReportDocument, ReportSection } from './export/report-document.ts';

const pct = (v: number | null) => (v === null ? '—' : `${String(v).replace('.', ',')} %`);
const num = (v: number | null) => (v === null ? '—' : String(v).replace('.', ','));
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');

function base(title: string, subtitle: string, stem: string, generatedAt: string): Omit<ReportDocument, 'sections'> {
  return { title, subtitle, schoolName: functionEnv().SCHOOL_NAME, generatedAt, timeZone: schoolTimeZone(), fileStem: slug(stem) };
}

export const PERFORMANCE_NOTES = [
  'N — число учтённых результатов: освобождённые (ОСВ) и ученики без отметок не учитываются, «н/а» учитывается.',
  'Успеваемость = (N − «2» − «н/а» − незачёт) / N · 100 %.',
  'Качество знаний = («5» + «4») / (оценённые: «5» + «4» + «3» + «2» + «н/а») · 100 %.',
  'СОУ = («5»·100 + «4»·64 + «3»·36 + «2»·16 + «н/а»·7) / оценённые, %.',
  'Средний балл — среднее числовых результатов.',
  'В строках классов ученик учитывается один раз — по самому слабому результату (отличник: все «5»; на «4» и «5»; с «3»; с «2»; «н/а»); в строках предметов и учителей учитывается каждый результат ученика по предмету.',
];

const figureColumns: ReportColumn[] = [
  { title: 'N', kind: 'integer', width: 6 },
  { title: '«5»', kind: 'integer', width: 5 },
  { title: '«4»', kind: 'integer', width: 5 },
  { title: '«3»', kind: 'integer', width: 5 },
  { title: '«2»', kind: 'integer', width: 5 },
  { title: 'н/а', kind: 'integer', width: 5 },
  { title: 'Успеваемость, %', kind: 'percent', width: 12 },
  { title: 'Качество, %', kind: 'percent', width: 11 },
  { title: 'СОУ, %', kind: 'percent', width: 8 },
  { title: 'Средний балл', kind: 'decimal', width: 9 },
];
const figureCells = (f: PerformanceFigures) => [f.n, f.n5, f.n4, f.n3, f.n2, f.nNa, f.successRate, f.qualityRate, f.sou, f.average];

export function performanceSummary(f: PerformanceFigures) {
  return [
    { label: 'Успеваемость', value: pct(f.successRate) },
    { label: 'Качество знаний', value: pct(f.qualityRate) },
    { label: 'СОУ', value: pct(f.sou) },
    { label: 'Средний балл', value: num(f.average) },
  ];
}

export function performanceDocument(r: PerformanceReport): ReportDocument {
  const by = { class: 'по классам', subject: 'по предметам', teacher: 'по учителям' }[r.groupBy];
  const basis = r.basis === 'final' ? 'по итоговым отметкам' : 'по текущим отметкам (средневзвешенный балл)';
  return {
    ...base('Успеваемость и качество знаний', `${r.period.name} · ${by} · ${basis}`, `performance-${r.period.id}-${r.groupBy}`, r.generatedAt),
    summary: performanceSummary(r.total),
    orientation: 'landscape',
    sections: [
      {
        title: `Успеваемость ${by}`,
        columns: [{ title: r.groupBy === 'class' ? 'Класс' : r.groupBy === 'subject' ? 'Предмет' : 'Учитель', kind: 'text', width: 26 }, ...(r.groupBy === 'class' ? [] : [{ title: r.groupBy === 'subject' ? 'Классы' : 'Журналы', kind: 'text' as const, width: 30 }]), ...figureColumns],
        rows: r.rows.map((row) => [row.label, ...(r.groupBy === 'class' ? [] : [row.detail ?? '']), ...figureCells(row)]),
        totals: ['Итого', ...(r.groupBy === 'class' ? [] : ['']), ...figureCells(r.total)],
      },
    ],
    notes: PERFORMANCE_NOTES,
  };
}

export function summarySheetDocument(s: SummarySheet): ReportDocument {
  const period = s.periods.find((p) => p.id === s.periodId)!;
  const sections: ReportSection[] = [
    {
      title: `Итоговые отметки: ${period.name}`,
      columns: [{ title: 'Ученик', kind: 'text', width: 24 }, ...s.subjects.map((sub) => ({ title: sub.name, kind: 'text' as const, width: 6 })), { title: 'Средний балл', kind: 'decimal' as const, width: 7 }],
      rows: s.students.map((st) => [st.name, ...s.subjects.map((sub) => st.marks[s.periodId]?.[sub.subjectId] ?? null), st.average]),
    },
  ];
  if (s.students.length === 1) {
    const st = s.students[0]!;
    sections.push({
      title: `Табель: ${st.name}`,
      columns: [{ title: 'Предмет', kind: 'text', width: 24 }, ...s.periods.map((p) => ({ title: p.name, kind: 'text' as const, width: 10 }))],
      rows: s.subjects.map((sub) => [sub.name, ...s.periods.map((p) => st.marks[p.id]?.[sub.subjectId] ?? null)]),
    });
  }
  return {
    ...base('Сводная ведомость итоговых отметок', `${s.className} · ${period.name}`, `summary-sheet-${s.periodId}-${s.classId}`, s.generatedAt),
    summary: performanceSummary(s.figures),
    orientation: 'landscape',
    sections,
    notes: PERFORMANCE_NOTES,
  };
}

export function attendanceDocument(r: AttendanceReport): ReportDocument {
  const codes = r.codes.map((c) => c.code);
  const missed = r.classes.reduce((n, c) => n + c.lessonsMissed, 0);
  return {
    ...base('Посещаемость', `${r.period?.name ?? ''} ${formatDateRu(r.from)} – ${formatDateRu(r.to)}`.trim(), `attendance-${r.from}-${r.to}`, r.generatedAt),
    summary: [
      { label: 'Пропущено уроков', value: String(missed) },
      { label: 'Пропущено дней (все уроки дня)', value: String(r.classes.reduce((n, c) => n + c.daysMissed, 0)) },
    ],
    orientation: 'landscape',
    sections: [
      {
        title: 'По классам',
        columns: [{ title: 'Класс', kind: 'text', width: 8 }, { title: 'Учеников', kind: 'integer', width: 8 }, { title: 'Уроков проведено', kind: 'integer', width: 9 }, { title: 'Пропущено уроков', kind: 'integer', width: 9 }, { title: 'Пропущено дней', kind: 'integer', width: 8 }, { title: 'Пропусков, %', kind: 'percent', width: 8 }, ...codes.map((c) => ({ title: c, kind: 'integer' as const, width: 5 }))],
        rows: r.classes.map((c) => [c.className, c.students, c.lessonsHeld, c.lessonsMissed, c.daysMissed, c.missedRate, ...codes.map((code) => c.byCode[code] ?? 0)]),
      },
      {
        title: `Ученики: пропущено уроков не меньше ${r.minAbsences}`,
        columns: [{ title: 'Ученик', kind: 'text', width: 26 }, { title: 'Класс', kind: 'text', width: 6 }, { title: 'Уроков', kind: 'integer', width: 7 }, { title: 'Пропущено', kind: 'integer', width: 8 }, { title: 'По уважит.', kind: 'integer', width: 8 }, { title: 'Без уважит.', kind: 'integer', width: 8 }, { title: 'Дней', kind: 'integer', width: 6 }, { title: 'Опозданий', kind: 'integer', width: 8 }],
        rows: r.students.map((s) => [s.name, s.className, s.lessons, s.lessonsMissed, s.excused, s.unexcused, s.daysMissed, s.late]),
      },
    ],
    notes: ['Пропуск — отметка, которая означает отсутствие на уроке (Н, УП, Б); опоздание (ОП) пропуском не считается.', 'Пропущенный день — день, когда ученик отсутствовал на всех своих проведённых уроках.'],
  };
}

export function accumulationDocument(r: MarkAccumulationReport): ReportDocument {
  const short = r.journals.filter((j) => j.tooFew.length > 0);
  return {
    ...base('Накопляемость отметок', `${r.period.name} · на ${formatDateRu(r.asOf)}`, `mark-accumulation-${r.period.id}`, r.generatedAt),
    summary: [
      { label: 'Журналов', value: String(r.journals.length) },
      { label: 'Журналов, где у учеников мало отметок', value: String(short.length) },
      { label: 'Учеников с недостаточным числом отметок (по предметам)', value: String(short.reduce((n, j) => n + j.tooFew.length, 0)) },
    ],
    orientation: 'landscape',
    sections: [
      {
        title: 'По журналам',
        columns: [{ title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 20 }, { title: 'Учитель', kind: 'text', width: 24 }, { title: 'Уроков', kind: 'integer', width: 7 }, { title: 'Минимум', kind: 'integer', width: 7 }, { title: 'Учеников', kind: 'integer', width: 7 }, { title: 'Отметок на ученика', kind: 'decimal', width: 9 }, { title: 'Мало отметок', kind: 'integer', width: 8 }],
        rows: r.journals.map((j) => [j.groupName, j.subjectName, j.teacherName, j.lessonsHeld, j.required, j.students, j.averagePerStudent, j.tooFew.length]),
      },
      {
        title: 'Ученики с недостаточным числом отметок',
        columns: [{ title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 20 }, { title: 'Ученик', kind: 'text', width: 26 }, { title: 'Отметок', kind: 'integer', width: 7 }, { title: 'Минимум', kind: 'integer', width: 7 }],
        rows: short.flatMap((j) => j.tooFew.map((s) => [j.groupName, j.subjectName, s.name, s.marks, j.required])),
      },
    ],
    notes: ['Минимум: до 5 проведённых уроков — не требуется; затем 3 отметки и ещё одна за каждые 10 уроков сверх первых 10. Отметка «ОСВ» не считается; освобождённые ученики не учитываются.'],
  };
}

export function journalKeepingDocument(r: JournalKeepingReport): ReportDocument {
  const due = r.rows.reduce((n, x) => n + x.lessonsDue, 0);
  const onTime = r.rows.reduce((n, x) => n + x.filledOnTime, 0);
  return {
    ...base('Ведение электронного журнала', `${r.period.name} · на ${formatDateRu(r.asOf)}`, `journal-keeping-${r.period.id}`, r.generatedAt),
    summary: [
      { label: 'Заполнено в срок', value: pct(due ? Math.round((onTime / due) * 1000) / 10 : null) },
      { label: 'Не заполнено после срока', value: String(r.rows.reduce((n, x) => n + x.notFilled, 0)) },
      { label: 'Уроков без темы', value: String(r.rows.reduce((n, x) => n + x.missingTopics, 0)) },
      { label: 'Контрольных без отметок', value: String(r.rows.reduce((n, x) => n + x.controlWithoutMarks, 0)) },
    ],
    orientation: 'landscape',
    sections: [
      {
        title: 'По учителям',
        columns: [
          { title: 'Учитель', kind: 'text', width: 26 }, { title: 'Уроков к сроку', kind: 'integer', width: 7 }, { title: 'В срок', kind: 'integer', width: 6 }, { title: 'С опозданием', kind: 'integer', width: 8 },
          { title: 'Не заполнено', kind: 'integer', width: 8 }, { title: 'В срок, %', kind: 'percent', width: 7 }, { title: 'Без темы', kind: 'integer', width: 6 }, { title: 'Без отметок и посещ.', kind: 'integer', width: 8 },
          { title: 'Контрольных', kind: 'integer', width: 8 }, { title: 'Контр. без отметок', kind: 'integer', width: 8 }, { title: 'Итоговые: в срок', kind: 'integer', width: 8 }, { title: 'Итоговые: поздно', kind: 'integer', width: 8 }, { title: 'Итоговые: нет', kind: 'integer', width: 7 },
        ],
        rows: r.rows.map((x) => [x.teacherName, x.lessonsDue, x.filledOnTime, x.filledLate, x.notFilled, x.onTimeRate, x.missingTopics, x.emptyLessons, x.controlWorks, x.controlWithoutMarks, x.finalsOnTime, x.finalsLate, x.finalsMissing]),
      },
      {
        title: 'Что исправить',
        columns: [{ title: 'Учитель', kind: 'text', width: 24 }, { title: 'Урок', kind: 'text', width: 36 }, { title: 'Что не так', kind: 'text', width: 40 }],
        rows: r.rows.flatMap((x) => x.problems.map((p) => [x.teacherName, p.label, p.issue])),
      },
    ],
    notes: ['Журнал заполняется в течение 2 дней после урока (п. 5.2); тема урока и тема практической, лабораторной или контрольной работы обязательны (п. 5.4); итоговые отметки — не позднее дня после окончания периода (п. 6.1).'],
  };
}

export function programmeDocument(r: ProgrammeCompletionReport): ReportDocument {
  const lagging = r.rows.filter((x) => x.lag > 2);
  return {
    ...base('Выполнение программы', `${r.period.name} · на ${formatDateRu(r.asOf)}`, `programme-completion-${r.period.id}`, r.generatedAt),
    summary: [
      { label: 'Журналов', value: String(r.rows.length) },
      { label: 'Отстают от КТП более чем на 2 урока', value: String(lagging.length) },
      { label: 'Контрольных работ: проведено / по плану', value: `${r.rows.reduce((n, x) => n + x.controlHeld, 0)} / ${r.rows.reduce((n, x) => n + x.controlPlanned, 0)}` },
    ],
    orientation: 'landscape',
    sections: [
      {
        title: 'По учителям, классам и предметам',
        columns: [
          { title: 'Учитель', kind: 'text', width: 24 }, { title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 18 }, { title: 'Часов в год', kind: 'integer', width: 7 },
          { title: 'По КТП', kind: 'integer', width: 6 }, { title: 'Проведено', kind: 'integer', width: 7 }, { title: 'Выполнено, %', kind: 'percent', width: 8 }, { title: 'Тем по плану', kind: 'integer', width: 7 }, { title: 'Пройдено тем', kind: 'integer', width: 7 },
          { title: 'Контр. по плану', kind: 'integer', width: 7 }, { title: 'Контр. проведено', kind: 'integer', width: 7 }, { title: 'Замечание', kind: 'text', width: 24 },
        ],
        rows: r.rows.map((x) => [x.teacherName, x.groupName, x.subjectName, x.hoursPerYear, x.plannedHours, x.deliveredHours, x.completion, x.plannedTopics, x.coveredTopics, x.controlPlanned, x.controlHeld, x.planMismatch ?? (x.lag > 2 ? `Отставание на ${x.lag} ч` : '')]),
      },
    ],
    notes: ['По КТП — часы тематического планирования, приходящиеся на уроки расписания с начала периода по дату отчёта; проведено — уроки со статусом «проведён» (п. 7.4).'],
  };
}

export function substitutionDocument(r: SubstitutionReport): ReportDocument {
  return {
    ...base('Замены и отмены уроков', `${formatDateRu(r.from)} – ${formatDateRu(r.to)}`, `substitutions-${r.from}-${r.to}`, r.generatedAt),
    summary: [
      { label: 'Замещено уроков', value: String(r.substitutions.reduce((n, s) => n + s.lessons, 0)) },
      { label: 'Отменено уроков', value: String(r.cancellations.length) },
    ],
    sections: [
      { title: 'Замены по учителям', columns: [{ title: 'Учитель', kind: 'text', width: 30 }, { title: 'Уроков', kind: 'integer', width: 8 }], rows: r.substitutions.map((s) => [s.teacherName, s.lessons]) },
      {
        title: 'Замещённые уроки',
        columns: [{ title: 'Замещал', kind: 'text', width: 22 }, { title: 'Дата', kind: 'text', width: 10 }, { title: 'Урок', kind: 'integer', width: 5 }, { title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 18 }, { title: 'Вместо', kind: 'text', width: 22 }],
        rows: r.substitutions.flatMap((s) => s.items.map((i) => [s.teacherName, formatDateRu(i.date), i.slot, i.groupName, i.subjectName, i.replacedName])),
      },
      {
        title: 'Отменённые уроки',
        columns: [{ title: 'Дата', kind: 'text', width: 10 }, { title: 'Урок', kind: 'integer', width: 5 }, { title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 18 }, { title: 'Учитель', kind: 'text', width: 22 }, { title: 'Причина', kind: 'text', width: 26 }],
        rows: r.cancellations.map((c) => [formatDateRu(c.date), c.slot, c.groupName, c.subjectName, c.teacherName, c.reason]),
      },
    ],
  };
}

export function usageDocument(r: UsageReport): ReportDocument {
  const sum = (k: 'students' | 'parents', f: 'people' | 'withAccount' | 'active7' | 'active30' | 'neverSignedIn') => r.classes.reduce((n, c) => n + c[k][f], 0);
  const sections: ReportSection[] = [
    {
      title: 'По классам',
      columns: [
        { title: 'Класс', kind: 'text', width: 8 }, { title: 'Учеников', kind: 'integer', width: 7 }, { title: 'С учётной записью', kind: 'integer', width: 9 }, { title: 'Активны 7 дн.', kind: 'integer', width: 8 }, { title: 'Активны 30 дн.', kind: 'integer', width: 8 },
        { title: 'Родителей', kind: 'integer', width: 7 }, { title: 'С учётной записью', kind: 'integer', width: 9 }, { title: 'Активны 7 дн.', kind: 'integer', width: 8 }, { title: 'Активны 30 дн.', kind: 'integer', width: 8 }, { title: 'Не входили ни разу', kind: 'integer', width: 9 },
      ],
      rows: r.classes.map((c) => [c.className, c.students.people, c.students.withAccount, c.students.active7, c.students.active30, c.parents.people, c.parents.withAccount, c.parents.active7, c.parents.active30, c.students.neverSignedIn + c.parents.neverSignedIn]),
    },
  ];
  for (const c of r.classes.filter((x) => x.people)) {
    sections.push({
      title: `${c.className}: ученики и родители`,
      columns: [{ title: 'ФИО', kind: 'text', width: 28 }, { title: 'Кто', kind: 'text', width: 10 }, { title: 'Учётная запись', kind: 'text', width: 10 }, { title: 'Последний вход', kind: 'text', width: 14 }],
      rows: c.people!.map((p) => [p.name, p.kind === 'student' ? 'ученик' : `родитель (${(p.childNames ?? []).join(', ')})`, p.hasAccount ? (p.accountDisabled ? 'отключена' : 'есть') : 'нет', p.lastSignInAt ? formatDateRu(p.lastSignInAt.slice(0, 10)) : p.hasAccount ? 'не входил' : '']),
    });
  }
  return {
    ...base('Использование электронного дневника', `на ${formatDateRu(r.asOf)}`, `usage-${r.asOf}`, r.generatedAt),
    summary: [
      { label: 'Родители: активны за 30 дней', value: `${sum('parents', 'active30')} из ${sum('parents', 'people')}` },
      { label: 'Ученики: активны за 30 дней', value: `${sum('students', 'active30')} из ${sum('students', 'people')}` },
    ],
    orientation: 'landscape',
    sections,
    notes: ['Активен — входил в дневник с паролем в течение последних 7 (30) дней, включая сегодня (п. 5.10).'],
  };
}
