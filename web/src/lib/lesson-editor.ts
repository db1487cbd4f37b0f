/**
 * The lesson editor (п. 5.1–5.7): what the form holds, the `entry` of saveLesson built from it
 * (sent whole: a field left out is cleared), the thematic plan and work types as choices, the
 * API's field messages and warnings placed next to their fields, a conflict's current lesson,
 * the fill deadline (п. 5.2). Pure: no Svelte, no fetch. Types come from the contracts by
 * `import type` (no zod in the bundle); the rules themselves are the API's, the page shows
 * what it answers.
 */
import type { z } from 'zod';
import type { lessonEntrySchema, ruleWarningSchema } from '#shared/api/lessons.ts';
import { ApiError } from './api.ts';
import { addDays, formatDayMonth, formatShortDate } from './dates.ts';
import type { OperationOutput } from './operations.ts';
import { workTopicRequired } from '#shared/domain/rules/work-topic.ts';

export type LessonEntry = z.input<typeof lessonEntrySchema>;
export type RuleWarning = z.output<typeof ruleWarningSchema>;
export type ThematicPlan = OperationOutput<'getThematicPlan'>;
export type PlanTopic = ThematicPlan['topics'][number];
export type SaveLessonResult = OperationOutput<'saveLesson'>;
export type EditedLesson = SaveLessonResult['lesson'];
/**
 * getLesson's answer; `nextLessonDate` (the journal's next lesson after this one: the homework's
 * default due date) when the API gives it.
 */
export type LessonSheetView = OperationOutput<'getLesson'> & { nextLessonDate?: string | undefined };
export type WorkTypeOption = LessonSheetView['workTypes'][number];
export type LessonStatus = LessonEntry['status'];

export const STATUS_LABELS: Record<LessonStatus, string> = {
  conducted: 'проведён',
  planned: 'запланирован',
  cancelled: 'отменён',
};

/** The status choices in the order the form shows them. */
export const STATUS_ORDER: readonly LessonStatus[] = ['conducted', 'planned', 'cancelled'];

/**
 * п. 5.2's default: the journal of a lesson is filled within two calendar days after it. The
 * school may set another number (the journal's `settings.fillDeadlineDays`); pass it when known.
 */
export const DEFAULT_FILL_DEADLINE_DAYS = 2;

export type MaterialKind = 'link' | 'text';

/** One material row of a distance lesson (п. 5.7): a link or a text, with its title. */
export type MaterialDraft = { key: number; title: string; kind: MaterialKind; url: string; text: string };

/** What the form holds: strings as typed ('' = none). */
export type LessonForm = {
  status: LessonStatus;
  cancellationReason: string;
  topic: string;
  /** The КТП topic chosen ('' = none). */
  thematicTopicId: string;
  /** '' = a plain lesson, no separate work. */
  workTypeId: string;
  workTopic: string;
  homeworkText: string;
  /** `YYYY-MM-DD` or ''. */
  homeworkDue: string;
  materials: MaterialDraft[];
  assignment: string;
};

let materialKeys = 0;

export function newMaterial(kind: MaterialKind = 'link'): MaterialDraft {
  materialKeys += 1;
  return { key: materialKeys, title: '', kind, url: '', text: '' };
}

/**
 * The form for a lesson as it is stored. A planned lesson of today or earlier opens as
 * «проведён»: filling it in is what the teacher came for (saving it as planned is one click).
 * The homework's due date is the stored one, else the next lesson's date.
 */
export function formFromLesson(lesson: EditedLesson, options: { today: string; nextLessonDate?: string | undefined }): LessonForm {
  const status: LessonStatus = lesson.status === 'planned' && lesson.date <= options.today ? 'conducted' : lesson.status;
  return {
    status,
    cancellationReason: lesson.cancellationReason ?? '',
    topic: lesson.topic ?? '',
    thematicTopicId: lesson.thematicTopicId ?? '',
    workTypeId: lesson.workTypeId ?? '',
    workTopic: lesson.workTopic ?? '',
    homeworkText: lesson.homework?.text ?? '',
    homeworkDue: lesson.homework?.dueDate ?? options.nextLessonDate ?? '',
    materials: (lesson.materials ?? []).map((m) => ({
      ...newMaterial(m.url !== undefined || m.text === undefined ? 'link' : 'text'),
      title: m.title,
      url: m.url ?? '',
      text: m.text ?? '',
    })),
    assignment: lesson.assignment ?? '',
  };
}

/** The entry sent and, for each material sent, the row of the form it came from (blank rows are left out). */
export type EntryFromForm = { entry: LessonEntry; materialRows: number[] };

/** saveLesson's `entry` from the form: trimmed, blanks left out (so they are cleared). */
export function entryFromForm(form: LessonForm): EntryFromForm {
  const text = (value: string): string | undefined => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const materialRows: number[] = [];
  const materials: NonNullable<LessonEntry['materials']> = [];
  form.materials.forEach((m, row) => {
    const title = m.title.trim();
    const body = m.kind === 'link' ? m.url.trim() : m.text.trim();
    if (title === '' && body === '') return;
    materialRows.push(row);
    materials.push(m.kind === 'link' ? { title, url: body } : { title, text: body });
  });
  const topic = text(form.topic);
  const workTopic = form.workTypeId ? text(form.workTopic) : undefined;
  const homework = text(form.homeworkText);
  const reason = form.status === 'cancelled' ? text(form.cancellationReason) : undefined;
  const assignment = text(form.assignment);
  const entry: LessonEntry = {
    status: form.status,
    ...(topic !== undefined ? { topic } : {}),
    ...(form.thematicTopicId ? { thematicTopicId: form.thematicTopicId } : {}),
    ...(form.workTypeId ? { workTypeId: form.workTypeId } : {}),
    ...(workTopic !== undefined ? { workTopic } : {}),
    ...(homework !== undefined ? { homework: { text: homework, ...(form.homeworkDue ? { dueDate: form.homeworkDue } : {}) } } : {}),
    ...(reason !== undefined ? { cancellationReason: reason } : {}),
    materials,
    ...(assignment !== undefined ? { assignment } : {}),
  };
  return { entry, materialRows };
}

// ── the thematic plan and work types ─────────────────────────────────────

export type PlanTopicOption = { id: string; label: string; planned: boolean };

/**
 * The plan's topic in progress on a date: a topic runs its hours from its planned date on, so the
 * last one planned on or before the date. A suggestion only; the teacher chooses.
 */
export function plannedTopicFor(plan: ThematicPlan | null, lessonDate: string): PlanTopic | undefined {
  let found: PlanTopic | undefined;
  for (const t of plan?.topics ?? []) if (t.plannedDate !== undefined && t.plannedDate <= lessonDate && (!found || t.plannedDate >= (found.plannedDate ?? ''))) found = t;
  return found;
}

/**
 * The plan's topics as choices: «12. Сложение дробей — по плану с 02.12»; the topic in progress
 * on the lesson's date is marked «по плану на этот день».
 */
export function planTopicOptions(plan: ThematicPlan | null, lessonDate: string): PlanTopicOption[] {
  const current = plannedTopicFor(plan, lessonDate)?.id;
  return (plan?.topics ?? []).map((t) => {
    const planned = t.id === current;
    const when = planned ? ' — по плану на этот день' : t.plannedDate ? ` — по плану с ${formatDayMonth(t.plannedDate)}` : '';
    return { id: t.id, label: `${t.number}. ${t.title}${when}`, planned };
  });
}

/**
 * Choosing a plan topic: its title becomes the lesson's topic (still editable), and a work the
 * plan has for it fills the work type and the work's topic when those are empty.
 */
export function applyPlanTopic(form: LessonForm, topic: PlanTopic | undefined): LessonForm {
  if (!topic) return { ...form, thematicTopicId: '' };
  const fillWork = topic.workTypeId !== undefined && form.workTypeId === '';
  return {
    ...form,
    thematicTopicId: topic.id,
    topic: topic.title,
    ...(fillWork ? { workTypeId: topic.workTypeId ?? '', workTopic: form.workTopic || (topic.workTopic ?? '') } : {}),
  };
}

/** `1,5` — a weight as Russian text. */
export function weightText(weight: number): string {
  return String(weight).replace('.', ',');
}

export type WorkTypeChoice = { id: string; label: string; requiresTopic: boolean; control: boolean };

/** п. 5.4: the API's own rule (zod-free), so page and API ask the same question. */
export { workTopicRequired };

/**
 * The work types to choose from: the school's own, archived ones left out unless the lesson has
 * one, each with its weight («Контрольная работа, вес 2»). A plain lesson is the empty choice.
 */
export function workTypeChoices(workTypes: readonly WorkTypeOption[], currentId: string): WorkTypeChoice[] {
  return workTypes
    .filter((w) => !w.archived || w.id === currentId)
    .map((w) => ({
      id: w.id,
      label: `${w.name}, вес ${weightText(w.weight)}`,
      requiresTopic: workTopicRequired(w),
      control: w.isControl,
    }));
}

// ── the API's answers next to their fields ───────────────────────────────

/**
 * Where a message belongs on the form: `body.entry.topic` → `topic`, `body.entry.homework.text`
 * → `homeworkText`, `body.entry.materials.1.url` → `materials.<row>.url` (the form's row); null
 * for anything the form has no field for. A warning's `field` (`homework.text`) maps the same.
 */
export function formFieldOf(path: string, materialRows: readonly number[] = []): string | null {
  const rest = path.replace(/^body\./, '').replace(/^entry\./, '');
  switch (rest) {
    case 'status':
    case 'cancellationReason':
    case 'topic':
    case 'workTypeId':
    case 'workTopic':
    case 'assignment':
      return rest;
    case 'thematicTopicId':
      return 'topic';
    case 'homework':
    case 'homework.text':
      return 'homeworkText';
    case 'homework.dueDate':
      return 'homeworkDue';
    case 'materials':
      return 'materials';
    default: {
      const m = /^materials\.(\d+)(?:\.(title|url|text))?$/.exec(rest);
      if (!m) return null;
      const row = materialRows[Number(m[1])] ?? Number(m[1]);
      return m[2] ? `materials.${row}.${m[2]}` : `materials.${row}.title`;
    }
  }
}

export type PlacedMessages = { fields: Record<string, string>; other: string[] };

/** Rules whose refusal the API files under the lesson (`body.entry.status`) that belong to a field of the form. */
const FIELD_OF_RULE: Readonly<Record<string, string>> = {
  // п. 5.7: a distance lesson carries materials or an assignment.
  DISTANCE_MATERIALS_REQUIRED: 'materials',
};

/**
 * A refusal's field messages by form field; the rest (and the message itself when no field took
 * it) apart. A RULE_VIOLATED lists its violations (`details.violations`, in the order of the
 * fields): some belong to a field the path does not name.
 */
export function lessonFieldErrors(error: ApiError, materialRows: readonly number[] = []): PlacedMessages {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  const violations = Array.isArray(error.details?.['violations']) ? (error.details['violations'] as unknown[]) : [];
  for (const [i, f] of error.fields.entries()) {
    const code = (violations[i] as { code?: unknown } | undefined)?.code;
    const field = (typeof code === 'string' ? FIELD_OF_RULE[code] : undefined) ?? formFieldOf(f.path, materialRows);
    if (field && fields[field] === undefined) fields[field] = f.message;
    else if (!field) other.push(f.message);
  }
  if (Object.keys(fields).length === 0 && other.length === 0) other.push(error.message);
  return { fields, other };
}

/** «п. 5.4: Тема урока записывается на русском языке» — a warning with its clause in front. */
export function warningText(warning: Pick<RuleWarning, 'rule' | 'message'>): string {
  return warning.message.includes(warning.rule) ? warning.message : `${warning.rule}: ${warning.message}`;
}

/** Warnings by form field (shown beside it), and those about the lesson as a whole. */
export function placeWarnings(warnings: readonly RuleWarning[]): PlacedMessages {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const w of warnings) {
    const field = w.field ? formFieldOf(w.field) : null;
    if (field && fields[field] === undefined) fields[field] = warningText(w);
    else other.push(warningText(w));
  }
  return { fields, other };
}

/** The first field with a message, in the form's order (to move focus there). */
export function firstField(fields: Record<string, string>): string | undefined {
  const order = ['status', 'cancellationReason', 'topic', 'workTypeId', 'workTopic', 'homeworkText', 'homeworkDue', 'materials', 'assignment'];
  return (
    order.find((f) => fields[f] !== undefined) ??
    Object.keys(fields)
      .filter((f) => f.startsWith('materials.'))
      .sort()[0]
  );
}

// ── a conflict: someone changed the lesson meanwhile ─────────────────────

export type LessonConflict = { current: EditedLesson; by?: string | undefined };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BY_NAME_KEYS = ['changedByName', 'updatedByName', 'setByName', 'filledByName', 'actorName'] as const;

/**
 * The lesson as it is now and who changed it, from a 409 CONFLICT; null for anything else. The
 * API sends the entry's fields (a cleared one as null) and the version: laid over the lesson as
 * read (`base`: date, class, distance …), nulls dropped.
 */
export function lessonConflict(error: unknown, base?: EditedLesson): LessonConflict | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const current = error.details?.['current'];
  if (!isRecord(current) || typeof current['version'] !== 'number' || typeof current['status'] !== 'string') return null;
  const by = [error.details, current]
    .flatMap((source) => BY_NAME_KEYS.map((key) => source?.[key]))
    .find((value): value is string => typeof value === 'string' && value !== '');
  const entry = Object.fromEntries(Object.entries(current).filter(([key, value]) => value !== null && !(BY_NAME_KEYS as readonly string[]).includes(key)));
  const cleared = Object.fromEntries(
    ['topic', 'thematicTopicId', 'workTypeId', 'workTopic', 'homework', 'assignment', 'cancellationReason'].filter((k) => current[k] === null).map((k) => [k, undefined]),
  );
  return { current: { ...(base ?? {}), ...cleared, ...entry } as EditedLesson, by };
}

/** What the lesson holds now, in a few lines for the conflict notice. */
export function lessonSummary(lesson: EditedLesson, workTypes: readonly WorkTypeOption[] = []): string[] {
  const work = lesson.workTypeId ? (workTypes.find((w) => w.id === lesson.workTypeId)?.name ?? lesson.workTypeId) : undefined;
  return [
    `Состояние: ${STATUS_LABELS[lesson.status]}${lesson.status === 'cancelled' && lesson.cancellationReason ? ` (${lesson.cancellationReason})` : ''}`,
    `Тема урока: ${lesson.topic ?? '—'}`,
    work ? `Работа: ${work}${lesson.workTopic ? ` — ${lesson.workTopic}` : ''}` : null,
    `Домашнее задание: ${lesson.homework ? `${lesson.homework.text}${lesson.homework.dueDate ? ` (к ${formatShortDate(lesson.homework.dueDate)})` : ''}` : '—'}`,
  ].filter((line): line is string => line !== null);
}

// ── п. 5.2: the fill deadline ────────────────────────────────────────────

export type FillState = {
  /** The last day to fill the lesson in. */
  lastDay: string;
  /** «Срок заполнения (п. 5.2): до 08.12.2026 включительно». */
  text: string;
  /** Filled after the deadline (the API's `filledLate`). */
  late: boolean;
  /** Not filled in and the deadline has passed: filling it now is allowed and flagged. */
  overdue: boolean;
};

export function fillState(lesson: Pick<EditedLesson, 'date' | 'status' | 'filledLate' | 'filledAt'>, today: string, days = DEFAULT_FILL_DEADLINE_DAYS): FillState {
  const lastDay = addDays(lesson.date, days);
  return {
    lastDay,
    text: `Срок заполнения (п. 5.2): до ${formatShortDate(lastDay)} включительно`,
    late: lesson.filledLate === true,
    overdue: lesson.status === 'planned' && lesson.filledAt === undefined && today > lastDay,
  };
}

/** The earliest due date the API takes: the day after the lesson (a due date on the lesson's day is refused). */
export function earliestDueDate(lessonDate: string): string {
  return addDays(lessonDate, 1);
}
