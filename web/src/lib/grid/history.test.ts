import { describe, expect, it } from 'vitest';
import { historyLines } from './history.ts';

const names: Record<string, string> = { answer: 'Ответ на уроке', control: 'Контрольная работа' };

describe('a mark’s history in words', () => {
  it('tells who set, changed and removed it, and when', () => {
    const lines = historyLines(
      [
        { at: '2026-12-01T11:05:00.000Z', action: 'update', actorId: 'p2', before: { values: ['4'], workTypeId: 'answer' }, after: { values: ['5'], workTypeId: 'control', comment: 'Пересдача' } },
        { at: '2026-12-01T08:00:00.000Z', action: 'create', actorId: 'p1', actorName: 'Кузнецова Марина Алексеевна', before: null, after: { values: ['4'], workTypeId: 'answer' } },
        { at: '2026-12-02T08:00:00.000Z', action: 'delete', actorId: 'p1', actorName: 'Кузнецова Марина Алексеевна', before: { values: ['5'] }, after: null },
      ],
      (id) => names[id] ?? id,
    ).map((l) => ({ ...l, when: l.when.replace(/\d\d:\d\d$/, 'hh:mm') }));
    expect(lines).toEqual([
      { when: '01.12.2026, hh:mm', who: 'Кузнецова Марина Алексеевна', what: 'выставлена 4 (Ответ на уроке)' },
      { when: '01.12.2026, hh:mm', who: 'пользователь', what: 'изменена: 4 → 5; вид работы: Ответ на уроке → Контрольная работа; комментарий «Пересдача»' },
      { when: '02.12.2026, hh:mm', who: 'Кузнецова Марина Алексеевна', what: 'удалена (была 5)' },
    ]);
  });
});
