/**
 * Which page a route path shows for a role. Routes with data:
 * - `/journal/<groupId>/<subjectId>[/<periodId>]` — a class journal (staff);
 * - `/diary/<studentId>[/<weekStart>]` — a diary week; `/diary` is the student's own;
 * - `/marks/<studentId>[/<periodId>]` — all marks of a period; `/marks` is the student's own,
 *   or the choice of a child for a parent.
 * The lists: `/journal` (teacher), `/classes` and `/journal-control` (administration),
 * `/children` (parent). Guards shape navigation only; the API decides access.
 */
import { isIsoDate } from './dates.ts';
import { isPeriodId } from './journal.ts';
import { SECTIONS, anySectionAt, sectionFor, type Role, type Section } from './roles.ts';

export type View =
  | { kind: 'home' }
  | { kind: 'journals'; section: Section; administration: boolean }
  | { kind: 'journal'; groupId: string; subjectId: string; periodId?: string | undefined }
  | { kind: 'children'; target: 'diary' | 'marks' }
  | { kind: 'diary'; studentId: string | null; weekStart?: string | undefined }
  | { kind: 'marks'; studentId: string | null; periodId?: string | undefined }
  | { kind: 'section'; section: Section }
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

/** The section of this role at `path`, if its navigation has one. */
function navPathOf(role: Role, path: string): string | undefined {
  return sectionFor(role, path)?.path;
}

export function resolveView(path: string, role: Role, personId?: string): ResolvedView {
  if (path === '/') return { kind: 'home', title: 'Главная' };
  const parts = path.split('/').filter((p) => p !== '');
  const [head, first, second, third] = parts;

  if (head === 'journal' && parts.length === 1 && role === 'operator') {
    // The operator may open every journal (API) but has no «Журнал» item: the list by address.
    return { kind: 'journals', section: SECTIONS.journal, administration: true, title: SECTIONS.journal.title };
  }
  if (head === 'journal' && parts.length >= 3 && parts.length <= 4 && first && second) {
    if (!STAFF.includes(role)) return { kind: 'unavailable', section: SECTIONS.journal, title: SECTIONS.journal.title };
    if (third !== undefined && !isPeriodId(third)) return NOT_FOUND;
    return { kind: 'journal', groupId: first, subjectId: second, periodId: third, title: 'Журнал', navPath: navPathOf(role, '/journal') };
  }
  if (head === 'diary' && parts.length >= 2 && parts.length <= 3 && first) {
    if (second !== undefined && !isIsoDate(second)) return NOT_FOUND;
    const navPath = role === 'parent' ? '/children' : navPathOf(role, '/diary');
    return { kind: 'diary', studentId: first, weekStart: second, title: 'Дневник', navPath };
  }
  if (head === 'marks' && parts.length >= 2 && parts.length <= 3 && first) {
    if (second !== undefined && !isPeriodId(second)) return NOT_FOUND;
    return { kind: 'marks', studentId: first, periodId: second, title: 'Оценки', navPath: navPathOf(role, '/marks') };
  }

  const section = sectionFor(role, path);
  if (section) {
    const base = { title: section.title, navPath: section.path };
    if (section.path === SECTIONS.journal.path) return { kind: 'journals', section, administration: false, ...base };
    if (section.path === SECTIONS.classes.path || section.path === SECTIONS.journalControl.path) {
      return { kind: 'journals', section, administration: ADMINISTRATION.includes(role), ...base };
    }
    if (section.path === SECTIONS.children.path) return { kind: 'children', target: 'diary', ...base };
    if (section.path === SECTIONS.diary.path) return { kind: 'diary', studentId: personId ?? null, ...base };
    if (section.path === SECTIONS.marks.path) {
      return role === 'parent' ? { kind: 'children', target: 'marks', ...base } : { kind: 'marks', studentId: personId ?? null, ...base };
    }
    return { kind: 'section', section, ...base };
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
    case 'diary':
    case 'marks':
      return `${view.kind}:${view.studentId ?? ''}`;
    case 'journals':
      return `journals:${view.section.path}:${String(view.administration)}`;
    case 'children':
      return `children:${view.target}`;
    case 'section':
    case 'unavailable':
      return `${view.kind}:${view.section.path}`;
    default:
      return view.kind;
  }
}
