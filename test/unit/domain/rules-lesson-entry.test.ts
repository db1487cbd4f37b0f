import { describe, expect, it } from 'vitest';
import {
  checkDistanceLesson,
  checkLessonEntry,
  defaultWorkTypes,
  isLatinOnlyText,
  isRussianText,
} from '#shared/domain/index.ts';

const codes = (l: Parameters<typeof checkLessonEntry>[0]) => checkLessonEntry(l, defaultWorkTypes).map((v) => v.code);

describe('п. 5.4: topics are entered, in Russian', () => {
  it('п. 5.4: a conducted lesson needs a topic', () => {
    expect(codes({ status: 'conducted' })).toEqual(['LESSON_TOPIC_REQUIRED']);
    expect(codes({ status: 'conducted', topic: '   ' })).toEqual(['LESSON_TOPIC_REQUIRED']);
    expect(codes({ status: 'conducted', topic: 'Сложение натуральных чисел' })).toEqual([]);
  });

  it('п. 5.4: a planned or cancelled lesson may still be empty', () => {
    expect(codes({ status: 'planned' })).toEqual([]);
    expect(codes({ status: 'cancelled', workTypeId: 'control' })).toEqual([]);
  });

  it('п. 5.4: a control, practical or laboratory work needs its own topic', () => {
    for (const workTypeId of ['control', 'practical', 'laboratory', 'dictation']) {
      expect(codes({ status: 'conducted', topic: 'Повторение', workTypeId }), workTypeId).toEqual(['WORK_TOPIC_REQUIRED']);
      expect(codes({ status: 'conducted', topic: 'Повторение', workTypeId, workTopic: 'Дроби' }), workTypeId).toEqual([]);
    }
    const [v] = checkLessonEntry({ status: 'conducted', topic: 'Повторение', workTypeId: 'laboratory' }, defaultWorkTypes);
    expect(v?.message).toBe('Укажите тему работы «Лабораторная работа» (п. 5.4 Положения).');
  });

  it('п. 5.4: an answer or homework work needs no work topic', () => {
    expect(codes({ status: 'conducted', topic: 'Повторение', workTypeId: 'answer' })).toEqual([]);
  });

  it('п. 5.4: refuses an unknown work type', () => {
    expect(codes({ status: 'conducted', topic: 'Тема', workTypeId: 'quiz' })).toEqual(['WORK_TYPE_UNKNOWN']);
  });

  it('п. 5.4: a foreign-language lesson may quote foreign words inside Russian text', () => {
    expect(codes({ status: 'conducted', topic: 'Время Present Simple', homework: { text: 'Учебник, с. 12, упр. 3 (Workbook)' } })).toEqual([]);
  });

  it('п. 5.4: refuses a Latin-only topic, work topic or homework', () => {
    expect(codes({ status: 'conducted', topic: 'Present Simple' })).toEqual(['TEXT_NOT_RUSSIAN']);
    expect(codes({ status: 'conducted', topic: 'Тема', workTypeId: 'control', workTopic: 'Test 1' })).toEqual(['TEXT_NOT_RUSSIAN']);
    expect(codes({ status: 'conducted', topic: 'Тема', homework: { text: 'Ex. 5, p. 23' } })).toEqual(['TEXT_NOT_RUSSIAN']);
  });

  it('п. 5.4: homework of numbers only is acceptable, a topic of numbers only is not', () => {
    expect(codes({ status: 'conducted', topic: 'Тема', homework: { text: '№ 345, 346' } })).toEqual([]);
    expect(codes({ status: 'conducted', topic: '§ 12' })).toEqual(['TEXT_NOT_RUSSIAN']);
  });

  it('recognises Russian and Latin-only text', () => {
    expect(isRussianText('Ёлка')).toBe(true);
    expect(isRussianText('Ex. 5')).toBe(false);
    expect(isLatinOnlyText('Ex. 5')).toBe(true);
    expect(isLatinOnlyText('№ 5')).toBe(false);
    expect(isLatinOnlyText('Упр. 5 (Ex.)')).toBe(false);
  });
});

describe('п. 5.7: distance lessons', () => {
  it('п. 5.7: a distance lesson without materials or assignment is refused', () => {
    const v = checkDistanceLesson({ isDistance: true, status: 'conducted', materials: [] });
    expect(v?.code).toBe('DISTANCE_MATERIALS_REQUIRED');
    expect(v?.message).toBe('Для дистанционного урока добавьте учебные материалы или текст задания (п. 5.7 Положения).');
    expect(checkDistanceLesson({ isDistance: true, status: 'planned', materials: [], assignment: '  ' })?.code).toBe(
      'DISTANCE_MATERIALS_REQUIRED',
    );
  });

  it('п. 5.7: materials or an assignment text suffice', () => {
    expect(checkDistanceLesson({ isDistance: true, status: 'conducted', materials: [{ title: 'Видеоурок', url: 'https://example.ru/v' }] })).toBeNull();
    expect(checkDistanceLesson({ isDistance: true, status: 'conducted', materials: [], assignment: 'Решить № 1–5' })).toBeNull();
  });

  it('п. 5.7: ordinary and cancelled lessons need nothing', () => {
    expect(checkDistanceLesson({ isDistance: false, status: 'conducted', materials: [] })).toBeNull();
    expect(checkDistanceLesson({ isDistance: true, status: 'cancelled', materials: [] })).toBeNull();
  });
});
