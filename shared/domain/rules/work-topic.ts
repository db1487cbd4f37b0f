import type { WorkType } from '../work-types.ts';

/**
 * п. 5.4: does a work of this type need its own topic? Control works always, practical and
 * laboratory works by the school's setting (`requiresWorkTopic`). Free of zod, so the page asks
 * the same question as the API without carrying the schemas.
 */
export function workTopicRequired(workType: Pick<WorkType, 'isControl' | 'requiresWorkTopic'>): boolean {
  return workType.isControl || workType.requiresWorkTopic;
}
