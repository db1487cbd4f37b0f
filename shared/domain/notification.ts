import * as z from 'zod';
import { instantSchema, isoDateSchema, timeOfDaySchema } from './dates.ts';
import { notificationIdSchema, personIdSchema } from './ids.ts';

/**
 * What families are told about (п. 2.4: parents informed of marks and absences in time; п. 2.5:
 * homework). Each topic is chosen per recipient and channel.
 */
export const NOTIFICATION_TOPICS = ['mark', 'absence', 'homework', 'final-mark'] as const;
export const notificationTopicSchema = z
  .enum(NOTIFICATION_TOPICS, { error: 'Вид уведомления: mark, absence, homework или final-mark' })
  .meta({ id: 'NotificationTopic', description: 'mark | absence | homework | final-mark' });
export type NotificationTopic = z.infer<typeof notificationTopicSchema>;

/** What a recipient is told a thing was or became (null: it did not exist, or was cleared). */
export type ChangeValue =
  | { kind: 'mark'; values: string[]; workTypeId: string; comment?: string }
  | { kind: 'absence'; code: string; minutesLate?: number }
  | { kind: 'homework'; text: string; dueDate?: string; files: number }
  | { kind: 'final-mark'; value: string };

/** Russian names of the topics, for settings and e-mails. */
export const notificationTopicNames: Record<NotificationTopic, string> = {
  mark: 'Отметки',
  absence: 'Пропуски и опоздания',
  homework: 'Домашние задания',
  'final-mark': 'Итоговые отметки',
};

/** E-mail: soon after the change (after quiet hours), once a day, or never. */
export const emailModeSchema = z
  .enum(['instant', 'digest', 'off'], { error: 'Почта: instant, digest или off' })
  .meta({ id: 'EmailMode', description: 'instant | digest | off' });
export type EmailMode = z.infer<typeof emailModeSchema>;

export const topicSettingSchema = z
  .object({ inApp: z.boolean(), email: emailModeSchema })
  .meta({ id: 'NotificationTopicSetting', description: 'Whether the topic shows in the app and how it is e-mailed' });
export type TopicSetting = z.infer<typeof topicSettingSchema>;

/** No instant e-mail between `from` and `to` (may span midnight), in the school's time zone. */
export const quietHoursSchema = z
  .object({ from: timeOfDaySchema, to: timeOfDaySchema })
  .refine((q) => q.from !== q.to, { error: 'Начало и конец тихих часов не должны совпадать' })
  .meta({ id: 'QuietHours' });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const notificationSettingsSchema = z
  .object({
    topics: z.object({
      mark: topicSettingSchema,
      absence: topicSettingSchema,
      homework: topicSettingSchema,
      'final-mark': topicSettingSchema,
    }),
    quietHours: quietHoursSchema.nullable(),
    /** When the daily digest goes out (school time). */
    digestTime: timeOfDaySchema,
  })
  .meta({ id: 'NotificationSettings', description: 'A recipient’s choice per topic and channel, quiet hours and digest time' });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** The product's defaults, which a school may change (SchoolSettings.notificationDefaults). */
export function defaultNotificationSettings(): NotificationSettings {
  return {
    topics: {
      mark: { inApp: true, email: 'digest' },
      absence: { inApp: true, email: 'instant' },
      homework: { inApp: true, email: 'off' },
      'final-mark': { inApp: true, email: 'instant' },
    },
    quietHours: { from: '21:00', to: '08:00' },
    digestTime: '19:00',
  };
}

/**
 * One notification as its recipient sees it: the latest state of one thing (a mark, an absence,
 * a lesson's homework, a final mark) against what the recipient knew before. Changes to the same
 * thing before the recipient read it or was e-mailed merge into it; changed back, it disappears.
 */
export const notificationSchema = z
  .object({
    id: notificationIdSchema,
    topic: notificationTopicSchema,
    studentId: personIdSchema,
    studentName: z.string(),
    subjectName: z.string(),
    /** The lesson's date (or the period's last day for a final mark). */
    date: isoDateSchema,
    /** One line in Russian, e.g. «Математика: новая отметка 5». */
    title: z.string(),
    /** Details in Russian: work type and weight, comment, the previous value. */
    text: z.string(),
    /** Where in the web the thing is shown, e.g. `/diary/<studentId>?week=2026-11-30`. */
    link: z.string(),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    readAt: instantSchema.optional(),
  })
  .meta({ id: 'Notification', description: 'A notification about a mark, an absence, homework or a final mark (п. 2.4, 2.5)' });
export type Notification = z.infer<typeof notificationSchema>;
