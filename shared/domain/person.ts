import * as z from 'zod';
import { instantSchema, isoDateSchema } from './dates.ts';
import { personIdSchema } from './ids.ts';

/** Staff (any school employee), student (обучающийся), parent (родитель, законный представитель). */
export const personKindSchema = z
  .enum(['staff', 'student', 'parent'], { error: 'Вид участника: staff, student или parent' })
  .meta({ id: 'PersonKind', description: 'staff | student | parent' });
export type PersonKind = z.infer<typeof personKindSchema>;

/** Medical health group for physical education (медицинская группа здоровья). */
export const healthGroupSchema = z
  .enum(['main', 'preparatory', 'special-a', 'special-b', 'exempt'], {
    error: 'Медицинская группа: main, preparatory, special-a, special-b или exempt',
  })
  .meta({ id: 'HealthGroup', description: 'main | preparatory | special-a | special-b | exempt (п. 6.2)' });
export type HealthGroup = z.infer<typeof healthGroupSchema>;

export const healthGroupLabels: Record<HealthGroup, string> = {
  main: 'основная',
  preparatory: 'подготовительная',
  'special-a': 'специальная «А»',
  'special-b': 'специальная «Б»',
  exempt: 'освобождён',
};

const NAME = /^\p{L}[\p{L}\p{M}'’ -]*\p{L}$|^\p{L}$/u;

/** `accusative` for «Укажите …», `label` (nominative) for the other messages. */
function nameSchema(accusative: string, label: string) {
  return z
    .string()
    .min(1, { error: `Укажите ${accusative}`, abort: true })
    .max(60, { error: `${label}: не длиннее 60 символов` })
    .regex(NAME, { error: `${label}: только буквы, дефис, апостроф и пробел` });
}

/** Contacts used for notifications; all optional. */
export const contactsSchema = z
  .object({
    email: z.email({ error: 'Неверный адрес электронной почты' }).optional(),
    /** +7XXXXXXXXXX */
    phone: z.string().regex(/^\+7\d{10}$/, { error: 'Телефон указывается как +7XXXXXXXXXX' }).optional(),
  })
  .meta({ id: 'Contacts', description: 'E-mail and phone' });
export type Contacts = z.infer<typeof contactsSchema>;

/** Person without cross-field checks (for deriving request bodies with pick/omit). */
export const personBaseSchema = z.object({
  id: personIdSchema,
  kind: personKindSchema,
  lastName: nameSchema('фамилию', 'Фамилия'),
  firstName: nameSchema('имя', 'Имя'),
  /** Отчество, if any. */
  middleName: nameSchema('отчество', 'Отчество').optional(),
  /** Required for students. */
  birthDate: isoDateSchema.optional(),
  gender: z.enum(['male', 'female'], { error: 'Пол: male или female' }).optional(),
  contacts: contactsSchema.default(() => ({})),
  /** Bumped on every change of the contacts (optimistic concurrency of their editing). */
  contactsVersion: z.number().int().min(0).optional(),
  /** Students only; absent means основная (main). */
  healthGroup: healthGroupSchema.optional(),
  /** Staff only: «учитель математики». */
  position: z.string().max(120).optional(),
  /** The account (Cognito sub) linked when the invitation code is redeemed. */
  userId: z.string().min(1).max(128).optional(),
  /** Set when the person has left the school (п. 5.4: old users removed); data is kept. */
  archivedAt: instantSchema.optional(),
});

/** A participant of school life: staff member, student or parent. */
export const personSchema = personBaseSchema
  .superRefine((p, ctx) => {
    if (p.kind === 'student' && p.birthDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Укажите дату рождения обучающегося' });
    }
    if (p.kind !== 'student' && p.healthGroup !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['healthGroup'], message: 'Медицинская группа указывается только для обучающихся' });
    }
    if (p.kind !== 'staff' && p.position !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['position'], message: 'Должность указывается только для сотрудников' });
    }
  })
  .meta({ id: 'Person', description: 'Staff member, student or parent' });
export type Person = z.infer<typeof personSchema>;

type Named = Pick<Person, 'lastName' | 'firstName' | 'middleName'>;

/** «Морозова Анна Дмитриевна». */
export function personFullName(p: Named): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** «Морозова А. Д.». */
export function personShortName(p: Named): string {
  const initials = [p.firstName, p.middleName]
    .filter((n): n is string => Boolean(n))
    .map((n) => `${n.charAt(0)}.`)
    .join(' ');
  return `${p.lastName} ${initials}`;
}

/** The health group in force: a student without one is in the main group. */
export function effectiveHealthGroup(p: Pick<Person, 'healthGroup'>): HealthGroup {
  return p.healthGroup ?? 'main';
}
