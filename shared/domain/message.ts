import * as z from 'zod';
import { instantSchema } from './dates.ts';
import { messageIdSchema, messageThreadIdSchema, personIdSchema } from './ids.ts';

/** A conversation (переписка) between teachers, administration, parents and students (п. 2.6). */
export const messageThreadSchema = z
  .object({
    id: messageThreadIdSchema,
    subject: z.string().min(1, { error: 'Укажите тему сообщения' }).max(200),
    participantIds: z.array(personIdSchema).min(2, { error: 'В переписке должно быть не меньше двух участников' }),
    createdBy: personIdSchema,
    createdAt: instantSchema,
    lastMessageAt: instantSchema,
  })
  .meta({ id: 'MessageThread', description: 'A conversation between school participants (п. 2.6)' });
export type MessageThread = z.infer<typeof messageThreadSchema>;

/** Whether and when one recipient read a message. */
export const messageReceiptSchema = z
  .object({
    recipientId: personIdSchema,
    readAt: instantSchema.optional(),
  })
  .meta({ id: 'MessageReceipt', description: 'A recipient and when they read the message' });

/** Message without cross-field checks (for deriving request bodies with pick/omit). */
export const messageBaseSchema = z.object({
  id: messageIdSchema,
  threadId: messageThreadIdSchema,
  senderId: personIdSchema,
  /** The thread's subject unless the message has its own. */
  subject: z.string().max(200).optional(),
  body: z.string().min(1, { error: 'Введите текст сообщения' }).max(10_000, { error: 'Сообщение не длиннее 10 000 символов' }),
  sentAt: instantSchema,
  /** One entry per recipient, with the moment they read it. */
  receipts: z.array(messageReceiptSchema).min(1, { error: 'Укажите получателя' }),
});

/** A message in a thread (внутренняя почта, п. 2.6, 6/4.4). */
export const messageSchema = messageBaseSchema
  .superRefine((m, ctx) => {
    const ids = m.receipts.map((r) => r.recipientId);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['receipts'], message: 'Получатели не должны повторяться' });
    }
    if (ids.includes(m.senderId)) {
      ctx.addIssue({ code: 'custom', path: ['receipts'], message: 'Отправитель не может быть получателем своего сообщения' });
    }
    m.receipts.forEach((r, i) => {
      if (r.readAt !== undefined && r.readAt < m.sentAt) {
        ctx.addIssue({ code: 'custom', path: ['receipts', i, 'readAt'], message: 'Сообщение не может быть прочитано раньше отправки' });
      }
    });
  })
  .meta({ id: 'Message', description: 'A message with per-recipient read times (п. 2.6)' });
export type Message = z.infer<typeof messageSchema>;

