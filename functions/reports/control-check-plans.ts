/**
 * What each control check covers, finds and tells whom (п. 4.4, 5.2, 5.11, 6.1, 6/4.1, 7.2–7.4).
 * The figures come from the report services; this file only chooses the period and the readers.
 */
import type { ControlCheck } from '#shared/api/control.ts';
import { addDays, formatDateRu } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { listUnfilledLessons } from '#functions/data/journal-repository.ts';
import { getClassUsage } from '#functions/data/usage-repository.ts';
import { fullName } from '#functions/data/people-repository.ts';
import { computeAccumulation } from './accumulation-report.ts';
import { computeJournalKeeping, loadKeptJournals } from './journal-keeping-report.ts';
import { computePerformance } from './performance-report.ts';
import { computeProgramme, loadPlans } from './programme-report.ts';
import { accumulationDocument, journalKeepingDocument, performanceDocument, performanceSummary, programmeDocument } from './report-documents.ts';
import { loadReportYear, resolvePeriod, staffNames, byClass, type ReportYear } from './report-data.ts';
import type { CheckMail, CheckPlan, StoredFile } from './control-check-types.ts';
import { getControlReport } from '#functions/data/control-report-repository.ts';
import { controlReportKey as reportFileKey, putReportFile } from '#functions/data/report-file-store.ts';
import { renderReport } from './export/render-report.ts';
import { archiveJson, buildClassArchive } from './journal-archive.ts';
import { addressesOf, staffDirectory, type StaffMember } from './staff-directory.ts';
import type { ReportDocument } from './export/report-document.ts';

/** A plan, or why there is nothing to do yet (`message`: Russian, for the button that asked). */
type Outcome = CheckPlan | { reason: string; message: string } | { done: string };

/**
 * Each check first works out its period's key and stops there when that period's report exists
 * (`done`): a re-run reads one item, not the school.
 */
export async function planCheck(check: ControlCheck, now: Date, onDemand: boolean): Promise<Outcome> {
  const y = await loadReportYear(now);
  const done = async (key: string) => (await getControlReport(check, key)) !== undefined;
  let directory: Promise<StaffMember[]> | undefined;
  const staff = () => (directory ??= staffDirectory());
  switch (check) {
    case 'daily-fill-check': return (await done(y.today)) ? { done: y.today } : dailyFill(y, await staff(), now);
    case 'monthly-operator-control': {
      const key = previousMonth(y.today);
      return (await done(key)) ? { done: key } : monthlyControl(y, await staff(), now);
    }
    case 'period-control': {
      const period = endedPeriod(y, 2) ?? (onDemand ? endedPeriod(y, 0) : undefined);
      if (period && (await done(period.id))) return { done: period.id };
      return periodControl(y, await staff(), now, onDemand);
    }
    case 'final-marks-check': {
      const period = endedPeriod(y, y.settings.finalMarkDeadlineDays + 1) ?? (onDemand ? endedPeriod(y, 0) : undefined);
      if (period && (await done(period.id))) return { done: period.id };
      return finalMarksCheck(y, await staff(), now, onDemand);
    }
    case 'class-data-review': {
      const key = month(y.today);
      return (await done(key)) ? { done: key } : classDataReview(y, await staff(), now);
    }
    case 'year-end-archive':
      return (await done(y.year.id)) ? { done: y.year.id } : yearEndArchive(y, now);
  }
}

const director = () => functionEnv().DIRECTOR_EMAIL;
const month = (today: string) => today.slice(0, 7);
const previousMonth = (today: string) => addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
const merge = (a: ReportDocument, b: ReportDocument, title: string, subtitle: string): ReportDocument => ({
  ...a,
  title,
  subtitle,
  summary: [...(a.summary ?? []), ...(b.summary ?? [])],
  sections: [...a.sections, ...b.sections],
  notes: [...(a.notes ?? []), ...(b.notes ?? [])],
  fileStem: `${a.fileStem}-control`,
});

/**
 * Daily (п. 5.2): lessons past their 2-day deadline still unfilled (the sparse `UNFILLED` queue,
 * AP6: only the overdue lessons are read) → each teacher their own list, the operator the summary.
 */
async function dailyFill(y: ReportYear, staff: StaffMember[], now: Date): Promise<Outcome> {
  const yesterday = addDays(y.today, -1);
  const lessons = (await listUnfilledLessons(y.year.startDate, yesterday)).filter((l) => l.status !== 'cancelled' && !l.filledAt);
  const names = new Map(staff.map((s) => [s.personId, s]));
  const byTeacher = new Map<string, typeof lessons>();
  for (const l of lessons) {
    const keeper = l.substituteTeacherId ?? l.teacherId;
    byTeacher.set(keeper, [...(byTeacher.get(keeper) ?? []), l]);
  }
  const label = (l: (typeof lessons)[number]) => {
    const cls = y.structure.classes.find((c) => c.id === l.classId)?.name ?? l.classId;
    const subject = y.subjects.find((s) => s.id === l.subjectId)?.name ?? l.subjectId;
    return `${formatDateRu(l.date)}, ${l.slot} урок · ${cls} · ${subject}`;
  };
  const rows = [...byTeacher.entries()].flatMap(([t, list]) => list.map((l) => [names.get(t)?.name ?? t, label(l), formatDateRu(addDays(l.date, y.settings.fillDeadlineDays))]));
  const title = `Ежедневная проверка заполнения журнала за ${formatDateRu(y.today)}`;
  const mails: CheckMail[] = [];
  for (const [teacherId, list] of byTeacher) {
    const t = names.get(teacherId);
    mails.push({ to: t?.email ? [t.email] : [], who: 'учитель', subject: `Журнал: не заполнено уроков — ${list.length}`, attach: false, lines: ['Срок заполнения журнала прошёл (п. 5.2 Положения), не заполнены уроки:', ...list.map(label)] });
  }
  if (lessons.length > 0) mails.push({ to: addressesOf(staff, 'operator'), who: 'оператор', subject: title, attach: true, lines: [] });
  return {
    periodKey: y.today,
    title,
    summary: [{ label: 'Уроков не заполнено после срока', value: String(lessons.length) }, { label: 'Учителей', value: String(byTeacher.size) }],
    actions: byTeacher.size ? [`Напомнить учителям (${byTeacher.size}) заполнить журнал: уведомления отправлены`] : [],
    document: {
      title,
      subtitle: `Уроки, срок заполнения которых истёк (п. 5.2), на ${formatDateRu(y.today)}`,
      schoolName: functionEnv().SCHOOL_NAME,
      generatedAt: now.toISOString(),
      timeZone: functionEnv().SCHOOL_TIME_ZONE,
      fileStem: `daily-fill-check-${y.today}`,
      summary: [{ label: 'Не заполнено', value: String(lessons.length) }],
      sections: [{ title: 'Незаполненные уроки', columns: [{ title: 'Учитель', kind: 'text', width: 26 }, { title: 'Урок', kind: 'text', width: 40 }, { title: 'Срок до', kind: 'text', width: 12 }], rows }],
    },
    mails,
  };
}

/** Monthly (п. 5.11, 7.2): the operator's current control of the running period → the coordinator. */
async function monthlyControl(y: ReportYear, staff: StaffMember[], now: Date): Promise<Outcome> {
  const period = resolvePeriod(y);
  const [journals, names] = await Promise.all([loadKeptJournals(y, period), staffNames()]);
  const keeping = { ...computeJournalKeeping(y, period, journals, names, now), generatedAt: now.toISOString() };
  const accumulation = { ...computeAccumulation(y, period, journals, names), generatedAt: now.toISOString() };
  const key = previousMonth(y.today);
  const title = `Текущий контроль ведения журнала за ${key.slice(5)}.${key.slice(0, 4)}`;
  const doc = merge(journalKeepingDocument(keeping), accumulationDocument(accumulation), title, `${period.name} · на ${formatDateRu(y.today)} (п. 5.11, 7.2)`);
  const late = keeping.rows.filter((r) => r.notFilled + r.missingTopics + r.controlWithoutMarks > 0);
  const actions = late.map((r) => `${r.teacherName}: не заполнено ${r.notFilled}, без темы ${r.missingTopics}, контрольных без отметок ${r.controlWithoutMarks}`);
  return {
    periodKey: key,
    title,
    summary: doc.summary ?? [],
    actions,
    document: doc,
    mails: [{ to: addressesOf(staff, 'coordinator'), who: 'координатор', subject: title, attach: true, lines: [] }],
  };
}

/** The period that ended most recently (of those whose grades have marks), if it ended at least `days` ago. */
function endedPeriod(y: ReportYear, days: number): StudyPeriod | undefined {
  return y.structure.periods
    .filter((p) => p.kind !== 'year' && addDays(p.endDate, days) <= y.today)
    .sort((a, b) => b.endDate.localeCompare(a.endDate) || b.grades.length - a.grades.length)[0];
}

/**
 * After each period (п. 7.3, 7.4): programme completion, marks present and objective (too few,
 * outlier distributions), control works held, the period's figures → the director; each teacher
 * and class teacher their own part. Runs from the second day after the period (final marks are due
 * the day after it, п. 6.1).
 */
async function periodControl(y: ReportYear, staff: StaffMember[], now: Date, onDemand: boolean): Promise<Outcome> {
  const period = endedPeriod(y, 2) ?? (onDemand ? endedPeriod(y, 0) : undefined);
  if (!period) return { reason: 'no study period has ended yet', message: 'Справка составляется после окончания учебного периода: ни один период ещё не закончился.' };
  const names = await staffNames();
  const journals = await loadKeptJournals(y, period);
  const refs = journals.map((j) => j.ref);
  const [plans, performance] = await Promise.all([loadPlans(refs), computePerformance(y, period, { groupBy: 'class', basis: 'final' }, now, journals)]);
  const programme = { ...computeProgramme(y, period, journals, plans, names), generatedAt: now.toISOString() };
  const accumulation = { ...computeAccumulation(y, period, journals, names), generatedAt: now.toISOString() };
  const lagging = programme.rows.filter((r) => r.lag > 2);
  const controlMissing = programme.rows.filter((r) => r.controlHeld < r.controlPlanned);
  const fewMarks = accumulation.journals.filter((j) => j.tooFew.length > 0);
  // Objectivity (п. 7.4 b): a journal whose current marks are almost all «5», or with many «2».
  const outliers = journals
    .filter((j) => j.ref.grade > 1)
    .map((j) => {
      const values = j.page.marks.flatMap((m) => m.values).filter((v) => ['1', '2', '3', '4', '5'].includes(v));
      const share = (pred: (v: string) => boolean) => (values.length ? values.filter(pred).length / values.length : 0);
      return { j, n: values.length, fives: share((v) => v === '5'), fails: share((v) => v === '1' || v === '2') };
    })
    .filter((o) => o.n >= 30 && (o.fives >= 0.7 || o.fails >= 0.25));
  const title = `Справка по итогам периода: ${period.name}`;
  const base = merge(programmeDocument(programme), accumulationDocument(accumulation), title, `п. 7.3, 7.4 Положения · на ${formatDateRu(y.today)}`);
  const perf = performanceDocument(performance);
  const doc: ReportDocument = {
    ...base,
    summary: [...performanceSummary(performance.total), { label: 'Отстают от КТП', value: String(lagging.length) }, { label: 'Журналов с недостатком отметок', value: String(fewMarks.length) }, { label: 'Контрольных: проведено / по плану', value: `${programme.rows.reduce((n, r) => n + r.controlHeld, 0)} / ${programme.rows.reduce((n, r) => n + r.controlPlanned, 0)}` }],
    sections: [
      ...perf.sections,
      ...base.sections,
      {
        title: 'Объективность отметок: необычное распределение',
        columns: [{ title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 20 }, { title: 'Учитель', kind: 'text', width: 24 }, { title: 'Отметок', kind: 'integer', width: 8 }, { title: '«5», %', kind: 'percent', width: 8 }, { title: '«2», %', kind: 'percent', width: 8 }],
        rows: outliers.map((o) => [o.j.ref.groupName, o.j.ref.subjectName, names.get(o.j.ref.teacherId) ?? '', o.n, Math.round(o.fives * 1000) / 10, Math.round(o.fails * 1000) / 10]),
      },
    ],
    notes: [...(base.notes ?? []), ...(perf.notes ?? []), 'Необычное распределение: не меньше 30 отметок, из них «5» — 70 % и больше или «2» — 25 % и больше.'],
  };
  const actions = [
    ...lagging.map((r) => `${r.groupName}, ${r.subjectName} (${r.teacherName}): отставание от КТП на ${r.lag} ч`),
    ...controlMissing.map((r) => `${r.groupName}, ${r.subjectName}: контрольных проведено ${r.controlHeld} из ${r.controlPlanned}`),
    ...(fewMarks.length ? [`Недостаточная накопляемость отметок в ${fewMarks.length} журналах`] : []),
    ...outliers.map((o) => `${o.j.ref.groupName}, ${o.j.ref.subjectName}: проверить объективность отметок`),
  ];
  const mails: CheckMail[] = [
    { to: [director()], who: 'директор', subject: title, attach: true, lines: [] },
    { to: addressesOf(staff, 'coordinator'), who: 'координатор', subject: title, attach: true, lines: [] },
  ];
  // Each teacher their own part (п. 7.4: «…и учителям»).
  for (const t of staff.filter((s) => s.email && s.roles.includes('teacher'))) {
    const own = programme.rows.filter((r) => r.teacherId === t.personId);
    if (own.length === 0) continue;
    const few = accumulation.journals.filter((j) => own.some((r) => r.groupId === j.groupId && r.subjectId === j.subjectId) && j.tooFew.length > 0);
    const lines = [
      ...own.map((r) => `${r.groupName}, ${r.subjectName}: проведено ${r.deliveredHours} из ${r.plannedHours} ч по КТП, контрольных ${r.controlHeld} из ${r.controlPlanned}`),
      ...few.map((j) => `${j.groupName}, ${j.subjectName}: мало отметок у ${j.tooFew.length} учеников (${j.tooFew.map((s) => s.name).slice(0, 5).join(', ')}${j.tooFew.length > 5 ? ' …' : ''})`),
    ];
    mails.push({ to: [t.email!], who: 'учитель', subject: `${title}: ваши журналы`, attach: false, lines });
  }
  // Each class teacher their class's figures.
  for (const ct of y.structure.classTeachers.filter((c) => (!c.from || c.from <= period.endDate) && (!c.to || c.to >= period.endDate))) {
    const row = performance.rows.find((r) => r.key === ct.classId);
    const t = staff.find((s) => s.personId === ct.teacherId);
    if (!row || !t?.email) continue;
    mails.push({ to: [t.email], who: 'классный руководитель', subject: `${title}: класс ${row.label}`, attach: false, lines: [`Класс ${row.label}: успеваемость ${row.successRate ?? '—'} %, качество ${row.qualityRate ?? '—'} %, СОУ ${row.sou ?? '—'} %, средний балл ${row.average ?? '—'}; «2» — ${row.n2}, н/а — ${row.nNa}.`] });
  }
  return { periodKey: period.id, title, summary: doc.summary ?? [], actions, document: doc, mails: mails.slice(0, 99) };
}

/** One day after a period's end (п. 6.1): are all final marks set? → coordinator and director. */
async function finalMarksCheck(y: ReportYear, staff: StaffMember[], now: Date, onDemand: boolean): Promise<Outcome> {
  const period = endedPeriod(y, y.settings.finalMarkDeadlineDays + 1) ?? (onDemand ? endedPeriod(y, 0) : undefined);
  if (!period) return { reason: 'no final marks are due yet', message: 'Итоговые отметки проверяются на второй день после окончания периода: проверять пока нечего.' };
  const [journals, names] = await Promise.all([loadKeptJournals(y, period), staffNames()]);
  const rows = journals
    .filter((j) => j.ref.grade > 1)
    .map((j) => {
      const finals = j.page.finalMarks.filter((f) => f.studyPeriodId === period.id);
      const missing = j.students.filter((s) => !finals.some((f) => f.studentId === s.studentId)).length;
      return { j, missing, late: finals.filter((f) => f.late).length, set: finals.length };
    });
  const incomplete = rows.filter((r) => r.missing > 0);
  const title = `Проверка итоговых отметок: ${period.name}`;
  const complete = rows.length - incomplete.length;
  const summary = [
    { label: 'Журналов с полными итоговыми', value: `${complete} из ${rows.length}` },
    { label: 'Не выставлено итоговых отметок', value: String(incomplete.reduce((n, r) => n + r.missing, 0)) },
    { label: 'Выставлено после срока', value: String(rows.reduce((n, r) => n + r.late, 0)) },
  ];
  const doc: ReportDocument = {
    title,
    subtitle: `Срок — не позднее дня после окончания периода (п. 6.1) · на ${formatDateRu(y.today)}`,
    schoolName: functionEnv().SCHOOL_NAME,
    generatedAt: now.toISOString(),
    timeZone: functionEnv().SCHOOL_TIME_ZONE,
    fileStem: `final-marks-check-${period.id}`,
    summary,
    orientation: 'landscape',
    sections: [{
      title: 'Журналы без полных итоговых отметок',
      columns: [{ title: 'Класс', kind: 'text', width: 12 }, { title: 'Предмет', kind: 'text', width: 22 }, { title: 'Учитель', kind: 'text', width: 26 }, { title: 'Учеников', kind: 'integer', width: 8 }, { title: 'Выставлено', kind: 'integer', width: 9 }, { title: 'Нет', kind: 'integer', width: 6 }, { title: 'Позже срока', kind: 'integer', width: 8 }],
      rows: incomplete.map((r) => [r.j.ref.groupName, r.j.ref.subjectName, names.get(r.j.ref.teacherId) ?? '', r.j.students.length, r.set, r.missing, r.late]),
    }],
  };
  return {
    periodKey: period.id,
    title,
    summary,
    actions: incomplete.map((r) => `${r.j.ref.groupName}, ${r.j.ref.subjectName} (${names.get(r.j.ref.teacherId) ?? ''}): нет итоговых у ${r.missing}`),
    document: doc,
    mails: [
      { to: addressesOf(staff, 'coordinator'), who: 'координатор', subject: title, attach: true, lines: [] },
      { to: [director()], who: 'директор', subject: title, attach: true, lines: [] },
    ],
  };
}

/** Monthly (п. 6/4.1): each class teacher is reminded to review the class's data, with who has no account yet. */
async function classDataReview(y: ReportYear, staff: StaffMember[], now: Date): Promise<Outcome> {
  const appointments = y.structure.classTeachers.filter((c) => (!c.from || c.from <= y.today) && (!c.to || c.to >= y.today));
  const classes = y.structure.classes.filter((c) => appointments.some((a) => a.classId === c.id)).sort(byClass);
  const usage: Awaited<ReturnType<typeof getClassUsage>>[] = [];
  for (let i = 0; i < classes.length; i += 8) usage.push(...(await Promise.all(classes.slice(i, i + 8).map((c) => getClassUsage(c.id, y.today)))));
  const title = `Ежемесячная сверка данных учеников и родителей (${month(y.today).slice(5)}.${month(y.today).slice(0, 4)})`;
  const rows = classes.map((c, i) => {
    const u = usage[i]!;
    return { c, students: u.students.length, parents: u.parents.length, noAccount: [...u.students, ...u.parents].filter((p) => !p.hasAccount) };
  });
  const mails: CheckMail[] = rows.map(({ c, noAccount }) => {
    const t = staff.find((s) => s.personId === appointments.find((a) => a.classId === c.id)?.teacherId);
    return {
      to: t?.email ? [t.email] : [],
      who: 'классный руководитель',
      subject: `Сверка данных класса ${c.name}`,
      attach: false,
      lines: [
        `Пожалуйста, проверьте данные учеников и родителей класса ${c.name}: ФИО, классы и подгруппы, контакты (п. 6/4.1 Положения). О новых и выбывших пользователях сообщите оператору в течение 2 рабочих дней.`,
        noAccount.length ? `Ещё нет учётной записи (${noAccount.length}): ${noAccount.slice(0, 12).map((p) => fullName(p)).join(', ')}${noAccount.length > 12 ? ' …' : ''}.` : 'У всех учеников и родителей есть учётные записи.',
      ],
    };
  });
  return {
    periodKey: month(y.today),
    title,
    summary: [{ label: 'Классов', value: String(classes.length) }, { label: 'Без учётной записи', value: String(rows.reduce((n, r) => n + r.noAccount.length, 0)) }],
    actions: [],
    document: {
      title,
      subtitle: `на ${formatDateRu(y.today)} (п. 6/4.1)`,
      schoolName: functionEnv().SCHOOL_NAME,
      generatedAt: now.toISOString(),
      timeZone: functionEnv().SCHOOL_TIME_ZONE,
      fileStem: `class-data-review-${month(y.today)}`,
      sections: [{ title: 'Классы', columns: [{ title: 'Класс', kind: 'text', width: 8 }, { title: 'Учеников', kind: 'integer', width: 8 }, { title: 'Родителей', kind: 'integer', width: 8 }, { title: 'Без учётной записи', kind: 'integer', width: 10 }], rows: rows.map((r) => [r.c.name, r.students, r.parents, r.noAccount.length]) }],
    },
    mails: mails.slice(0, 99),
  };
}

/**
 * After the year's last day (п. 7.1): each class's journal of the year stored as PDF and JSON
 * (`reports/control/year-end-archive/<year>/`), listed in the report; the director is told where.
 * Skips the work when the archive of the year already exists (a re-run renders nothing).
 */
async function yearEndArchive(y: ReportYear, now: Date): Promise<Outcome> {
  if (y.year.endDate >= y.today) return { reason: 'the academic year has not ended yet', message: 'Архив журналов составляется после окончания учебного года.' };
  const key = y.year.id;
  const storedFiles: StoredFile[] = [];
  const rows: (string | number)[][] = [];
  for (const c of [...y.structure.classes].sort(byClass)) {
    const archive = await buildClassArchive(y, c.id, now);
    for (const file of [await renderReport(archive.document, 'pdf'), archiveJson(archive)]) {
      const fileKey = reportFileKey('year-end-archive', key, file.fileName);
      await putReportFile(fileKey, file.bytes, file.contentType);
      storedFiles.push({ format: file.fileName.endsWith('.pdf') ? 'pdf' : 'json', fileName: file.fileName, key: fileKey, contentType: file.contentType, size: file.bytes.byteLength, label: c.name });
    }
    rows.push([c.name, Number(archive.document.summary?.[0]?.value ?? 0), Number(archive.document.summary?.[1]?.value ?? 0), Number(archive.document.summary?.[2]?.value ?? 0)]);
  }
  const title = `Архив электронного журнала за ${y.year.startDate.slice(0, 4)}/${y.year.endDate.slice(0, 4)} учебный год`;
  return {
    periodKey: key,
    title,
    summary: [{ label: 'Классов', value: String(rows.length) }, { label: 'Файлов', value: String(storedFiles.length) }],
    actions: [],
    document: {
      title,
      subtitle: 'Журналы классов за год: PDF и машиночитаемый JSON (п. 7.1)',
      schoolName: functionEnv().SCHOOL_NAME,
      generatedAt: now.toISOString(),
      timeZone: functionEnv().SCHOOL_TIME_ZONE,
      fileStem: `year-end-archive-${key}`,
      sections: [{ title: 'Классы', columns: [{ title: 'Класс', kind: 'text', width: 8 }, { title: 'Журналов', kind: 'integer', width: 8 }, { title: 'Уроков', kind: 'integer', width: 8 }, { title: 'Отметок', kind: 'integer', width: 8 }], rows }],
    },
    mails: [{ to: [director()], who: 'директор', subject: title, attach: false, lines: [`Архивные копии журналов ${rows.length} классов за год сохранены (PDF и JSON). Скачать их можно в разделе «Контроль».`] }],
    storedFiles,
  };
}
