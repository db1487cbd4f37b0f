import * as z from 'zod';
import { instantSchema, isoDateSchema } from './dates.ts';
import {
  classIdSchema,
  lessonIdSchema,
  messageIdSchema,
  messageThreadIdSchema,
  notificationIdSchema,
  personIdSchema,
  studyPeriodIdSchema,
  subjectIdSchema,
} from './ids.ts';
import { attendanceCodeSchema } from './attendance-codes.ts';
import { markValuesSchema } from './mark.ts';

export const notificationChannelSchema = z
  .enum(['email', 'in-app'], { error: 'Канал: email или in-app' })
  .meta({ id: 'NotificationChannel', description: 'email | in-app' });

export const notificationKindSchema = z
  .enum(['mark', 'attendance', 'homework', 'message', 'report'], {
    error: 'Вид уведомления: mark, attendance, homework, message или report',
  })
  .meta({ id: 'NotificationKind', description: 'mark | attendance | homework | message | report' });
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationStatusSchema = z
  .enum(['pending', 'sent', 'failed'], { error: 'Состояние: pending, sent или failed' })
  .meta({ id: 'NotificationStatus', description: 'pending | sent | failed' });

/** What the notification is about; `kind` matches the notification's kind. No free text with personal data. */
export const notificationPayloadSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('mark'),
      studentId: personIdSchema,
      lessonId: lessonIdSchema,
      subjectId: subjectIdSchema,
      date: isoDateSchema,
      values: markValuesSchema,
    }),
    z.object({
      kind: z.literal('attendance'),
      studentId: personIdSchema,
      lessonId: lessonIdSchema,
      subjectId: subjectIdSchema,
      date: isoDateSchema,
      code: attendanceCodeSchema,
    }),
    z.object({
      kind: z.literal('homework'),
      lessonId: lessonIdSchema,
      classId: classIdSchema,
      subjectId: subjectIdSchema,
      dueDate: isoDateSchema.optional(),
    }),
    z.object({
      kind: z.literal('message'),
      threadId: messageThreadIdSchema,
      messageId: messageIdSchema,
      senderId: personIdSchema,
    }),
    z.object({
      kind: z.literal('report'),
      /** Which report, e.g. `quarter-check` (п. 7.4), `monthly-control` (п. 7.2). */
      report: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
      title: z.string().min(2).max(200),
      studyPeriodId: studyPeriodIdSchema.optional(),
    }),
  ])
  .meta({ id: 'NotificationPayload', description: 'What the notification is about, by kind' });
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

/** Notification without cross-field checks (for deriving request bodies with pick/omit). */
export const notificationBaseSchema = z.object({
  id: notificationIdSchema,
  recipientId: personIdSchema,
  channel: notificationChannelSchema,
  kind: notificationKindSchema,
  payload: notificationPayloadSchema,
  status: notificationStatusSchema,
  /** When it should go out (digests wait until then). */
  dueAt: instantSchema,
  createdAt: instantSchema,
  sentAt: instantSchema.optional(),
  attempts: z.number().int().min(0).default(0),
  /** Error code of the last failed attempt (no message text: it may contain data). */
  lastError: z.string().max(100).optional(),
});

/** A notification to a parent, student or staff member (п. 2.4: timely informing of parents). */
export const notificationSchema = notificationBaseSchema
  .superRefine((n, ctx) => {
    if (n.payload.kind !== n.kind) {
      ctx.addIssue({ code: 'custom', path: ['payload', 'kind'], message: 'Вид содержимого не совпадает с видом уведомления' });
    }
    if (n.status === 'sent' && n.sentAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sentAt'], message: 'У отправленного уведомления должно быть время отправки' });
    }
  })
  .meta({ id: 'Notification', description: 'A notification by e-mail or in the app (п. 2.4)' });
export type Notification = z.infer<typeof notificationSchema>;
