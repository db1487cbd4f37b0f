import { describe, expect, it } from 'vitest';
import {
  PURPOSE_LABELS,
  SLIP_KINDS,
  activationUrl,
  canIssueTo,
  classesOf,
  inviteCodesPath,
  inviteesPath,
  issueButtonText,
  lastRecoveryText,
  ledClasses,
  newStaffMember,
  reissueWarning,
  scopeOf,
  sortRegister,
  type InviteRegisterEntry,
} from './invitations.ts';

describe('scopes', () => {
  it('reads the route segment and builds the query', () => {
    expect(scopeOf('staff')).toEqual({ kind: 'staff' });
    expect(scopeOf('c-2026-05-А')).toEqual({ kind: 'class', classId: 'c-2026-05-А' });
    expect(inviteCodesPath({ kind: 'staff' })).toBe('/api/invite-codes?scope=staff');
    expect(inviteesPath({ kind: 'class', classId: 'c-2026-05-А' })).toBe('/api/invitees?scope=class&classId=c-2026-05-%D0%90');
  });
});

describe('classesOf', () => {
  it('takes distinct classes, by grade then name', () => {
    const j = (classId: string, className: string, grade: number) => ({ classId, className, grade });
    expect(
      classesOf([j('c-10a', '10А', 10), j('c-5b', '5Б', 5), j('c-5a', '5А', 5), j('c-5a', '5А', 5), j('c-1a', '1А', 1)]).map((c) => c.className),
    ).toEqual(['1А', '5А', '5Б', '10А']);
    expect(ledClasses([{ classId: 'c-11', className: '11А' }, { classId: 'c-5', className: '5А' }]).map((c) => c.grade)).toEqual([5, 11]);
  });
});

describe('issuing', () => {
  it('warns before re-issuing to people with an account or an active code', () => {
    expect(reissueWarning([{ name: 'А', state: 'none' }])).toBeNull();
    const text = reissueWarning([
      { name: 'Морозов Д. И.', state: 'account' },
      { name: 'Морозова Е. А.', state: 'invited' },
    ]);
    expect(text).toMatch(/Уже есть учётная запись: Морозов Д\. И\.\. Код выдаётся для восстановления доступа: .*новый пароль/);
    expect(text).toMatch(/Уже выдан действующий код: Морозова Е\. А\.\. Прежний код будет отозван/);
  });
  it('says on the button how many codes and how many are re-issued', () => {
    expect(issueButtonText([])).toBe('Выдать коды');
    expect(issueButtonText([{ state: 'none' }, { state: 'invited' }])).toBe('Выдать коды (2)');
    expect(issueButtonText([{ state: 'none' }, { state: 'account' }])).toBe('Выдать коды (2), из них для восстановления доступа — 1');
  });
  it('offers people with an account only to whoever may recover access (the operator)', () => {
    expect(canIssueTo({ state: 'none', personId: 'p-1' }, false)).toBe(true);
    expect(canIssueTo({ state: 'invited', personId: 'p-1' }, false)).toBe(true);
    expect(canIssueTo({ state: 'account', personId: 'p-1' }, false)).toBe(false);
    expect(canIssueTo({ state: 'account', personId: 'p-1' }, true)).toBe(true);
    // Never oneself, not even the operator (another operator issues it).
    expect(canIssueTo({ state: 'account', personId: 'p-me' }, true, 'p-me')).toBe(false);
  });
  it('names a recovery code as such in the register and on the slip', () => {
    expect(PURPOSE_LABELS.recovery).toBe('восстановление доступа');
    expect(SLIP_KINDS).toEqual({ activation: 'Пригласительный код', recovery: 'Код восстановления доступа к учётной записи' });
  });
  it('trims a new staff member and drops empty optional parts', () => {
    expect(newStaffMember({ lastName: ' Петров ', firstName: 'Иван', middleName: ' ', position: 'учитель физики ' })).toEqual({
      lastName: 'Петров',
      firstName: 'Иван',
      position: 'учитель физики',
    });
  });
  it('points slips at the site’s activation route', () => {
    expect(activationUrl({ origin: 'https://school.example.ru', pathname: '/' })).toBe('https://school.example.ru/#/activate');
  });
});

describe('lastRecoveryText', () => {
  it('says when the password was set with a recovery code and who issued it, in local time', () => {
    expect(lastRecoveryText({ at: '2026-12-06T11:05:00.000Z', issuedByName: 'Соколова Ирина Павловна' }, 180)).toBe(
      'Пароль последний раз установлен по коду восстановления 06.12.2026 в 14:05, код выдал(а) Соколова Ирина Павловна. ' +
        'Если это были не вы — обратитесь к школьному оператору.',
    );
  });
});

describe('sortRegister', () => {
  it('puts the newest issue first', () => {
    const e = (id: string, issuedAt: string) => ({ id, issuedAt }) as InviteRegisterEntry;
    expect(sortRegister([e('a', '2026-09-01T08:00:00Z'), e('b', '2026-09-03T08:00:00Z'), e('c', '2026-09-02T08:00:00Z')]).map((x) => x.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });
});
