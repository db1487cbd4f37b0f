import * as z from 'zod';
import { roleSchema } from './role.ts';
import { instantSchema } from './dates.ts';
import { auditEventIdSchema, personIdSchema } from './ids.ts';

/** The kinds of records whose changes are audited. */
export const auditEntityTypeSchema = z
  .enum([
    'school',
    'academic-year',
    'study-period',
    'class',
    'subgroup',
    'subject',
    'person',
    'enrollment',
    'guardianship',
    'teaching-assignment',
    'class-teacher',
    'curriculum-line',
    'thematic-plan',
    'bell-schedule',
    'timetable-slot',
    'timetable-change',
    'lesson',
    'mark',
    'attendance',
    'final-mark',
    'journal-period',
    'distance-day',
    'invitation-code',
    'consent',
    'account',
    'settings',
  ])
  .meta({ id: 'AuditEntityType', description: 'The kind of record changed' });
export type AuditEntityType = z.infer<typeof auditEntityTypeSchema>;

export const auditActionSchema = z
  .enum(['create', 'update', 'delete'])
  .meta({ id: 'AuditAction', description: 'create | update | delete' });

const snapshot = z.record(z.string(), z.unknown());

/** Audit event without cross-field checks (for deriving request bodies with pick/omit). */
export const auditEventBaseSchema = z.object({
  id: auditEventIdSchema,
  at: instantSchema,
  /** The person who acted, or `system` for scheduled jobs. */
  actorId: z.union([personIdSchema, z.literal('system')]),
  /** The role the actor acted in. */
  actorRole: roleSchema.optional(),
  entityType: auditEntityTypeSchema,
  /** The record's key, e.g. a lesson id or `<lessonId>/<studentId>` for attendance. */
  entityKey: z.string().min(1).max(300),
  action: auditActionSchema,
  /** The record before the change (null on create). */
  before: snapshot.nullable(),
  /** The record after the change (null on delete). */
  after: snapshot.nullable(),
  requestId: z.string().min(1).max(100),
});

/** Who changed what and when (journal changes are traceable: late filling, control, п. 7.2–7.4). */
export const auditEventSchema = auditEventBaseSchema
  .superRefine((e, ctx) => {
    if (e.action === 'create' && e.before !== null) {
      ctx.addIssue({ code: 'custom', path: ['before'], message: 'У создания нет предыдущего состояния' });
    }
    if (e.action === 'delete' && e.after !== null) {
      ctx.addIssue({ code: 'custom', path: ['after'], message: 'У удаления нет нового состояния' });
    }
    if (e.action === 'update' && (e.before === null || e.after === null)) {
      ctx.addIssue({ code: 'custom', path: ['before'], message: 'У изменения должны быть оба состояния' });
    }
  })
  .meta({ id: 'AuditEvent', description: 'Who changed which record, when, how, in which request' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Key of an attendance record in audit events. */
export function attendanceEntityKey(lessonId: string, studentId: string): string {
  return `${lessonId}/${studentId}`;
}
