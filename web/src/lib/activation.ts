/**
 * The first sign-in with an invitation code (`#/activate`): reading a typed code, the login and
 * password rules as a live checklist (the same settings as the user pool and the API), and the
 * texts of the consent step. Pure; the page is pages/ActivatePage.svelte.
 */
import type { z } from 'zod';
import type { consentSubjectSchema, invitePreviewSchema } from '#shared/api/invitations.ts';
import { LOGIN_PATTERN, PASSWORD_POLICY } from '#shared/config/access-settings.ts';
import { ApiError } from './api.ts';
import { minutesFromSeconds } from './format.ts';

export type InvitePreview = z.output<typeof invitePreviewSchema>;
export type ConsentSubject = z.output<typeof consentSubjectSchema>;

/** The example printed on every slip and shown as the format hint. */
export const CODE_EXAMPLE = '7K3M-Q9TX-2HBD';

/** Crockford base32: no I, L, O, U. */
const CODE_CHAR = /[0-9A-HJKMNP-TV-Z]/;

/**
 * The canonical code of what was typed (upper case, grouped by four; O → 0, I/L → 1, spaces
 * and dashes ignored), or null when it cannot be a code. The API accepts any of these forms too.
 */
export function normalizeCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== 12 || ![...compact].every((c) => CODE_CHAR.test(c))) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

/** Why a typed code cannot be sent yet; null when it can. */
export function codeProblem(input: string): string | null {
  if (input.trim() === '') return 'Введите пригласительный код.';
  if (normalizeCode(input) === null) return `Пригласительный код состоит из 12 знаков (латинские буквы и цифры), например ${CODE_EXAMPLE}.`;
  return null;
}

export type Check = { id: string; text: string; ok: boolean };

/** The password rules of the user pool, each with whether `password` meets it. */
export function passwordChecks(password: string): Check[] {
  const checks: Check[] = [
    { id: 'length', text: `не короче ${PASSWORD_POLICY.minLength} символов`, ok: password.length >= PASSWORD_POLICY.minLength },
  ];
  if (PASSWORD_POLICY.requireLowercase) checks.push({ id: 'lower', text: 'строчная латинская буква (a–z)', ok: /[a-z]/.test(password) });
  if (PASSWORD_POLICY.requireUppercase) checks.push({ id: 'upper', text: 'заглавная латинская буква (A–Z)', ok: /[A-Z]/.test(password) });
  if (PASSWORD_POLICY.requireDigits) checks.push({ id: 'digit', text: 'цифра', ok: /[0-9]/.test(password) });
  if (PASSWORD_POLICY.requireSymbols) checks.push({ id: 'symbol', text: 'знак, например ! ? % # -', ok: /[^A-Za-z0-9\s]/.test(password) });
  return checks;
}

/** The login rules: LOGIN_PATTERN spelled out. */
export function loginChecks(login: string): Check[] {
  const value = login.trim();
  return [
    { id: 'login-length', text: 'от 3 до 64 символов', ok: value.length >= 3 && value.length <= 64 },
    { id: 'login-first', text: 'начинается с латинской буквы', ok: /^[a-z]/i.test(value) },
    {
      id: 'login-chars',
      text: 'только латинские буквы, цифры, точка, дефис и подчёркивание',
      ok: value !== '' && /^[a-z0-9._-]+$/i.test(value),
    },
  ];
}

export function isValidLogin(login: string): boolean {
  return LOGIN_PATTERN.test(login.trim());
}

/** Field-level problems of the credentials step, before anything is sent. */
export function credentialProblems(input: { login: string; password: string; repeat: string }): {
  login?: string;
  password?: string;
  repeat?: string;
} {
  const problems: { login?: string; password?: string; repeat?: string } = {};
  if (input.login.trim() === '') problems.login = 'Придумайте логин.';
  else if (!isValidLogin(input.login)) problems.login = 'Логин не соответствует правилам ниже.';
  if (input.password === '') problems.password = 'Придумайте пароль.';
  else if (!passwordChecks(input.password).every((c) => c.ok)) problems.password = 'Пароль не соответствует правилам ниже.';
  if (input.repeat !== input.password) problems.repeat = 'Пароли не совпадают.';
  return problems;
}

/** The checkbox label of one consent subject. */
export function consentLabel(subject: Pick<ConsentSubject, 'name' | 'relation'>): string {
  return subject.relation === 'self'
    ? `Даю согласие на обработку персональных данных: ${subject.name} (я)`
    : `Даю согласие на обработку персональных данных моего ребёнка: ${subject.name}`;
}

/** Why the code cannot be used yet (a minor student: the parent consents first). */
export function cannotRedeemText(preview: Pick<InvitePreview, 'consentGivenBy' | 'personName'>): string {
  return preview.consentGivenBy
    ? `Согласие на обработку персональных данных обучающегося ${preview.personName} должен дать родитель (${preview.consentGivenBy}): пусть он сначала активирует свой пригласительный код и даст согласие. После этого введите этот код ещё раз.`
    : `Согласие на обработку персональных данных несовершеннолетнего обучающегося даёт родитель (законный представитель). Пусть родитель сначала активирует свой пригласительный код и даст согласие — после этого введите этот код ещё раз.`;
}

/** The message of a failed preview or redemption; a rate limit says how long to wait. */
export function activationErrorText(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'RATE_LIMITED') {
    const wait = error.retryAfterSeconds !== undefined ? `через ${minutesFromSeconds(error.retryAfterSeconds)}` : 'через несколько минут';
    return `Слишком много неудачных попыток с этого адреса. Попробуйте снова ${wait}.`;
  }
  return error.message;
}
