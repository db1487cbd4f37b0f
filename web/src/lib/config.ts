/** Runtime configuration served as /config.json next to the site (written at deploy time). */
export type RuntimeConfig = {
  /** Base URL of the HTTP API; '' means the same origin. API paths already start with /api. */
  apiUrl: string;
  region: string;
  /** Cognito's JSON API endpoint, e.g. https://cognito-idp.<region>.amazonaws.com/ */
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  schoolName: string;
  /**
   * Staff sessions end after this many minutes without activity (п. 8.3); optional in the file,
   * 30 by default. Fractions are allowed (a test may ask for seconds).
   */
  staffIdleMinutes: number;
  /**
   * The school's IANA time zone (`Europe/Moscow`), optional: "today" on the pages is the
   * school's date, not the browser's. Absent: the browser's zone.
   */
  timeZone?: string | undefined;
};

export const DEFAULT_STAFF_IDLE_MINUTES = 30;
/** A day: anything longer is a mistake in the file, not a policy. */
const MAX_STAFF_IDLE_MINUTES = 24 * 60;

const REQUIRED_NON_EMPTY = ['cognitoEndpoint', 'userPoolClientId', 'schoolName'] as const;
const KEYS = ['apiUrl', 'region', 'cognitoEndpoint', 'userPoolId', 'userPoolClientId', 'schoolName'] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the parsed JSON of /config.json; throws ConfigError naming what is wrong. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('config.json: expected a JSON object');
  }
  const record = value as Record<string, unknown>;
  const result: Record<string, string> = {};
  for (const key of KEYS) {
    const field = record[key];
    if (typeof field !== 'string') throw new ConfigError(`config.json: "${key}" must be a string`);
    result[key] = field.trim();
  }
  for (const key of REQUIRED_NON_EMPTY) {
    if (result[key] === '') throw new ConfigError(`config.json: "${key}" must not be empty`);
  }
  const idle = record['staffIdleMinutes'];
  if (idle !== undefined && (typeof idle !== 'number' || !Number.isFinite(idle) || idle <= 0 || idle > MAX_STAFF_IDLE_MINUTES)) {
    throw new ConfigError(`config.json: "staffIdleMinutes" must be a number of minutes above 0, at most ${MAX_STAFF_IDLE_MINUTES}`);
  }
  const timeZone = record['timeZone'];
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone))) {
    throw new ConfigError('config.json: "timeZone" must be an IANA time zone such as Europe/Moscow');
  }
  return {
    ...(result as Omit<RuntimeConfig, 'staffIdleMinutes' | 'timeZone'>),
    staffIdleMinutes: idle ?? DEFAULT_STAFF_IDLE_MINUTES,
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
}

function isTimeZone(value: string): boolean {
  if (value.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Fetches /config.json from the site's own origin (never cached: it changes with a deploy). */
export async function loadRuntimeConfig(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
  const response = await fetchFn('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ConfigError(`config.json: HTTP ${response.status}`);
  return parseRuntimeConfig(await response.json());
}
