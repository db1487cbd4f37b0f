/**
 * Which page a route path shows for a role. Routes with data:
 * - `/journal/<groupId>/<subjectId>[/<periodId>]` — a class journal (staff);
 * - `/journal/<groupId>/<subjectId>/<periodId>/final` — its final marks (п. 6.1; staff);
 * - `/lesson/<lessonId>` — one lesson with its students, marks and attendance (staff: a
 *   substitute's lessons are listed on the journal list, п. 5.3);
 * - `/diary/<studentId>[/<weekStart>[/<day>]]` — a diary week (opened at a day); `/diary` is the student's own;
 * - `/marks/<studentId>[/<periodId>]` — all marks of a period; `/marks` is the student's own,
 *   or the choice of a child for a parent.
 * The lists: `/journal` (teacher), `/classes` and `/journal-control` (administration),
 * `/children` (parent). Identity and access: `/me` (everyone), `/users` (operator; read-only
 * for the director and the coordinator), `/consents` (operator; read-only for the director),
 * `/invitations` (operator; a class teacher's «Коды для класса») and
 * `/invitations/<staff|classId>` (a register). Distance days: `/distance-days` (administration,
 * п. 5.7). Notifications (parent, student): `/notifications` and `/notifications/settings`.
 * Reports: `/reports?report=…&periodId=…` (staff; the query is the page's, the router ignores
 * it) and `/control` (administration).
 * Public, also without signing in: `/activate`, `/consent/<version>` and `/unsubscribe/<token>`
 * (a link from an e-mail). Guards shape navigation only; the API decides access.
 */
import { isIsoDate } from './dates.ts';
import { isPeriodId } from './journal.ts';
import { NOTIFIED_ROLES, SECTIONS, anySectionAt, sectionFor, type NavigationContext, type Role, type Section } from './roles.ts';

export type View =
  | { kind: 'home' }
  | { kind: 'journals'; section: Section; administration: boolean }
  | { kind: 'journal'; groupId: string; subjectId: string; periodId?: string | undefined }
  | { kind: 'final-marks'; groupId: string; subjectId: string; periodId: string }
  | { kind: 'lesson'; lessonId: string }
  | { kind: 'children'; target: 'diary' | 'marks' }
  | { kind: 'diary'; studentId: string | null; weekStart?: string | undefined; day?: string | undefined }
  | { kind: 'marks'; studentId: string | null; periodId?: string | undefined }
  | { kind: 'activate' }
  | { kind: 'consent-document'; version: string }
  | { kind: 'me' }
  | { kind: 'users' }
  | { kind: 'consents' }
  | { kind: 'invitations'; administration: boolean }
  | { kind: 'invite-register'; segment: string }
  | { kind: 'distance-days' }
  | { kind: 'reports' }
  | { kind: 'control' }
  | { kind: 'notifications' }
  | { kind: 'notification-settings' }
  | { kind: 'unsubscribe'; token: string }
  | { kind: 'unavailable'; section: Section }
  | { kind: 'not-found' };

export type ResolvedView = View & {
  /** The document title's first part. */
  title: string;
  /** The navigation item to mark as current, if the page belongs to one. */
  navPath?: string | undefined;
};

const STAFF: readonly Role[] = ['teacher', 'coordinator', 'director', 'operator'];
const ADMINISTRATION: readonly Role[] = ['coordinator', 'director', 'operator'];

const NOT_FOUND: ResolvedView = { kind: 'not-found', title: 'Страница не найдена' };

const CONSENT_VERSION = /^[0-9A-Za-z.-]{1,20}$/;

/**
 * The pages anyone may open, signed in or not: the first sign-in with a code, the text of a
 * consent version and the unsubscribe link of an e-mail. Null for every other path.
 */
export function publicView(path: string): ResolvedView | null {
  if (path === '/activate') return { kind: 'activate', title: 'Активация пригласительного кода' };
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 2 && parts[0] === 'consent' && parts[1] !== undefined && CONSENT_VERSION.test(parts[1])) {
    return { kind: 'consent-document', version: parts[1], title: 'Согласие на обработку персональных данных' };
  }
  // The token is the API's to judge: a tampered one gets its Russian refusal on the page.
  if (parts.length === 2 && parts[0] === 'unsubscribe' && parts[1] !== undefined) {
    return { kind: 'unsubscribe', token: parts[1], title: 'Отписка от писем' };
  }
  return null;
}

export function resolveView(path: string, role: Role, personId?: string, context: NavigationContext = {}): ResolvedView {
  if (path === '/') return { kind: 'home', title: 'Главная' };
  const open = publicView(path);
  if (open) return open;
  const parts = path.split('/').filter((p) => p !== '');
  const [head, first, second, third, fourth] = parts;
  /** The section of this role at `path`, if its navigation has one. */
  const navPathOf = (r: Role, p: string): string | undefined => sectionFor(r, p, context)?.path;

  if (path === SECTIONS.me.path) return { kind: 'me', title: SECTIONS.me.title };
  if (path === '/notifications/settings') {
    if (!NOTIFIED_ROLES.includes(role)) return { kind: 'unavailable', section: SECTIONS.notifications, title: SECTIONS.notifications.title };
    return { kind: 'notification-settings', title: 'Настройки уведомлений', navPath: navPathOf(role, SECTIONS.notifications.path) };
  }
  if (head === 'invitations' && parts.length === 2 && first) {
    // The operator (staff, any class) and a class teacher (their class); the API decides.
    if (role !== 'operator' && role !== 'teacher') {
      return { kind: 'unavailable', section: SECTIONS.invitations, title: SECTIONS.invitations.title };
    }
    return { kind: 'invite-register', segment: first, title: 'Пригласительные коды', navPath: navPathOf(role, '/invitations') };
  }

  if (head === 'journal' && parts.length === 1 && role === 'operator') {
    // The operator may open every journal (API) but has no «Журнал» item: the list by address.
    return { kind: 'journals', section: SECTIONS.journal, administration: true, title: SECTIONS.journal.title };
  }
  if (head === 'journal' && parts.length >= 3 && parts.length <= 4 && first && second) {
    if (!STAFF.includes(role)) return { kind: 'unavailable', section: SECTIONS.journal, title: SECTIONS.journal.title };
    if (third !== undefined && !isPeriodId(third)) return NOT_FOUND;
    return { kind: 'journal', groupId: first, subjectId: second, periodId: third, title: 'Журнал', navPath: navPathOf(role, '/journal') };
  }
  if (head === 'journal' && parts.length === 5 && first && second && third && fourth === 'final') {
    if (!STAFF.includes(role)) return { kind: 'unavailable', section: SECTIONS.journal, title: SECTIONS.journal.title };
    if (!isPeriodId(third)) return NOT_FOUND;
    return { kind: 'final-marks', groupId: first, subjectId: second, periodId: third, title: 'Итоговые отметки', navPath: navPathOf(role, '/journal') };
  }
  if (head === 'lesson' && parts.length === 2 && first) {
    if (!STAFF.includes(role)) return { kind: 'unavailable', section: SECTIONS.journal, title: SECTIONS.journal.title };
    return { kind: 'lesson', lessonId: first, title: 'Урок', navPath: navPathOf(role, '/journal') };
  }
  if (head === 'diary' && parts.length >= 2 && parts.length <= 4 && first) {
    if (second !== undefined && !isIsoDate(second)) return NOT_FOUND;
    // A day of the week to show first (a notification's lesson).
    if (third !== undefined && (!isIsoDate(third) || second === undefined)) return NOT_FOUND;
    const navPath = role === 'parent' ? '/children' : navPathOf(role, '/diary');
    return { kind: 'diary', studentId: first, weekStart: second, day: third, title: 'Дневник', navPath };
  }
  if (head === 'marks' && parts.length >= 2 && parts.length <= 3 && first) {
    if (second !== undefined && !isPeriodId(second)) return NOT_FOUND;
    return { kind: 'marks', studentId: first, periodId: second, title: 'Оценки', navPath: navPathOf(role, '/marks') };
  }

  const section = sectionFor(role, path, context);
  if (section) {
    const base = { title: section.title, navPath: section.path };
    if (section.path === SECTIONS.users.path) return { kind: 'users', ...base };
    if (section.path === SECTIONS.distanceDays.path) return { kind: 'distance-days', ...base };
    if (section.path === SECTIONS.reports.path) return { kind: 'reports', ...base };
    if (section.path === SECTIONS.control.path) return { kind: 'control', ...base };
    if (section.path === SECTIONS.notifications.path) return { kind: 'notifications', ...base };
    if (section.path === SECTIONS.consents.path) return { kind: 'consents', ...base };
    if (section.path === SECTIONS.invitations.path) return { kind: 'invitations', administration: role === 'operator', ...base };
    if (section.path === SECTIONS.journal.path) return { kind: 'journals', section, administration: false, ...base };
    if (section.path === SECTIONS.classes.path || section.path === SECTIONS.journalControl.path) {
      return { kind: 'journals', section, administration: ADMINISTRATION.includes(role), ...base };
    }
    if (section.path === SECTIONS.children.path) return { kind: 'children', target: 'diary', ...base };
    if (section.path === SECTIONS.diary.path) return { kind: 'diary', studentId: personId ?? null, ...base };
    if (section.path === SECTIONS.marks.path) {
      return role === 'parent' ? { kind: 'children', target: 'marks', ...base } : { kind: 'marks', studentId: personId ?? null, ...base };
    }
    // A section appears in the navigation once it has its page: none is left without one.
    return NOT_FOUND;
  }
  const other = anySectionAt(path);
  if (other) return { kind: 'unavailable', section: other, title: other.title };
  return NOT_FOUND;
}

/**
 * A key that changes whenever the page must be built afresh: another journal or student. The
 * week and the period are left out — the page follows them without losing focus.
 */
export function viewKey(view: View): string {
  switch (view.kind) {
    case 'journal':
      return `journal:${view.groupId}:${view.subjectId}`;
    case 'final-marks':
      return `final-marks:${view.groupId}:${view.subjectId}:${view.periodId}`;
    case 'lesson':
      return `lesson:${view.lessonId}`;
    case 'diary':
    case 'marks':
      return `${view.kind}:${view.studentId ?? ''}`;
    case 'journals':
      return `journals:${view.section.path}:${String(view.administration)}`;
    case 'children':
      return `children:${view.target}`;
    case 'unavailable':
      return `${view.kind}:${view.section.path}`;
    case 'invite-register':
      return `invite-register:${view.segment}`;
    case 'consent-document':
      return `consent-document:${view.version}`;
    case 'unsubscribe':
      return `unsubscribe:${view.token}`;
    case 'invitations':
      return `invitations:${String(view.administration)}`;
    default:
      return view.kind;
  }
}
