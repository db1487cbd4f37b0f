import { describe, expect, it } from 'vitest';
import {
  CONTROL_CHECKS,
  backupSizeText,
  checkTitle,
  drillText,
  entityText,
  keepClauses,
  mailedText,
  newestFirst,
  runResultText,
  takenText,
  withReport,
  type ControlReport,
} from './control.ts';

const report = (id: string, createdAt: string): ControlReport => ({
  id,
  check: 'daily-fill-check',
  periodKey: createdAt.slice(0, 10),
  title: `Справка ${id}`,
  createdAt,
  summary: [],
  actions: [],
  mailed: [],
  files: [],
});

describe('control checks', () => {
  it('names every check the API runs, in Russian with its clause', () => {
    expect(CONTROL_CHECKS.map((c) => c.check)).toEqual([
      'daily-fill-check',
      'monthly-operator-control',
      'period-control',
      'final-marks-check',
      'class-data-review',
      'year-end-archive',
    ]);
    expect(checkTitle('monthly-operator-control')).toBe('Ежемесячный контроль оператора (п. 5.11)');
    expect(checkTitle('period-control')).toBe('Справка по итогам периода (п. 7.3, 7.4)');
  });

  it('says whether a run made and sent a report, or found this period’s one', () => {
    expect(runResultText(true)).toBe('Справка сформирована и отправлена.');
    expect(runResultText(false)).toBe('Уже сформирована за этот период — повторно не отправлялась.');
  });

  it('names who was e-mailed once per role, and keeps a clause with its number', () => {
    expect(mailedText(['учитель', 'учитель', 'учитель', 'учитель', 'оператор'])).toBe('учитель (4), оператор');
    expect(mailedText([])).toBe('');
    expect(keepClauses('Напоминание классным руководителям (п. 6/4.1)')).toBe('Напоминание классным руководителям (п.\u00a06/4.1)');
    expect(keepClauses('Справка по итогам периода (п. 7.3, 7.4)')).toBe('Справка по итогам периода (п.\u00a07.3, 7.4)');
  });

  it('keeps the reports newest first, a run’s report in its place', () => {
    const list = newestFirst([report('a', '2026-12-01T05:00:00Z'), report('b', '2026-12-03T05:00:00Z')]);
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(withReport(list, report('c', '2026-12-07T09:00:00Z')).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    // A re-run answers the stored report: it is not listed twice.
    expect(withReport(list, report('a', '2026-12-01T05:00:00Z')).map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('backups (п. 7.1)', () => {
  it('tells the last restore drill in words (local date)', () => {
    expect(drillText({ at: '2026-12-02T01:30:00Z', ok: true }, 180)).toBe('проверена 02.12.2026: восстановление успешно');
    expect(drillText({ at: '2026-12-01T22:30:00Z', ok: false }, 180)).toBe('проверена 02.12.2026: восстановление не удалось');
    expect(drillText(undefined)).toBe('восстановление не проверялось');
  });

  it('gives its size, when it was taken and what it holds most', () => {
    expect(backupSizeText({ itemCount: 123_456, bytes: 3_565_158 }).replaceAll('\u00a0', ' ')).toBe('123 456 записей · 3,4 МБ');
    expect(backupSizeText({ itemCount: 1, bytes: 100 }).replaceAll('\u00a0', ' ')).toBe('1 запись · 100 Б');
    expect(takenText({ takenAt: '2026-12-07T00:00:00Z' }, 180)).toBe('07.12.2026, 03:00');
    expect(entityText({ PERSON: 2100, 'JOURNAL:mark': 80_000, AUDIT: 500, LESSON: 30_000, CLASS: 29 }).replaceAll('\u00a0', ' ')).toBe(
      'JOURNAL:mark 80 000, LESSON 30 000, PERSON 2 100, AUDIT 500 и ещё 1',
    );
  });
});
