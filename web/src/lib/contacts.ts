/**
 * Contact details (п. 6/4.1: the class teacher keeps students' and parents' e-mail and phone
 * current; everyone their own): the edit form's helpers and what the list shows. Pure.
 */
import type { z } from 'zod';
import type { personContactsSchema } from '#shared/api/people.ts';
import type { Contacts } from '#shared/domain/person.ts';
import { ApiError } from './api.ts';
import { apiPath } from './journal.ts';

export type { Contacts };
export type PersonContacts = z.output<typeof personContactsSchema>;

/** What the form edits: whose contacts, as they were read, and the version read with them. */
export type ContactsTarget = {
  personId: string;
  name: string;
  contacts?: Contacts | undefined;
  contactsVersion?: number | undefined;
};

/** The contacts as they are on the server now (a 409's `details.current`). */
export type CurrentContacts = { contacts: Contacts; contactsVersion: number };

export type ContactsField = 'email' | 'phone';

export const PHONE_HINT = 'В формате +7XXXXXXXXXX, например +79161234567. Можно ввести и 8 916 123-45-67.';

export function contactsPath(personId: string): string {
  return apiPath(['people', personId, 'contacts']);
}

/**
 * A phone as typed → `+7XXXXXXXXXX` when it is plainly a Russian number: spaces, dashes, dots
 * and brackets dropped; a leading 8 or 7 of 11 digits, or 10 digits alone, get +7. Anything
 * else comes back trimmed, for the API to name what is wrong.
 */
export function normalizePhone(input: string): string {
  const trimmed = input.trim();
  const compact = trimmed.replace(/[\s().-]/g, '');
  if (/^\+7\d{10}$/.test(compact)) return compact;
  if (/^[78]\d{10}$/.test(compact)) return `+7${compact.slice(1)}`;
  if (/^\d{10}$/.test(compact)) return `+7${compact}`;
  return trimmed;
}

/** `+79161234567` → `+7 916 123-45-67`; anything else as it is. */
export function formatPhone(phone: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone;
}

/** The request's contacts from the two fields: an empty field removes that contact. */
export function contactsFromForm(email: string, phone: string): Contacts {
  const e = email.trim();
  const p = normalizePhone(phone);
  return { ...(e ? { email: e } : {}), ...(p ? { phone: p } : {}) };
}

export function sameContacts(a: Contacts | undefined, b: Contacts | undefined): boolean {
  return (a?.email ?? '') === (b?.email ?? '') && (a?.phone ?? '') === (b?.phone ?? '');
}

/** One line for a list: «anna@mail.example · +7 916 123-45-67», or that there are none. */
export function contactsLine(contacts: Contacts | undefined): string {
  const parts = [contacts?.email, contacts?.phone ? formatPhone(contacts.phone) : undefined].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' · ') : 'контакты не указаны';
}

/** The API's field messages of a refused change, by field (`body.contacts.phone` → phone); the rest apart. */
export function contactFieldErrors(error: ApiError): { fields: Partial<Record<ContactsField, string>>; other: string[] } {
  const fields: Partial<Record<ContactsField, string>> = {};
  const other: string[] = [];
  for (const f of error.fields) {
    const match = /(?:^|\.)contacts\.(email|phone)$/.exec(f.path);
    const field = match?.[1] as ContactsField | undefined;
    if (field && !fields[field]) fields[field] = f.message;
    else other.push(f.message);
  }
  return { fields, other };
}

/** The contacts as they are now, from a 409 CONFLICT; null for any other error. */
export function conflictCurrent(error: unknown): CurrentContacts | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const current = error.details?.['current'];
  if (typeof current !== 'object' || current === null) return null;
  const { contacts, contactsVersion } = current as { contacts?: unknown; contactsVersion?: unknown };
  if (typeof contactsVersion !== 'number') return null;
  const c = typeof contacts === 'object' && contacts !== null ? (contacts as Record<string, unknown>) : {};
  return {
    contacts: {
      ...(typeof c['email'] === 'string' ? { email: c['email'] } : {}),
      ...(typeof c['phone'] === 'string' ? { phone: c['phone'] } : {}),
    },
    contactsVersion,
  };
}
