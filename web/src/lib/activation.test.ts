import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY } from '#shared/config/access-settings.ts';
import { ApiError } from './api.ts';
import {
  activationErrorText,
  cannotRedeemText,
  codeProblem,
  consentLabel,
  credentialProblems,
  isValidLogin,
  loginChecks,
  normalizeCode,
  passwordChecks,
} from './activation.ts';

describe('normalizeCode', () => {
  it('accepts lower case, spaces and missing dashes', () => {
    expect(normalizeCode('7K3M-Q9TX-2HBD')).toBe('7K3M-Q9TX-2HBD');
    expect(normalizeCode(' 7k3m q9tx 2hbd ')).toBe('7K3M-Q9TX-2HBD');
    expect(normalizeCode('7k3mq9tx2hbd')).toBe('7K3M-Q9TX-2HBD');
  });
  it('reads the letters people confuse with digits', () => {
    expect(normalizeCode('oooo-iiii-llll')).toBe('0000-1111-1111');
  });
  it('refuses what cannot be a code', () => {
    expect(normalizeCode('7K3M-Q9TX')).toBeNull();
    expect(normalizeCode('7K3M-Q9TX-2HBDU')).toBeNull();
    expect(normalizeCode('UUUU-Q9TX-2HBD')).toBeNull(); // U is not in the alphabet
    expect(normalizeCode('ЖЖЖЖ-Q9TX-2HBD')).toBeNull();
  });
  it('explains what is wrong before sending', () => {
    expect(codeProblem('  ')).toBe('Введите пригласительный код.');
    expect(codeProblem('123')).toMatch(/12 знаков/);
    expect(codeProblem('7k3m q9tx 2hbd')).toBeNull();
  });
});

describe('password and login rules', () => {
  it('checks each rule of the pool', () => {
    const weak = passwordChecks('abc');
    expect(weak.map((c) => c.id)).toEqual(['length', 'lower', 'upper', 'digit', 'symbol']);
    expect(weak.filter((c) => c.ok).map((c) => c.id)).toEqual(['lower']);
    expect(weak[0]?.text).toBe(`не короче ${PASSWORD_POLICY.minLength} символов`);
    expect(passwordChecks('Parol-2026!x').every((c) => c.ok)).toBe(true);
  });
  it('spells out the login pattern', () => {
    expect(loginChecks('').every((c) => !c.ok)).toBe(true);
    expect(loginChecks('1ab').find((c) => c.id === 'login-first')?.ok).toBe(false);
    expect(loginChecks('морозов').find((c) => c.id === 'login-chars')?.ok).toBe(false);
    expect(loginChecks('d.morozov').every((c) => c.ok)).toBe(true);
    expect(isValidLogin('d.morozov')).toBe(true);
    expect(isValidLogin('ab')).toBe(false);
  });
  it('names the field with each problem', () => {
    expect(credentialProblems({ login: '', password: '', repeat: '' })).toEqual({ login: 'Придумайте логин.', password: 'Придумайте пароль.' });
    expect(credentialProblems({ login: 'd.morozov', password: 'Parol-2026!x', repeat: 'Parol-2026!y' })).toEqual({ repeat: 'Пароли не совпадают.' });
    expect(credentialProblems({ login: 'd.morozov', password: 'Parol-2026!x', repeat: 'Parol-2026!x' })).toEqual({});
  });
});

describe('consent texts', () => {
  it('labels the checkbox for oneself and for a child', () => {
    expect(consentLabel({ name: 'Морозов Дмитрий Игоревич', relation: 'self' })).toBe(
      'Даю согласие на обработку персональных данных: Морозов Дмитрий Игоревич (я)',
    );
    expect(consentLabel({ name: 'Морозова Анна Дмитриевна', relation: 'child' })).toBe(
      'Даю согласие на обработку персональных данных моего ребёнка: Морозова Анна Дмитриевна',
    );
  });
  it('says who must consent first for a minor', () => {
    expect(cannotRedeemText({ personName: 'Морозова Анна', consentGivenBy: 'Морозов Дмитрий' })).toMatch(/Морозов Дмитрий/);
    expect(cannotRedeemText({ personName: 'Морозова Анна' })).toMatch(/родитель/);
  });
});

describe('activationErrorText', () => {
  it('says how many minutes to wait from Retry-After', () => {
    const limited = new ApiError(429, 'RATE_LIMITED', 'Слишком много запросов.', [], undefined, 840);
    expect(activationErrorText(limited)).toBe('Слишком много неудачных попыток с этого адреса. Попробуйте снова через 14 минут.');
    const once = new ApiError(429, 'RATE_LIMITED', 'Слишком много запросов.', [], undefined, 30);
    expect(activationErrorText(once)).toMatch(/через 1 минуту\.$/);
    const unknown = new ApiError(429, 'RATE_LIMITED', 'Слишком много запросов.');
    expect(activationErrorText(unknown)).toMatch(/через несколько минут\.$/);
  });
  it('keeps the API’s own message otherwise', () => {
    expect(activationErrorText(new ApiError(422, 'INVITE_CODE_INVALID', 'Код не подходит.'))).toBe('Код не подходит.');
    expect(activationErrorText(new Error('x'))).toBeNull();
  });
});
