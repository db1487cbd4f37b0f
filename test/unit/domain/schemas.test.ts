import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as domain from '#shared/domain/index.ts';
import {
  academicYearSchema,
  attendanceSchema,
  auditEventSchema,
  bellScheduleSchema,
  classTeacherSchema,
  consentSchema,
  curriculumLineSchema,
  defaultAttendanceCodes,
  defaultSchoolSettings,
  defaultWorkTypes,
  enrollmentSchema,
  finalMarkSchema,
  guardianshipSchema,
  invitationCodeFromBytes,
  invitationCodeSchema,
  invitationCodeTextSchema,
  lessonBaseSchema,
  lessonSchema,
  markSchema,
  messageSchema,
  messageThreadSchema,
  normalizeInvitationCode,
  notificationSettingsSchema,
  defaultNotificationSettings,
  personFullName,
  personSchema,
  personShortName,
  schoolClassSchema,
  schoolSchema,
  schoolSettingsSchema,
  studyPeriodSchema,
  subgroupSchema,
  subjectSchema,
  teachingAssignmentSchema,
  thematicPlanSchema,
  timetableChangeSchema,
  timetableSlotSchema,
} from '#shared/domain/index.ts';
import { class5a, english, group1, id, issues, lessonId, math, operator, parent, student, substitute, teacher } from './fixtures.ts';

const at = '2026-09-01T06:15:00.000Z';

describe('the schemas as a whole', () => {
  const schemas: [string, z.ZodType][] = [];
  for (const [name, value] of Object.entries(domain) as [string, unknown][]) {
    if (value instanceof z.ZodType) schemas.push([name, value]);
  }

  it('every full schema is a named OpenAPI component, names unique; base schemas are unnamed', () => {
    const names = new Map<string, string>();
    for (const [exportName, schema] of schemas) {
      const meta = z.globalRegistry.get(schema);
      if (exportName.endsWith('BaseSchema')) {
        expect(meta?.id, exportName).toBeUndefined();
        continue;
      }
      expect(meta?.id, exportName).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(names.has(meta!.id!), `${meta!.id} twice`).toBe(false);
      names.set(meta!.id!, exportName);
    }
    expect(names.size).toBeGreaterThan(60);
  });

  it('every schema converts to JSON Schema without unrepresentable parts', () => {
    for (const [exportName, schema] of schemas) {
      expect(() => z.toJSONSchema(schema, { unrepresentable: 'throw' }), exportName).not.toThrow();
    }
  });

  it('generic messages are Russian (the zod locale is loaded by the index)', () => {
    expect(issues(subgroupSchema.safeParse({ number: 'один' })).join('\n')).toMatch(/Неверный ввод/);
  });
});

describe('school and settings', () => {
  it('parses a school and fills in the regulation’s defaults', () => {
    const school = schoolSchema.parse({
      id: 'balashov-7',
      name: 'МОУ СОШ № 7 г. Балашова Саратовской области',
      timeZone: 'Europe/Saratov',
      settings: {},
    });
    expect(school.settings.fillDeadlineDays).toBe(2);
    expect(school.settings.finalMarkDeadlineDays).toBe(1);
    expect(school.settings.roundingThreshold).toBe(0.5);
    expect(school.settings.workTypes.map((w) => w.id)).toContain('control');
    expect(school.settings.attendanceCodes.map((c) => c.code)).toEqual(['Н', 'УП', 'Б', 'ОП']);
  });

  it('default work types: weights and control flags', () => {
    const byId = Object.fromEntries(defaultWorkTypes.map((w) => [w.id, w]));
    expect(byId.answer?.weight).toBe(1);
    expect(byId.independent?.weight).toBe(1.5);
    expect(byId.control).toMatchObject({ weight: 2, isControl: true, requiresWorkTopic: true });
    expect(byId.practical).toMatchObject({ isControl: false, requiresWorkTopic: true });
    expect(byId.homework?.isControl).toBe(false);
  });

  it('default attendance codes: absence and excuse flags', () => {
    const byCode = Object.fromEntries(defaultAttendanceCodes.map((c) => [c.code, c]));
    expect(byCode['Н']).toMatchObject({ countsAsAbsence: true, excused: false });
    expect(byCode['Б']).toMatchObject({ countsAsAbsence: true, excused: true });
    expect(byCode['ОП']).toMatchObject({ countsAsAbsence: false });
  });

  it('refuses duplicate work types and a bad time zone', () => {
    const settings = defaultSchoolSettings();
    const dup = { ...settings, workTypes: [...settings.workTypes, settings.workTypes[0]] };
    expect(issues(schoolSettingsSchema.safeParse(dup))).toEqual(['workTypes: Коды видов работ должны быть уникальны']);
    const bad = schoolSchema.safeParse({ id: 'x7', name: 'Школа', timeZone: 'MSK', settings: {} });
    expect(issues(bad).join('\n')).toContain('Europe/Moscow');
  });

  it('refuses a rounding threshold below one half', () => {
    expect(issues(schoolSettingsSchema.safeParse({ roundingThreshold: 0.4 }))).toEqual([
      'roundingThreshold: Порог округления — от 0,5 до 0,9',
    ]);
  });
});

describe('academic year and study periods', () => {
  const year = {
    id: '2026-2027',
    startDate: '2026-09-01',
    endDate: '2027-05-31',
    holidays: [
      { name: 'Осенние каникулы', startDate: '2026-10-26', endDate: '2026-11-03' },
      { name: 'Зимние каникулы', startDate: '2026-12-29', endDate: '2027-01-11' },
    ],
    daysOff: ['2026-11-04'],
  };

  it('parses a year with holidays', () => {
    expect(academicYearSchema.parse(year).holidays).toHaveLength(2);
  });

  it('refuses a year that does not match its id, and overlapping holidays', () => {
    const r = academicYearSchema.safeParse({
      ...year,
      startDate: '2025-09-01',
      holidays: [...year.holidays, { name: 'Дополнительные каникулы', startDate: '2026-11-02', endDate: '2026-11-05' }],
    });
    expect(issues(r)).toEqual([
      'startDate: Учебный год 2026-2027 должен начинаться в 2026 году',
      'holidays.2: Каникулы «Дополнительные каникулы» пересекаются с «Осенние каникулы»',
    ]);
  });

  it('parses quarters for grades 1–9 and half-years for 10–11', () => {
    expect(
      studyPeriodSchema.parse({
        id: '2026-2027-q1',
        academicYearId: '2026-2027',
        kind: 'quarter',
        number: 1,
        name: '1 четверть',
        startDate: '2026-09-01',
        endDate: '2026-10-23',
        grades: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      }).grades,
    ).toHaveLength(9);
    expect(
      studyPeriodSchema.safeParse({
        id: '2026-2027-h1',
        academicYearId: '2026-2027',
        kind: 'half-year',
        number: 1,
        name: '1 полугодие',
        startDate: '2026-09-01',
        endDate: '2026-12-28',
        grades: [10, 11],
      }).success,
    ).toBe(true);
  });

  it('refuses a fifth quarter, an id not matching the kind, and grade 12', () => {
    const base = { academicYearId: '2026-2027', name: 'Четверть', startDate: '2026-09-01', endDate: '2026-10-23', grades: [5] };
    expect(issues(studyPeriodSchema.safeParse({ ...base, id: '2026-2027-q1', kind: 'quarter', number: 5 }))).toContain(
      'number: Номер периода для вида «четверть» — от 1 до 4',
    );
    expect(issues(studyPeriodSchema.safeParse({ ...base, id: '2026-2027-h1', kind: 'quarter', number: 1 }))).toEqual([
      'id: Идентификатор периода должен быть 2026-2027-q1',
    ]);
    expect(issues(studyPeriodSchema.safeParse({ ...base, id: '2026-2027-q1', kind: 'quarter', number: 1, grades: [12] }))).toEqual([
      'grades.0: Параллель — число от 1 до 11',
    ]);
  });
});

describe('classes, subgroups, subjects', () => {
  it('parses class 5А of 2026-2027', () => {
    const c = schoolClassSchema.parse({ id: class5a, academicYearId: '2026-2027', grade: 5, letter: 'А', name: '5А' });
    expect(c.shift).toBe(1);
  });

  it('refuses a class whose id or name disagree with grade and letter', () => {
    expect(
      issues(schoolClassSchema.safeParse({ id: 'c-2026-06-А', academicYearId: '2026-2027', grade: 5, letter: 'А', name: '5 А' })),
    ).toEqual(['id: Идентификатор класса должен быть c-2026-05-А', 'name: Название класса должно быть «5А»']);
  });

  it('refuses a Latin class letter', () => {
    expect(
      issues(schoolClassSchema.safeParse({ id: class5a, academicYearId: '2026-2027', grade: 5, letter: 'A', name: '5A' })),
    ).toContain('letter: Литера класса — одна заглавная русская буква (кроме Ё, Й, Ъ, Ы, Ь)');
  });

  it('parses a subgroup and a subject', () => {
    expect(subgroupSchema.parse({ id: group1, classId: class5a, subjectId: english, number: 1, name: 'Англ. яз., гр. 1' }).archived).toBe(false);
    const pe = subjectSchema.parse({ id: id('subject', 3), name: 'Физическая культура', shortName: 'Физ-ра', isPhysicalEducation: true });
    expect(pe).toMatchObject({ grading: 'marks', isForeignLanguage: false });
  });
});

describe('people and relations', () => {
  const anna = {
    id: student,
    kind: 'student',
    lastName: 'Морозова',
    firstName: 'Анна',
    middleName: 'Дмитриевна',
    birthDate: '2015-03-14',
    healthGroup: 'preparatory',
    contacts: { email: 'anna@example.ru' },
  };

  it('parses a student and names her', () => {
    const p = personSchema.parse(anna);
    expect(personFullName(p)).toBe('Морозова Анна Дмитриевна');
    expect(personShortName(p)).toBe('Морозова А. Д.');
  });

  it('parses a staff member with a hyphenated surname and no middle name', () => {
    const p = personSchema.parse({ id: teacher, kind: 'staff', lastName: 'Римская-Корсакова', firstName: 'Мария', position: 'учитель музыки' });
    expect(personShortName(p)).toBe('Римская-Корсакова М.');
  });

  it('refuses a student without a birth date, a parent with a health group, a bad phone', () => {
    const noBirth = { ...anna, birthDate: undefined };
    expect(issues(personSchema.safeParse(noBirth))).toEqual(['birthDate: Укажите дату рождения обучающегося']);
    const parentWithGroup = { id: parent, kind: 'parent', lastName: 'Морозов', firstName: 'Дмитрий', healthGroup: 'main' };
    expect(issues(personSchema.safeParse(parentWithGroup))).toEqual(['healthGroup: Медицинская группа указывается только для обучающихся']);
    expect(issues(personSchema.safeParse({ ...anna, contacts: { phone: '8-900-123-45-67' } }))).toEqual([
      'contacts.phone: Телефон указывается как +7XXXXXXXXXX',
    ]);
    expect(issues(personSchema.safeParse({ ...anna, firstName: 'Анна1' }))).toEqual([
      'firstName: Имя: только буквы, дефис, апостроф и пробел',
    ]);
    expect(issues(personSchema.safeParse({ ...anna, lastName: '' }))).toEqual(['lastName: Укажите фамилию']);
    expect(issues(personSchema.safeParse({ ...anna, lastName: 'Морозова ' }))).toEqual([
      'lastName: Фамилия: только буквы, дефис, апостроф и пробел',
    ]);
  });

  it('enrollment: student movement with dates and reasons', () => {
    const e = { id: id('enrollment'), studentId: student, classId: class5a, subgroupIds: [group1], from: '2026-09-01', admissionReason: 'promoted' };
    expect(enrollmentSchema.safeParse(e).success).toBe(true);
    expect(enrollmentSchema.safeParse({ ...e, to: '2027-01-20', departureReason: 'transferred-out' }).success).toBe(true);
    expect(issues(enrollmentSchema.safeParse({ ...e, to: '2026-08-20', departureReason: 'transferred-out' }))).toEqual([
      'to: Дата выбытия не может быть раньше даты зачисления',
    ]);
    expect(issues(enrollmentSchema.safeParse({ ...e, to: '2027-01-20' }))).toEqual([
      'departureReason: Дата и основание выбытия указываются вместе',
    ]);
  });

  it('guardianship: a parent of a student, not of themself', () => {
    expect(guardianshipSchema.parse({ id: id('guardianship'), parentId: parent, studentId: student, relation: 'father' }).receivesNotifications).toBe(true);
    expect(issues(guardianshipSchema.safeParse({ id: id('guardianship'), parentId: student, studentId: student, relation: 'mother' }))).toEqual([
      'parentId: Родитель и обучающийся должны быть разными людьми',
    ]);
  });

  it('teaching assignment and class teacher', () => {
    expect(
      teachingAssignmentSchema.safeParse({ id: id('teachingAssignment'), academicYearId: '2026-2027', teacherId: teacher, subjectId: english, classId: class5a, subgroupId: group1 }).success,
    ).toBe(true);
    expect(classTeacherSchema.safeParse({ id: id('classTeacher'), academicYearId: '2026-2027', classId: class5a, teacherId: teacher }).success).toBe(true);
    expect(
      issues(classTeacherSchema.safeParse({ id: id('classTeacher'), academicYearId: '2026-2027', classId: class5a, teacherId: teacher, from: '2027-01-10', to: '2026-12-31' })),
    ).toEqual(['to: Дата окончания не может быть раньше даты начала']);
  });
});

describe('curriculum, plan, bells, timetable', () => {
  it('curriculum line: hours in halves', () => {
    const line = { id: id('curriculumLine'), academicYearId: '2026-2027', grade: 5, subjectId: math, hoursPerWeek: 5, hoursPerYear: 170 };
    expect(curriculumLineSchema.parse(line).part).toBe('mandatory');
    expect(issues(curriculumLineSchema.safeParse({ ...line, hoursPerWeek: 1.3 }))).toEqual(['hoursPerWeek: Часы в неделю указываются с шагом 0,5']);
  });

  it('thematic plan: numbered topics with a control work', () => {
    const plan = {
      id: id('thematicPlan'),
      academicYearId: '2026-2027',
      subjectId: math,
      classId: class5a,
      teacherId: teacher,
      topics: [
        { id: id('thematicTopic', 1), number: 1, title: 'Натуральные числа и шкалы', hours: 4 },
        { id: id('thematicTopic', 2), number: 2, title: 'Контрольная работа № 1', hours: 1, workTypeId: 'control', workTopic: 'Натуральные числа' },
      ],
    };
    expect(thematicPlanSchema.safeParse(plan).success).toBe(true);
    const swapped = { ...plan, topics: [plan.topics[1], plan.topics[0]] };
    expect(issues(thematicPlanSchema.safeParse(swapped))).toEqual([
      'topics.0.number: Темы нумеруются по порядку: ожидался номер 1',
      'topics.1.number: Темы нумеруются по порядку: ожидался номер 2',
    ]);
  });

  it('bell schedule: ascending, non-overlapping lessons', () => {
    const bells = {
      id: id('bellSchedule'),
      name: 'Основное',
      shift: 1,
      slots: [
        { number: 1, start: '08:30', end: '09:10' },
        { number: 2, start: '09:20', end: '10:00' },
      ],
    };
    expect(bellScheduleSchema.parse(bells).weekdays).toEqual([1, 2, 3, 4, 5, 6]);
    const overlapping = { ...bells, slots: [bells.slots[0], { number: 2, start: '09:00', end: '09:40' }] };
    expect(issues(bellScheduleSchema.safeParse(overlapping))).toEqual(['slots.1.start: Урок 2 начинается раньше, чем заканчивается урок 1']);
    expect(issues(bellScheduleSchema.safeParse({ ...bells, slots: [{ number: 1, start: '09:10', end: '08:30' }] }))).toEqual([
      'slots.0.end: Урок должен заканчиваться позже, чем начинается',
    ]);
  });

  it('timetable slot: weekday 1–6', () => {
    const slot = { id: id('timetableSlot'), academicYearId: '2026-2027', weekday: 2, slot: 3, classId: class5a, subjectId: math, teacherId: teacher, room: '214', validFrom: '2026-09-01' };
    expect(timetableSlotSchema.safeParse(slot).success).toBe(true);
    expect(issues(timetableSlotSchema.safeParse({ ...slot, weekday: 7 }))).toEqual(['weekday: День недели — от 1 (понедельник) до 6 (суббота)']);
  });

  it('timetable change: a substitution names the substitute', () => {
    const change = { id: id('timetableChange'), date: '2026-09-15', slot: 3, classId: class5a, kind: 'substitution', substituteTeacherId: substitute, reason: 'illness', createdBy: operator, createdAt: at };
    expect(timetableChangeSchema.safeParse(change).success).toBe(true);
    expect(issues(timetableChangeSchema.safeParse({ ...change, substituteTeacherId: undefined }))).toEqual([
      'substituteTeacherId: Для замены укажите замещающего учителя',
    ]);
    expect(issues(timetableChangeSchema.safeParse({ ...change, kind: 'move', substituteTeacherId: undefined }))).toEqual([
      'newDate: Для переноса укажите новую дату и номер урока',
    ]);
  });
});

describe('lesson, mark, attendance, final mark', () => {
  const lesson = {
    id: lessonId(english, '2026-09-01', 2, group1),
    academicYearId: '2026-2027',
    date: '2026-09-01',
    slot: 2,
    classId: class5a,
    subgroupId: group1,
    subjectId: english,
    teacherId: teacher,
    topic: 'Знакомство. Present Simple',
    homework: { text: 'Учебник, с. 12, упр. 3', dueDate: '2026-09-03' },
    status: 'conducted',
    filledAt: at,
    version: 1,
  };

  it('parses a conducted subgroup lesson with homework', () => {
    const l = lessonSchema.parse(lesson);
    expect(l).toMatchObject({ isDistance: false, materials: [] });
  });

  it('lets request bodies be derived from the base schema', () => {
    const body = lessonBaseSchema.pick({ topic: true, homework: true });
    expect(body.parse({ topic: 'Тема' })).toEqual({ topic: 'Тема' });
  });

  it('refuses a lesson whose id does not match its group, subject, date and slot', () => {
    expect(issues(lessonSchema.safeParse({ ...lesson, slot: 3 }))).toEqual([
      `id: Идентификатор урока должен быть ${lessonId(english, '2026-09-01', 3, group1)}`,
    ]);
    expect(issues(lessonSchema.safeParse({ ...lesson, id: lessonId(english, '2026-09-01', 2) }))).toEqual([
      `id: Идентификатор урока должен быть ${lesson.id}`,
    ]);
  });

  it('refuses homework due on the lesson day, the teacher as own substitute, filledAt on a planned lesson', () => {
    const bad = { ...lesson, status: 'planned', substituteTeacherId: teacher, homework: { text: 'Упр. 3', dueDate: '2026-09-01' } };
    expect(issues(lessonSchema.safeParse(bad))).toEqual([
      'substituteTeacherId: Замещающий учитель совпадает с учителем урока',
      'homework.dueDate: Срок домашнего задания должен быть позже даты урока',
      'filledAt: Время заполнения указывается только у проведённого урока',
    ]);
  });

  it('refuses a material link that is not http(s)', () => {
    const r = lessonSchema.safeParse({ ...lesson, isDistance: true, materials: [{ title: 'Видео', url: 'javascript:alert(1)' }] });
    expect(issues(r)).toEqual(['materials.0.url: Ссылка должна начинаться с http:// или https://']);
  });

  const mark = { id: id('mark'), lessonId: lesson.id, studentId: student, values: ['5', '4'], workTypeId: 'answer', version: 1, setBy: teacher, setAt: at };

  it('parses a double mark «5/4» and a non-numeric «ЗЧ»', () => {
    expect(markSchema.parse(mark).values).toEqual(['5', '4']);
    expect(markSchema.safeParse({ ...mark, values: ['ЗЧ'] }).success).toBe(true);
  });

  it('refuses a 7, three values, and a double mark with a letter', () => {
    expect(issues(markSchema.safeParse({ ...mark, values: ['7'] }))).toEqual([
      'values.0: Недопустимая отметка. Допустимые значения: 1, 2, 3, 4, 5, ОСВ, ЗЧ, НЗ, н/а',
    ]);
    expect(issues(markSchema.safeParse({ ...mark, values: ['5', '4', '3'] }))).toEqual(['values: В одной клетке не больше двух отметок']);
    expect(issues(markSchema.safeParse({ ...mark, values: ['5', 'НЗ'] }))).toEqual([
      'values: Двойная отметка может состоять только из чисел от 1 до 5, например 5/4',
    ]);
    expect(issues(markSchema.safeParse({ ...mark, values: [] }))).toEqual(['values: Укажите отметку']);
    expect(issues(markSchema.safeParse({ ...mark, version: 0 }))).toEqual(['version: Версия записи — целое число от 1']);
  });

  it('attendance: a Cyrillic code', () => {
    const a = { lessonId: lesson.id, studentId: student, code: 'Б', version: 1, setBy: teacher, setAt: at };
    expect(attendanceSchema.safeParse(a).success).toBe(true);
    expect(issues(attendanceSchema.safeParse({ ...a, code: 'H' }))).toEqual([
      'code: Отметка посещаемости — 1–3 заглавные русские буквы, например Н, УП, Б, ОП',
    ]);
  });

  it('final mark: «н/а» is allowed, «6» is not', () => {
    const f = { studentId: student, subjectId: math, studyPeriodId: '2026-2027-q1', classId: class5a, groupId: class5a, value: 'н/а', version: 1, setBy: teacher, setAt: at };
    expect(finalMarkSchema.safeParse(f).success).toBe(true);
    expect(issues(finalMarkSchema.safeParse({ ...f, value: '6' }))).toEqual([
      'value: Недопустимая итоговая отметка. Допустимые значения: 1, 2, 3, 4, 5, н/а, ЗЧ, НЗ, ОСВ',
    ]);
  });
});

describe('messages, notifications, codes, consent, audit', () => {
  const thread = { id: id('messageThread'), subject: 'Контрольная работа', participantIds: [teacher, parent], createdBy: teacher, createdAt: at, lastMessageAt: at };

  it('message thread and message with read receipts', () => {
    expect(messageThreadSchema.safeParse(thread).success).toBe(true);
    const msg = { id: id('message'), threadId: thread.id, senderId: teacher, body: 'Добрый день! Анна пропустила контрольную.', sentAt: at, receipts: [{ recipientId: parent, readAt: '2026-09-01T10:00:00Z' }] };
    expect(messageSchema.safeParse(msg).success).toBe(true);
    expect(issues(messageSchema.safeParse({ ...msg, receipts: [{ recipientId: parent, readAt: '2026-09-01T05:00:00Z' }] }))).toEqual([
      'receipts.0.readAt: Сообщение не может быть прочитано раньше отправки',
    ]);
    expect(issues(messageSchema.safeParse({ ...msg, receipts: [{ recipientId: teacher }] }))).toEqual([
      'receipts: Отправитель не может быть получателем своего сообщения',
    ]);
  });

  it('notification settings: the defaults are valid; quiet hours need two different times', () => {
    expect(notificationSettingsSchema.safeParse(defaultNotificationSettings()).success).toBe(true);
    const bad = { ...defaultNotificationSettings(), quietHours: { from: '22:00', to: '22:00' } };
    expect(issues(notificationSettingsSchema.safeParse(bad))).toEqual(['quietHours: Начало и конец тихих часов не должны совпадать']);
    const wrongMode = { ...defaultNotificationSettings(), topics: { ...defaultNotificationSettings().topics, mark: { inApp: true, email: 'weekly' } } };
    expect(issues(notificationSettingsSchema.safeParse(wrongMode))).toEqual(['topics.mark.email: Почта: instant, digest или off']);
  });

  it('invitation code: generated, normalized, stored as a hash with a register entry', () => {
    const code = invitationCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(invitationCodeTextSchema.safeParse(code).success).toBe(true);
    expect(normalizeInvitationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeInvitationCode('oool-1111-2222')).toBe('0001-1111-2222');
    expect(normalizeInvitationCode('ABC')).toBeNull();
    const entry = { id: id('invitationCode'), codeHash: 'a'.repeat(64), roles: ['parent'], scopeKey: 'c-2026-05-А', personId: parent, issuedBy: teacher, issuedAt: at, expiresAt: '2026-09-15T06:15:00.000Z' };
    expect(invitationCodeSchema.safeParse(entry).success).toBe(true);
    expect(issues(invitationCodeSchema.safeParse({ ...entry, expiresAt: at }))).toEqual([
      'expiresAt: Срок действия кода должен быть позже времени выдачи',
    ]);
    expect(invitationCodeSchema.safeParse({ ...entry, roles: ['admin'] }).success).toBe(false);
  });

  it('consent: online or on paper, withdrawn after given', () => {
    const c = { id: id('consent'), personId: student, signedById: parent, documentVersion: '2026-09', acceptedAt: at, source: { channel: 'online', ip: '203.0.113.7', userAgent: 'Mozilla/5.0' } };
    expect(consentSchema.safeParse(c).success).toBe(true);
    expect(consentSchema.safeParse({ ...c, source: { channel: 'paper', recordedBy: operator, documentRef: '17' } }).success).toBe(true);
    expect(issues(consentSchema.safeParse({ ...c, source: { channel: 'online', ip: '999.1.1.1', userAgent: 'x' } }))).toEqual([
      'source.ip: Неверный IP-адрес',
    ]);
    expect(issues(consentSchema.safeParse({ ...c, withdrawnAt: '2026-08-01T00:00:00Z' }))).toEqual([
      'withdrawnAt: Согласие не может быть отозвано раньше, чем дано',
    ]);
  });

  it('audit event: before/after by action', () => {
    const e = { id: id('auditEvent'), at, actorId: teacher, actorRole: 'teacher', entityType: 'mark', entityKey: id('mark'), action: 'update', before: { values: ['4'] }, after: { values: ['5'] }, requestId: 'req-1' };
    expect(auditEventSchema.safeParse(e).success).toBe(true);
    expect(auditEventSchema.safeParse({ ...e, actorId: 'system', action: 'create', before: null }).success).toBe(true);
    expect(issues(auditEventSchema.safeParse({ ...e, action: 'delete' }))).toEqual(['after: У удаления нет нового состояния']);
  });
});
