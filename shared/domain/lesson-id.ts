/**
 * The lesson id `<group>.<subject>.<date>.<slot>` (class or subgroup, subject, date, lesson
 * number). The format, its schema and helpers live in ids.ts with the other id formats; this
 * module keeps the names the data layer imports.
 */
export { lessonIdOf, lessonIdSchema, parseLessonId, type LessonCoordinates } from './ids.ts';
/** The same schema as `lessonIdSchema` (one `LessonId` component in the API description). */
export { lessonIdSchema as naturalLessonIdSchema } from './ids.ts';
