import type { Role } from '#shared/api/identity.ts';

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

/** One account per role, plus a multi-role coordinator and a newcomer with a temporary password. */
export const demoAccounts: DemoAccount[] = [
  { login: 'director', displayName: 'Воронцова Елена Викторовна', roles: ['director'], note: 'директор' },
  { login: 'coordinator', displayName: 'Белов Андрей Сергеевич', roles: ['coordinator', 'teacher'], note: 'координатор и учитель' },
  { login: 'operator', displayName: 'Соколова Ирина Павловна', roles: ['operator'], note: 'школьный оператор' },
  { login: 'teacher', displayName: 'Кузнецова Марина Алексеевна', roles: ['teacher'], note: 'учитель' },
  { login: 'parent', displayName: 'Морозов Дмитрий Игоревич', roles: ['parent'], note: 'родитель' },
  { login: 'student', displayName: 'Морозова Анна Дмитриевна', roles: ['student'], note: 'обучающаяся' },
  {
    login: 'newcomer',
    displayName: 'Новикова Ольга Николаевна',
    roles: ['teacher'],
    note: 'новый учитель: при первом входе задаёт свой пароль',
    temporaryPassword: 'Temp-2026!',
  },
];
