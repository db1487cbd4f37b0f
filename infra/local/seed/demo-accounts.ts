import type { Role } from '#shared/domain/role.ts';

/** The demo password of every seeded account (the README lists them). */
export const DEMO_PASSWORD = 'Klassny-2026!';

export type DemoAccount = {
  login: string;
  displayName: string;
  roles: Role[];
  note: string;
  /** Set for an account that must choose its own password at first sign-in. */
  temporaryPassword?: string;
};

/**
 * One account per role, plus a multi-role coordinator and a newcomer with a temporary password.
 * Each is linked to a person of the generated demo school with the same name (seed.ts): the
 * login is the key of `DemoSchool.demoPersons`.
 */
export const demoAccounts: DemoAccount[] = [
  { login: 'director', displayName: 'Воронцова Елена Викторовна', roles: ['director'], note: 'директор' },
  { login: 'coordinator', displayName: 'Белов Андрей Сергеевич', roles: ['coordinator', 'teacher'], note: 'зам. директора (координатор), учитель математики 11А, 11Б' },
  { login: 'operator', displayName: 'Соколова Ирина Павловна', roles: ['operator'], note: 'школьный оператор' },
  { login: 'teacher', displayName: 'Кузнецова Марина Алексеевна', roles: ['teacher'], note: 'учитель математики 5А, 5Б, 5В, классный руководитель 5А' },
  { login: 'parent', displayName: 'Морозов Дмитрий Игоревич', roles: ['parent'], note: 'родитель: Анна (5А) и Кирилл (2Б)' },
  { login: 'student', displayName: 'Морозова Анна Дмитриевна', roles: ['student'], note: 'обучающаяся 5А' },
  {
    login: 'newcomer',
    displayName: 'Новикова Ольга Николаевна',
    roles: ['teacher'],
    note: 'новый учитель английского языка без нагрузки: при первом входе задаёт свой пароль',
    temporaryPassword: 'Temp-2026!',
  },
];
