import * as z from 'zod';

/** An attendance code as written in the journal cell: 1–3 capital Russian letters (`Н`, `УП`). */
export const attendanceCodeSchema = z
  .string()
  .regex(/^[А-ЯЁ]{1,3}$/, { error: 'Отметка посещаемости — 1–3 заглавные русские буквы, например Н, УП, Б, ОП' })
  .meta({ id: 'AttendanceCode', description: 'Attendance code shown in the cell, e.g. Н, УП, Б, ОП' });
export type AttendanceCode = z.infer<typeof attendanceCodeSchema>;

/**
 * What an attendance code means. Configurable per school; `defaultAttendanceCodes` is the
 * starting set. A student without an attendance record for a lesson was present.
 */
export const attendanceCodeDefinitionSchema = z
  .object({
    code: attendanceCodeSchema,
    name: z.string().min(2).max(80),
    /** The student missed the lesson (counts in absence reports). */
    countsAsAbsence: z.boolean(),
    /** For a valid reason (illness, documented reason). */
    excused: z.boolean(),
    archived: z.boolean().default(false),
  })
  .meta({ id: 'AttendanceCodeDefinition', description: 'An attendance code with its meaning' });
export type AttendanceCodeDefinition = z.infer<typeof attendanceCodeDefinitionSchema>;

export const defaultAttendanceCodes: readonly AttendanceCodeDefinition[] = [
  { code: 'Н', name: 'Отсутствовал без уважительной причины', countsAsAbsence: true, excused: false, archived: false },
  { code: 'УП', name: 'Отсутствовал по уважительной причине', countsAsAbsence: true, excused: true, archived: false },
  { code: 'Б', name: 'Отсутствовал по болезни', countsAsAbsence: true, excused: true, archived: false },
  { code: 'ОП', name: 'Опоздал', countsAsAbsence: false, excused: false, archived: false },
];

export function findAttendanceCode(
  codes: readonly AttendanceCodeDefinition[],
  code: string | null | undefined,
): AttendanceCodeDefinition | undefined {
  return code == null ? undefined : codes.find((c) => c.code === code);
}
