import * as z from 'zod';
import { timeZoneSchema } from './dates.ts';
import { schoolIdSchema } from './ids.ts';
import { schoolSettingsSchema } from './school-settings.ts';

/** The school (one per deployment): its name, time zone (days and deadlines run in it) and settings. */
export const schoolSchema = z
  .object({
    id: schoolIdSchema,
    /** Full name, e.g. «МОУ СОШ № 7 г. Балашова Саратовской области». */
    name: z.string().min(3).max(300),
    /** Short name for headers, e.g. «СОШ № 7». */
    shortName: z.string().min(2).max(60).optional(),
    timeZone: timeZoneSchema,
    address: z.string().max(300).optional(),
    /** Public site (п. 1.2: programmes, curricula, calendar schedule are published there). */
    website: z.url({ protocol: /^https?$/, error: 'Адрес сайта должен начинаться с http:// или https://' }).optional(),
    settings: schoolSettingsSchema,
  })
  .meta({ id: 'School', description: 'The school: name, IANA time zone, journal settings' });
export type School = z.infer<typeof schoolSchema>;
