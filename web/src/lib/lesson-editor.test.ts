import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import {
  applyPlanTopic,
  entryFromForm,
  fillState,
  firstField,
  formFieldOf,
  formFromLesson,
  lessonConflict,
  lessonFieldErrors,
  lessonSummary,
  newMaterial,
  placeWarnings,
  planTopicOptions,
  plannedTopicFor,
  warningText,
  workTypeChoices,
  type EditedLesson,
  type ThematicPlan,
  type WorkTypeOption,
} from './lesson-editor.ts';

const lesson: EditedLesson = {
  id: 'c-2026-05-А.subject-M.2026-12-03.2',
  academicYearId: '2026-2027',
  date: '2026-12-03',
  slot: 2,
  classId: 'c-2026-05-А',
  subjectId: 'subject-M',
  teacherId: 'person-T',
  isDistance: false,
  materials: [],
  status: 'planned',
  version: 3,
} as EditedLesson;

const workTypes: WorkTypeOption[] = [
  { id: 'answer', name: 'Ответ на уроке', shortName: 'Отв', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: false },
  { id: 'practical', name: 'Практическая работа', shortName: 'П/р', weight: 1.5, isControl: false, requiresWorkTopic: true, isCheck: false, archived: false },
  { id: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2, isControl: true, requiresWorkTopic: false, isCheck: false, archived: false },
  { id: 'old', name: 'Старый вид', shortName: 'Ст', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: true },
];

const plan: ThematicPlan = {
  title: 'Математика, 5 класс',
  topics: [
    { id: 'tt-1', number: 41, title: 'Сложение дробей', hours: 1, plannedDate: '2026-12-02' },
    { id: 'tt-2', number: 42, title: 'Вычитание дробей', hours: 1, plannedDate: '2026-12-03' },
    { id: 'tt-3', number: 43, title: 'Контрольная работа № 4', hours: 1, workTypeId: 'control', workTopic: 'Действия с дробями', plannedDate: '2026-12-04' },
  ],
};

describe('the lesson form', () => {
  it('opens a past planned lesson as conducted, a future one as planned; the due date defaults to the next lesson', () => {
    const past = formFromLesson(lesson, { today: '2026-12-06', nextLessonDate: '2026-12-07' });
    expect(past).toMatchObject({ status: 'conducted', topic: '', homeworkDue: '2026-12-07', materials: [] });
    expect(formFromLesson(lesson, { today: '2026-12-01' }).status).toBe('planned');
    expect(formFromLesson({ ...lesson, status: 'cancelled', cancellationReason: 'Карантин' }, { today: '2026-12-06' })).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Карантин',
    });
    // A stored due date wins over the next lesson.
    const withHomework = { ...lesson, homework: { text: '№ 345', dueDate: '2026-12-10' } };
    expect(formFromLesson(withHomework, { today: '2026-12-06', nextLessonDate: '2026-12-07' }).homeworkDue).toBe('2026-12-10');
  });

  it('keeps a distance lesson’s materials as links or texts', () => {
    const form = formFromLesson(
      { ...lesson, isDistance: true, materials: [{ title: 'Видеоурок', url: 'https://resh.edu.ru/1' }, { title: 'Памятка', text: 'Прочитать §12' }], assignment: 'Решить № 1–5' },
      { today: '2026-12-06' },
    );
    expect(form.materials.map((m) => [m.kind, m.title, m.url, m.text])).toEqual([
      ['link', 'Видеоурок', 'https://resh.edu.ru/1', ''],
      ['text', 'Памятка', '', 'Прочитать §12'],
    ]);
    expect(new Set(form.materials.map((m) => m.key)).size).toBe(2);
    expect(form.assignment).toBe('Решить № 1–5');
  });

  it('sends the whole entry: trimmed, blanks left out, the homework with its due date, blank material rows dropped', () => {
    const form = {
      ...formFromLesson(lesson, { today: '2026-12-06', nextLessonDate: '2026-12-07' }),
      topic: '  Вычитание дробей ',
      thematicTopicId: 'tt-2',
      workTypeId: 'practical',
      workTopic: ' Дроби на координатном луче ',
      homeworkText: ' № 345, 346 ',
      cancellationReason: 'ignored unless cancelled',
      materials: [
        { ...newMaterial('link'), title: '', url: '' },
        { ...newMaterial('link'), title: 'Видеоурок', url: ' https://resh.edu.ru/1 ' },
        { ...newMaterial('text'), title: 'Памятка', text: 'Прочитать §12' },
      ],
    };
    const { entry, materialRows } = entryFromForm(form);
    expect(entry).toEqual({
      status: 'conducted',
      topic: 'Вычитание дробей',
      thematicTopicId: 'tt-2',
      workTypeId: 'practical',
      workTopic: 'Дроби на координатном луче',
      homework: { text: '№ 345, 346', dueDate: '2026-12-07' },
      materials: [
        { title: 'Видеоурок', url: 'https://resh.edu.ru/1' },
        { title: 'Памятка', text: 'Прочитать §12' },
      ],
    });
    expect(materialRows).toEqual([1, 2]);
  });

  it('clears what is blank: no homework without text, no work topic without a work, a reason only when cancelled', () => {
    const form = { ...formFromLesson(lesson, { today: '2026-12-06', nextLessonDate: '2026-12-07' }), workTopic: 'Тема', status: 'cancelled' as const, cancellationReason: ' Болезнь учителя ' };
    expect(entryFromForm(form).entry).toEqual({ status: 'cancelled', cancellationReason: 'Болезнь учителя', materials: [] });
  });
});

describe('the thematic plan', () => {
  it('lists the topics with their numbers and planned dates; the topic in progress on the day is marked', () => {
    expect(planTopicOptions(plan, '2026-12-03').map((o) => o.label)).toEqual([
      '41. Сложение дробей — по плану с 02.12',
      '42. Вычитание дробей — по плану на этот день',
      '43. Контрольная работа № 4 — по плану с 04.12',
    ]);
    expect(planTopicOptions(null, '2026-12-03')).toEqual([]);
    expect(plannedTopicFor(plan, '2026-12-03')?.id).toBe('tt-2');
    // A topic runs its hours: on the 5th the one begun on the 4th is in progress.
    expect(plannedTopicFor(plan, '2026-12-05')?.id).toBe('tt-3');
    expect(plannedTopicFor(plan, '2026-12-01')).toBeUndefined();
  });

  it('fills the topic from the plan (and the plan’s work when none is chosen); none clears the link only', () => {
    const form = formFromLesson(lesson, { today: '2026-12-06' });
    const chosen = applyPlanTopic(form, plan.topics[2]);
    expect(chosen).toMatchObject({ topic: 'Контрольная работа № 4', thematicTopicId: 'tt-3', workTypeId: 'control', workTopic: 'Действия с дробями' });
    // A work already chosen stays.
    expect(applyPlanTopic({ ...form, workTypeId: 'practical' }, plan.topics[2])).toMatchObject({ workTypeId: 'practical', workTopic: '' });
    expect(applyPlanTopic(chosen, undefined)).toMatchObject({ thematicTopicId: '', topic: 'Контрольная работа № 4' });
  });

  it('offers the school’s work types with weights, archived ones only when the lesson has one', () => {
    expect(workTypeChoices(workTypes, '').map((w) => w.label)).toEqual(['Ответ на уроке, вес 1', 'Практическая работа, вес 1,5', 'Контрольная работа, вес 2']);
    expect(workTypeChoices(workTypes, 'old').map((w) => w.id)).toContain('old');
    // п. 5.4: control works always need their topic, practical ones by the setting.
    expect(workTypeChoices(workTypes, '').map((w) => w.requiresTopic)).toEqual([false, true, true]);
  });
});

describe('the API’s answers on the form', () => {
  it('maps field paths to the form’s fields, materials to their rows', () => {
    expect(formFieldOf('body.entry.topic')).toBe('topic');
    expect(formFieldOf('body.entry.homework.text')).toBe('homeworkText');
    expect(formFieldOf('body.entry.homework.dueDate')).toBe('homeworkDue');
    expect(formFieldOf('body.entry.thematicTopicId')).toBe('topic');
    expect(formFieldOf('homework.text')).toBe('homeworkText');
    expect(formFieldOf('body.entry.materials.1.url', [1, 2])).toBe('materials.2.url');
    expect(formFieldOf('body.entry.materials.0', [1, 2])).toBe('materials.1.title');
    expect(formFieldOf('body.expectedVersion')).toBeNull();
  });

  it('places a refusal’s messages next to their fields, the rest apart', () => {
    const error = new ApiError(422, 'RULE_VIOLATED', 'Укажите тему урока', [
      { path: 'body.entry.topic', message: 'Укажите тему урока' },
      { path: 'body.entry.workTopic', message: 'Укажите тему работы «Контрольная работа»' },
      { path: 'body.clientRequestId', message: 'UUID' },
    ]);
    expect(lessonFieldErrors(error)).toEqual({
      fields: { topic: 'Укажите тему урока', workTopic: 'Укажите тему работы «Контрольная работа»' },
      other: ['UUID'],
    });
    expect(lessonFieldErrors(new ApiError(422, 'RULE_VIOLATED', 'Период закрыт (п. 6.1)'))).toEqual({ fields: {}, other: ['Период закрыт (п. 6.1)'] });
    // п. 5.7: filed under the status by the API, shown at the materials.
    const distance = new ApiError(422, 'RULE_VIOLATED', 'Для дистанционного урока добавьте учебные материалы или текст задания', [
      { path: 'body.entry.status', message: 'Для дистанционного урока добавьте учебные материалы или текст задания' },
    ], undefined, undefined, { violations: [{ rule: 'п. 5.7', code: 'DISTANCE_MATERIALS_REQUIRED' }] });
    expect(lessonFieldErrors(distance).fields).toEqual({ materials: 'Для дистанционного урока добавьте учебные материалы или текст задания' });
    expect(firstField({ homeworkText: 'x', topic: 'y' })).toBe('topic');
    expect(firstField({ 'materials.2.url': 'x', 'materials.1.title': 'y' })).toBe('materials.1.title');
  });

  it('shows warnings with their clause, beside the field when they name one', () => {
    expect(warningText({ rule: 'п. 5.4', message: 'Тема урока записывается на русском языке' })).toBe('п. 5.4: Тема урока записывается на русском языке');
    expect(warningText({ rule: 'п. 5.2', message: 'Урок заполнен с опозданием (п. 5.2)' })).toBe('Урок заполнен с опозданием (п. 5.2)');
    expect(
      placeWarnings([
        { rule: 'п. 5.4', code: 'TEXT_NOT_RUSSIAN', message: 'Тема урока записывается на русском языке', field: 'topic' },
        { rule: 'п. 5.2', code: 'FILLED_LATE', message: 'Урок заполнен с опозданием' },
      ]),
    ).toEqual({ fields: { topic: 'п. 5.4: Тема урока записывается на русском языке' }, other: ['п. 5.2: Урок заполнен с опозданием'] });
  });

  it('reads a conflict’s current lesson and who changed it', () => {
    const current = { ...lesson, status: 'conducted', topic: 'Сложение дробей', version: 4, homework: { text: '№ 1', dueDate: '2026-12-07' } };
    const conflict = lessonConflict(new ApiError(409, 'CONFLICT', 'Урок уже изменён', [], undefined, undefined, { current: { ...current, changedByName: 'Петров П. П.' } }));
    expect(conflict?.current.version).toBe(4);
    expect(conflict?.by).toBe('Петров П. П.');
    // As the API sends it: the entry with nulls for what is cleared, laid over the lesson as read.
    const sent = { status: 'conducted', topic: 'Деление дробей', workTypeId: null, workTopic: null, homework: null, materials: [], assignment: null, cancellationReason: null, version: 5, changedByName: 'Кузнецова М. А.' };
    const read = { ...lesson, workTypeId: 'control', workTopic: 'Дроби', homework: { text: '№ 2' } } as EditedLesson;
    const merged = lessonConflict(new ApiError(409, 'CONFLICT', 'x', [], undefined, undefined, { current: sent }), read);
    expect(merged?.current).toMatchObject({ id: lesson.id, date: '2026-12-03', status: 'conducted', topic: 'Деление дробей', version: 5, materials: [] });
    expect(merged?.current.workTypeId).toBeUndefined();
    expect(merged?.current.homework).toBeUndefined();
    expect(merged?.current).not.toHaveProperty('changedByName');
    expect(merged?.by).toBe('Кузнецова М. А.');
    expect(lessonConflict(new ApiError(409, 'CONFLICT', 'x', [], undefined, undefined, { current: null }))).toBeNull();
    expect(lessonConflict(new ApiError(422, 'RULE_VIOLATED', 'x'))).toBeNull();
    expect(lessonSummary(current as EditedLesson, workTypes)).toEqual([
      'Состояние: проведён',
      'Тема урока: Сложение дробей',
      'Домашнее задание: № 1 (к 07.12.2026)',
    ]);
  });
});

describe('п. 5.2: the fill deadline', () => {
  it('is two days after the lesson; late and overdue are told apart', () => {
    expect(fillState(lesson, '2026-12-05')).toEqual({
      lastDay: '2026-12-05',
      text: 'Срок заполнения (п. 5.2): до 05.12.2026 включительно',
      late: false,
      overdue: false,
    });
    expect(fillState(lesson, '2026-12-06').overdue).toBe(true);
    expect(fillState({ ...lesson, status: 'conducted', filledLate: true, filledAt: '2026-12-06T10:00:00Z' }, '2026-12-06')).toMatchObject({ late: true, overdue: false });
    expect(fillState(lesson, '2026-12-06', 5).lastDay).toBe('2026-12-08');
  });
});
