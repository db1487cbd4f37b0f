import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import {
  conflictCurrent,
  contactFieldErrors,
  contactsFromForm,
  contactsLine,
  contactsPath,
  formatPhone,
  normalizePhone,
  sameContacts,
} from './contacts.ts';

describe('normalizePhone', () => {
  it('brings the usual ways of writing a Russian number to +7XXXXXXXXXX', () => {
    expect(normalizePhone('+79161234567')).toBe('+79161234567');
    expect(normalizePhone(' +7 (916) 123-45-67 ')).toBe('+79161234567');
    expect(normalizePhone('8 916 123-45-67')).toBe('+79161234567');
    expect(normalizePhone('7 916 123 45 67')).toBe('+79161234567');
    expect(normalizePhone('9161234567')).toBe('+79161234567');
    expect(normalizePhone('(495) 123.45.67')).toBe('+74951234567');
  });
  it('leaves anything else for the API to refuse, trimmed', () => {
    expect(normalizePhone(' 123 ')).toBe('123');
    expect(normalizePhone('+380441234567')).toBe('+380441234567');
    expect(normalizePhone('')).toBe('');
  });
});

describe('the form and the list', () => {
  it('sends only filled fields: an empty field removes the contact', () => {
    expect(contactsFromForm(' anna@mail.example ', '8 916 123-45-67')).toEqual({ email: 'anna@mail.example', phone: '+79161234567' });
    expect(contactsFromForm('', ' ')).toEqual({});
  });
  it('compares contacts, absent and empty alike', () => {
    expect(sameContacts({}, undefined)).toBe(true);
    expect(sameContacts({ phone: '+79161234567' }, { phone: '+79161234567' })).toBe(true);
    expect(sameContacts({ phone: '+79161234567' }, { phone: '+79161234568' })).toBe(false);
  });
  it('shows contacts on one line', () => {
    expect(formatPhone('+79161234567')).toBe('+7 916 123-45-67');
    expect(formatPhone('123')).toBe('123');
    expect(contactsLine({ email: 'a@b.example', phone: '+79161234567' })).toBe('a@b.example · +7 916 123-45-67');
    expect(contactsLine({ phone: '+79161234567' })).toBe('+7 916 123-45-67');
    expect(contactsLine({})).toBe('контакты не указаны');
    expect(contactsLine(undefined)).toBe('контакты не указаны');
  });
  it('encodes the person id in the path', () => {
    expect(contactsPath('p-1')).toBe('/api/people/p-1/contacts');
  });
});

describe('the API’s answers', () => {
  it('puts field messages next to their fields', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Проверьте введённые данные.', [
      { path: 'body.contacts.email', message: 'Неверный адрес электронной почты' },
      { path: 'body.contacts.phone', message: 'Телефон указывается как +7XXXXXXXXXX' },
      { path: 'body.contactsVersion', message: 'Ожидается число' },
    ]);
    expect(contactFieldErrors(error)).toEqual({
      fields: { email: 'Неверный адрес электронной почты', phone: 'Телефон указывается как +7XXXXXXXXXX' },
      other: ['Ожидается число'],
    });
  });
  it('reads what is saved now from a conflict', () => {
    const conflict = new ApiError(409, 'CONFLICT', 'Изменено.', [], undefined, undefined, {
      current: { contacts: { email: 'new@mail.example', extra: 1 }, contactsVersion: 4 },
    });
    expect(conflictCurrent(conflict)).toEqual({ contacts: { email: 'new@mail.example' }, contactsVersion: 4 });
    expect(conflictCurrent(new ApiError(409, 'CONFLICT', 'Изменено.'))).toBeNull();
    expect(conflictCurrent(new ApiError(403, 'FORBIDDEN', 'Нет.'))).toBeNull();
    expect(conflictCurrent(new Error('x'))).toBeNull();
  });
});
