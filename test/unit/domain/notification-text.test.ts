import { describe, expect, it } from 'vitest';
import { defaultAttendanceCodes } from '#shared/domain/attendance-codes.ts';
import { describeNotification } from '#shared/domain/notification-text.ts';
import { defaultWorkTypes } from '#shared/domain/work-types.ts';

const names = { workTypes: defaultWorkTypes, attendanceCodes: defaultAttendanceCodes };
const base = { subjectName: 'Математика', date: '2026-12-03' };

describe('the words of a notification (the bell and the e-mail alike)', () => {
  it('a mark: new, changed, removed — with its work, weight, day and comment', () => {
    const five = { kind: 'mark' as const, values: ['5'], workTypeId: 'control', comment: 'Без ошибок' };
    expect(describeNotification({ ...base, topic: 'mark', before: null, after: five }, names)).toEqual({
      title: 'Математика: новая отметка 5',
      text: 'Контрольная работа (вес 2) · урок 03.12.2026 · «Без ошибок»',
    });
    expect(describeNotification({ ...base, topic: 'mark', before: { ...five, values: ['4'] }, after: { ...five, values: ['5', '4'] } }, names).title).toBe(
      'Математика: отметка изменена 4 → 5/4',
    );
    expect(describeNotification({ ...base, topic: 'mark', before: five, after: null }, names).title).toBe('Математика: отметка 5 удалена');
  });

  it('an absence, a lateness, and one taken back', () => {
    expect(describeNotification({ ...base, topic: 'absence', before: null, after: { kind: 'absence', code: 'Н' } }, names)).toEqual({
      title: 'Математика: пропуск урока (Н)',
      text: 'Урок 03.12.2026: Отсутствовал без уважительной причины',
    });
    expect(describeNotification({ ...base, topic: 'absence', before: null, after: { kind: 'absence', code: 'ОП', minutesLate: 10 } }, names).text).toBe(
      'Урок 03.12.2026: Опоздал на 10 мин.',
    );
    expect(describeNotification({ ...base, topic: 'absence', before: { kind: 'absence', code: 'Н' }, after: null }, names).title).toBe('Математика: отметка «Н» снята');
  });

  it('homework with its due date and files; a final mark for its period', () => {
    expect(
      describeNotification({ ...base, topic: 'homework', before: null, after: { kind: 'homework', text: '№ 412, 415', dueDate: '2026-12-05', files: 2 } }, names),
    ).toEqual({ title: 'Математика: домашнее задание на 05.12.2026', text: '№ 412, 415 · 2 файла · урок 03.12.2026' });
    expect(
      describeNotification({ ...base, topic: 'final-mark', periodName: '2 четверть', before: { kind: 'final-mark', value: '4' }, after: { kind: 'final-mark', value: '5' } }, names).title,
    ).toBe('Математика: итоговая отметка за 2 четверть изменена 4 → 5');
  });
});
