import type { Role } from '#shared/domain/role.ts';

export type { Role };

/** Order used to show roles and to pick the default one. */
export const ROLE_ORDER: readonly Role[] = ['director', 'coordinator', 'operator', 'teacher', 'parent', 'student'];

export const ROLE_LABELS: Record<Role, string> = {
  director: 'директор',
  coordinator: 'координатор',
  operator: 'оператор',
  teacher: 'учитель',
  student: 'обучающийся',
  parent: 'родитель',
};

export type Section = { path: string; title: string; description: string };

/** Every section of the site. Access is enforced by the API; this only shapes navigation. */
export const SECTIONS = {
  home: { path: '/', title: 'Главная', description: '' },
  journal: { path: '/journal', title: 'Журнал', description: 'Темы уроков, оценки и посещаемость по вашим урокам.' },
  diary: { path: '/diary', title: 'Дневник', description: 'Уроки, домашние задания и оценки по дням.' },
  marks: { path: '/marks', title: 'Оценки', description: 'Текущие и итоговые оценки по всем предметам за весь период.' },
  children: { path: '/children', title: 'Дети и дневник', description: 'Дневник, расписание и домашние задания ваших детей.' },
  users: { path: '/users', title: 'Пользователи', description: 'Учётные записи сотрудников, обучающихся и родителей.' },
  invitations: { path: '/invitations', title: 'Пригласительные коды', description: 'Выдача пригласительных кодов и журнал их учёта.' },
  classInvitations: {
    path: '/invitations',
    title: 'Коды для класса',
    description: 'Пригласительные коды для обучающихся и родителей вашего класса и журнал их учёта.',
  },
  consents: { path: '/consents', title: 'Согласия', description: 'Журнал согласий на обработку персональных данных.' },
  me: { path: '/me', title: 'Мои данные', description: 'Ваши данные, согласия, выход на всех устройствах и защита входа.' },
  journalControl: { path: '/journal-control', title: 'Контроль журнала', description: 'Своевременность заполнения журнала и выставления оценок.' },
  classes: { path: '/classes', title: 'Классы', description: 'Классы школы, их журналы и успеваемость.' },
  notifications: {
    path: '/notifications',
    title: 'Уведомления',
    description: 'Новые отметки, пропуски, домашние задания и итоговые отметки; как о них сообщать.',
  },
  distanceDays: {
    path: '/distance-days',
    title: 'Дистанционные дни',
    description: 'Объявление дистанционных дней для классов (п. 5.7): уроки этих дней проводятся дистанционно.',
  },
  reports: {
    path: '/reports',
    title: 'Отчёты',
    description: 'Успеваемость и качество, сводная ведомость, посещаемость, накопляемость, ведение журнала, выполнение программы — на экране и в файлах.',
  },
  control: {
    path: '/control',
    title: 'Контроль',
    description: 'Справки проверок журнала, запуск проверки вручную и резервные копии (п. 5.11, 7.1–7.4).',
  },
} as const satisfies Record<string, Section>;

export type SectionKey = keyof typeof SECTIONS;

/**
 * A section is in the navigation once it works: no item leads to a page that is still to come
 * (schedule, messages, reports … appear with their issues).
 */
const NAVIGATION: Record<Role, readonly SectionKey[]> = {
  // A teacher's reports are of their own journals and the class they lead.
  teacher: ['home', 'journal', 'classInvitations', 'reports'],
  student: ['home', 'diary', 'marks', 'notifications'],
  parent: ['home', 'children', 'marks', 'notifications'],
  operator: ['home', 'users', 'invitations', 'consents', 'distanceDays', 'reports', 'control'],
  // The administration reads the accounts (and the director the consent register); only the operator changes them.
  coordinator: ['home', 'journalControl', 'classes', 'users', 'distanceDays', 'reports', 'control'],
  director: ['home', 'journalControl', 'classes', 'users', 'consents', 'distanceDays', 'reports', 'control'],
};

/** The roles told about marks, absences, homework and final marks: the bell and «Уведомления» (staff not yet). */
export const NOTIFIED_ROLES: readonly Role[] = ['parent', 'student'];

/** What of the person (from /api/me) shapes the navigation besides the role. */
export type NavigationContext = {
  /** Leads at least one class (классный руководитель): «Коды для класса». */
  classTeacher?: boolean;
};

/** The navigation of one role, in display order (the home page first). */
export function navigationFor(role: Role, context: NavigationContext = {}): Section[] {
  return NAVIGATION[role]
    .filter((key) => key !== 'classInvitations' || context.classTeacher === true)
    .map((key) => SECTIONS[key]);
}

/** The section at `path` if the role's navigation has it. */
export function sectionFor(role: Role, path: string, context: NavigationContext = {}): Section | null {
  return navigationFor(role, context).find((section) => section.path === path) ?? null;
}

/** Any section at `path`, whichever role has it. */
export function anySectionAt(path: string): Section | null {
  return Object.values(SECTIONS).find((section) => section.path === path) ?? null;
}

export function sortRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((role) => roles.includes(role));
}

/** The remembered role if the person still holds it, else the first in ROLE_ORDER. */
export function chooseRole(roles: readonly Role[], remembered: string | null): Role | null {
  const sorted = sortRoles(roles);
  const match = sorted.find((role) => role === remembered);
  return match ?? sorted[0] ?? null;
}

export function rolesText(roles: readonly Role[]): string {
  return sortRoles(roles)
    .map((role) => ROLE_LABELS[role])
    .join(', ');
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('ru') + text.slice(1);
}
