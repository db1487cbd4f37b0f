import { describe, expect, it } from 'vitest';
import { chooseRole, navigationFor, rolesText, sectionFor } from './roles.ts';

describe('navigation per role', () => {
  const titles = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((s) => s.title);

  it('gives every role its sections after the home page — only sections that work', () => {
    expect(titles('teacher')).toEqual(['Главная', 'Журнал', 'Отчёты']);
    expect(titles('student')).toEqual(['Главная', 'Дневник', 'Оценки', 'Уведомления']);
    expect(titles('parent')).toEqual(['Главная', 'Дети и дневник', 'Оценки', 'Уведомления']);
    expect(titles('operator')).toEqual(['Главная', 'Пользователи', 'Пригласительные коды', 'Согласия', 'Дистанционные дни', 'Отчёты', 'Контроль']);
    // The administration reads the accounts; the director also the consent register; all three declare distance days (п. 5.7).
    // Reports (п. 2.3, 7.3) for all staff — a teacher their own journals and class; «Контроль» (п. 5.11, 7.1–7.4) for the administration.
    expect(titles('coordinator')).toEqual(['Главная', 'Контроль журнала', 'Классы', 'Пользователи', 'Дистанционные дни', 'Отчёты', 'Контроль']);
    expect(titles('director')).toEqual(['Главная', 'Контроль журнала', 'Классы', 'Пользователи', 'Согласия', 'Дистанционные дни', 'Отчёты', 'Контроль']);
  });

  it('offers no section still to come («Раздел в разработке»)', () => {
    for (const role of ['teacher', 'student', 'parent', 'operator', 'coordinator', 'director'] as const) {
      for (const path of ['/schedule', '/homework', '/messages', '/timetable', '/references', '/monitoring', '/classes-and-groups']) {
        expect(sectionFor(role, path)).toBeNull();
      }
    }
  });

  it('gives a class teacher «Коды для класса», and only them', () => {
    expect(titles('teacher')).not.toContain('Коды для класса');
    expect(navigationFor('teacher', { classTeacher: true }).map((s) => s.title)).toEqual(['Главная', 'Журнал', 'Коды для класса', 'Отчёты']);
    expect(sectionFor('teacher', '/invitations')).toBeNull();
    expect(sectionFor('teacher', '/invitations', { classTeacher: true })?.title).toBe('Коды для класса');
    // Other roles are not changed by leading a class.
    expect(navigationFor('coordinator', { classTeacher: true })).toEqual(navigationFor('coordinator'));
  });

  it('has unique paths within a role', () => {
    for (const role of ['teacher', 'student', 'parent', 'operator', 'coordinator', 'director'] as const) {
      const paths = navigationFor(role).map((s) => s.path);
      expect(new Set(paths).size).toBe(paths.length);
    }
  });

  it('gives «Отчёты» to staff only and «Контроль» to the administration only', () => {
    for (const role of ['teacher', 'operator', 'coordinator', 'director'] as const) expect(sectionFor(role, '/reports')?.title).toBe('Отчёты');
    for (const role of ['parent', 'student'] as const) expect(sectionFor(role, '/reports')).toBeNull();
    for (const role of ['operator', 'coordinator', 'director'] as const) expect(sectionFor(role, '/control')?.title).toBe('Контроль');
    for (const role of ['teacher', 'parent', 'student'] as const) expect(sectionFor(role, '/control')).toBeNull();
  });

  it('finds a section only in the role that has it', () => {
    expect(sectionFor('teacher', '/journal')?.title).toBe('Журнал');
    expect(sectionFor('parent', '/journal')).toBeNull();
  });
});

describe('chooseRole', () => {
  it('keeps the remembered role when the person still holds it', () => {
    expect(chooseRole(['teacher', 'coordinator'], 'teacher')).toBe('teacher');
  });
  it('falls back to the most senior role', () => {
    expect(chooseRole(['teacher', 'coordinator'], 'operator')).toBe('coordinator');
    expect(chooseRole(['teacher', 'coordinator'], null)).toBe('coordinator');
  });
  it('returns null without roles', () => {
    expect(chooseRole([], 'teacher')).toBeNull();
  });
});

describe('rolesText', () => {
  it('lists roles in Russian in a stable order', () => {
    expect(rolesText(['teacher', 'coordinator'])).toBe('координатор, учитель');
    expect(rolesText(['student'])).toBe('обучающийся');
  });
});
