import { describe, expect, it } from 'vitest';
import { publicView, resolveView, viewKey } from './views.ts';

describe('resolveView', () => {
  it('opens the journal list for the teacher and the administration', () => {
    expect(resolveView('/journal', 'teacher')).toMatchObject({ kind: 'journals', administration: false, title: 'Журнал', navPath: '/journal' });
    expect(resolveView('/classes', 'director')).toMatchObject({ kind: 'journals', administration: true, title: 'Классы' });
    expect(resolveView('/journal-control', 'coordinator')).toMatchObject({ kind: 'journals', administration: true });
    expect(resolveView('/journal', 'operator')).toMatchObject({ kind: 'journals', administration: true });
    expect(resolveView('/journal', 'parent')).toMatchObject({ kind: 'unavailable' });
    // A coordinator who switched from the teacher role is not kept on the teacher's section.
    expect(resolveView('/journal', 'coordinator')).toMatchObject({ kind: 'unavailable' });
  });
  it('opens a journal with an optional period', () => {
    expect(resolveView('/journal/c-2026-05-А/subject-M', 'teacher')).toMatchObject({
      kind: 'journal',
      groupId: 'c-2026-05-А',
      subjectId: 'subject-M',
      periodId: undefined,
      navPath: '/journal',
    });
    expect(resolveView('/journal/c-2026-05-А/subject-M/2026-2027-q1', 'director')).toMatchObject({ periodId: '2026-2027-q1', navPath: undefined });
    expect(resolveView('/journal/c-2026-05-А/subject-M/q1', 'teacher').kind).toBe('not-found');
    expect(resolveView('/journal/c-2026-05-А/subject-M', 'student').kind).toBe('unavailable');
  });
  it('opens a journal’s final marks for a period (п. 6.1)', () => {
    expect(resolveView('/journal/c-2026-05-А/subject-M/2026-2027-q1/final', 'teacher')).toMatchObject({
      kind: 'final-marks',
      groupId: 'c-2026-05-А',
      subjectId: 'subject-M',
      periodId: '2026-2027-q1',
      title: 'Итоговые отметки',
      navPath: '/journal',
    });
    expect(resolveView('/journal/c-2026-05-А/subject-M/2026-2027-q1/final', 'coordinator')).toMatchObject({ kind: 'final-marks', navPath: undefined });
    expect(resolveView('/journal/c-2026-05-А/subject-M/q1/final', 'teacher').kind).toBe('not-found');
    expect(resolveView('/journal/c-2026-05-А/subject-M/2026-2027-q1/other', 'teacher').kind).toBe('not-found');
    expect(resolveView('/journal/c-2026-05-А/subject-M/2026-2027-q1/final', 'parent').kind).toBe('unavailable');
    expect(viewKey(resolveView('/journal/g/s/2026-2027-q1/final', 'teacher'))).not.toBe(viewKey(resolveView('/journal/g/s/2026-2027-q2/final', 'teacher')));
  });
  it('gives the administration «Дистанционные дни» (п. 5.7), nobody else', () => {
    for (const role of ['director', 'coordinator', 'operator'] as const) {
      expect(resolveView('/distance-days', role)).toMatchObject({ kind: 'distance-days', title: 'Дистанционные дни', navPath: '/distance-days' });
    }
    expect(resolveView('/distance-days', 'teacher')).toMatchObject({ kind: 'unavailable', title: 'Дистанционные дни' });
  });
  it('opens «Отчёты» for staff and «Контроль» for the administration; the query is the page’s', () => {
    for (const role of ['teacher', 'operator', 'coordinator', 'director'] as const) {
      expect(resolveView('/reports', role)).toMatchObject({ kind: 'reports', title: 'Отчёты', navPath: '/reports' });
    }
    expect(resolveView('/reports', 'parent')).toMatchObject({ kind: 'unavailable', title: 'Отчёты' });
    for (const role of ['operator', 'coordinator', 'director'] as const) {
      expect(resolveView('/control', role)).toMatchObject({ kind: 'control', title: 'Контроль', navPath: '/control' });
    }
    expect(resolveView('/control', 'teacher')).toMatchObject({ kind: 'unavailable', title: 'Контроль' });
  });
  it('opens one lesson for staff (a substitute’s lessons are listed on the journal list)', () => {
    const id = 'sg-01M0E7FB7J608VFPW6QK2SBM7K.subject-E.2026-11-24.1';
    expect(resolveView(`/lesson/${id}`, 'teacher')).toMatchObject({ kind: 'lesson', lessonId: id, title: 'Урок', navPath: '/journal' });
    expect(resolveView('/lesson/c-2026-05-А.subject-M.2026-11-24.2', 'director')).toMatchObject({
      kind: 'lesson',
      lessonId: 'c-2026-05-А.subject-M.2026-11-24.2',
      navPath: undefined,
    });
    expect(resolveView('/lesson/c-2026-05-А.subject-M.2026-11-24.2', 'operator').kind).toBe('lesson');
    expect(resolveView('/lesson/c-2026-05-А.subject-M.2026-11-24.2', 'parent')).toMatchObject({ kind: 'unavailable', title: 'Журнал' });
    expect(resolveView('/lesson/c-2026-05-А.subject-M.2026-11-24.2', 'student').kind).toBe('unavailable');
    expect(resolveView('/lesson', 'teacher').kind).toBe('not-found');
    expect(viewKey(resolveView(`/lesson/${id}`, 'teacher'))).toBe(`lesson:${id}`);
  });
  it('gives the parent the children, then a child’s diary and marks', () => {
    expect(resolveView('/children', 'parent')).toMatchObject({ kind: 'children', target: 'diary' });
    expect(resolveView('/marks', 'parent')).toMatchObject({ kind: 'children', target: 'marks', navPath: '/marks' });
    expect(resolveView('/diary/person-1', 'parent')).toMatchObject({ kind: 'diary', studentId: 'person-1', navPath: '/children' });
    expect(resolveView('/diary/person-1/2026-11-23', 'parent')).toMatchObject({ weekStart: '2026-11-23' });
    expect(resolveView('/diary/person-1/23.11', 'parent').kind).toBe('not-found');
    // Opened at a day (a notification's lesson).
    expect(resolveView('/diary/person-1/2026-11-23/2026-11-25', 'parent')).toMatchObject({ weekStart: '2026-11-23', day: '2026-11-25' });
    expect(resolveView('/diary/person-1/2026-11-23/среда', 'parent').kind).toBe('not-found');
    expect(resolveView('/marks/person-1/2026-2027-q2', 'parent')).toMatchObject({ kind: 'marks', periodId: '2026-2027-q2', navPath: '/marks' });
  });
  it('gives the student their own pages, or none before the account is linked', () => {
    expect(resolveView('/diary', 'student', 'person-S')).toMatchObject({ kind: 'diary', studentId: 'person-S', navPath: '/diary' });
    expect(resolveView('/marks', 'student')).toMatchObject({ kind: 'marks', studentId: null });
  });
  it('keeps other roles’ sections and unknown paths apart; sections still to come are not pages', () => {
    expect(resolveView('/', 'teacher').kind).toBe('home');
    expect(resolveView('/schedule', 'teacher').kind).toBe('not-found');
    expect(resolveView('/messages', 'parent').kind).toBe('not-found');
    expect(resolveView('/users', 'teacher')).toMatchObject({ kind: 'unavailable', title: 'Пользователи' });
    expect(resolveView('/nowhere', 'teacher').kind).toBe('not-found');
  });
});

describe('identity and access pages', () => {
  it('opens activation and the consent text without signing in, and for every role', () => {
    expect(publicView('/activate')).toMatchObject({ kind: 'activate', title: 'Активация пригласительного кода' });
    expect(publicView('/consent/2026-09')).toMatchObject({ kind: 'consent-document', version: '2026-09' });
    expect(publicView('/consent/bad version')).toBeNull();
    expect(publicView('/journal')).toBeNull();
    expect(resolveView('/activate', 'parent').kind).toBe('activate');
    expect(resolveView('/consent/2026-09', 'operator').kind).toBe('consent-document');
  });
  it('gives everyone «Мои данные»', () => {
    for (const role of ['director', 'coordinator', 'operator', 'teacher', 'parent', 'student'] as const) {
      expect(resolveView('/me', role)).toMatchObject({ kind: 'me', title: 'Мои данные' });
    }
  });
  it('gives the operator users, consents and the register picker', () => {
    expect(resolveView('/users', 'operator')).toMatchObject({ kind: 'users', navPath: '/users' });
    expect(resolveView('/consents', 'operator')).toMatchObject({ kind: 'consents', title: 'Согласия' });
    expect(resolveView('/consents', 'teacher').kind).toBe('unavailable');
    expect(resolveView('/invitations', 'operator')).toMatchObject({ kind: 'invitations', administration: true });
    expect(resolveView('/invitations/staff', 'operator')).toMatchObject({ kind: 'invite-register', segment: 'staff', navPath: '/invitations' });
  });
  it('lets the director read users and consents, the coordinator users (the pages leave out the changes)', () => {
    expect(resolveView('/users', 'director')).toMatchObject({ kind: 'users', navPath: '/users', title: 'Пользователи' });
    expect(resolveView('/consents', 'director')).toMatchObject({ kind: 'consents', navPath: '/consents' });
    expect(resolveView('/users', 'coordinator')).toMatchObject({ kind: 'users', navPath: '/users' });
    expect(resolveView('/consents', 'coordinator')).toMatchObject({ kind: 'unavailable', title: 'Согласия' });
    expect(resolveView('/invitations', 'director').kind).toBe('unavailable');
  });
  it('gives a class teacher their class register; a register is no parent’s page', () => {
    const led = { classTeacher: true };
    expect(resolveView('/invitations', 'teacher', undefined, led)).toMatchObject({ kind: 'invitations', administration: false, title: 'Коды для класса' });
    expect(resolveView('/invitations', 'teacher').kind).toBe('unavailable');
    expect(resolveView('/invitations/c-2026-05-А', 'teacher', undefined, led)).toMatchObject({
      kind: 'invite-register',
      segment: 'c-2026-05-А',
      navPath: '/invitations',
    });
    expect(resolveView('/invitations/c-2026-05-А', 'parent').kind).toBe('unavailable');
  });
});

describe('viewKey', () => {
  it('ignores the week and the period, so the page follows them in place', () => {
    expect(viewKey(resolveView('/diary/p/2026-11-23', 'parent'))).toBe(viewKey(resolveView('/diary/p', 'parent')));
    expect(viewKey(resolveView('/journal/g/s/2026-2027-q1', 'teacher'))).toBe(viewKey(resolveView('/journal/g/s', 'teacher')));
    expect(viewKey(resolveView('/diary/p', 'parent'))).not.toBe(viewKey(resolveView('/diary/q', 'parent')));
    expect(viewKey(resolveView('/invitations/staff', 'operator'))).not.toBe(viewKey(resolveView('/invitations/c-1', 'operator')));
  });
});
