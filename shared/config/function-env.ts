import * as z from 'zod';

/**
 * The environment every function (HTTP and scheduled) reads, in AWS and locally.
 * The CDK stack sets these on each Lambda; the local stand-in sets them on its own process
 * before loading the same handler modules. AWS endpoints are never configured here: locally
 * the SDK's standard AWS_ENDPOINT_URL_<SERVICE> variables point it at the stand-ins.
 */
export const functionEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** The school's files bucket (homework files; presigned uploads and downloads). */
  FILES_BUCKET: z.string().min(1),
  /**
   * The school's backups bucket (п. 7.1; docs/backups.md). Set on every function by the stack and
   * the local stand-in; optional so tools that never touch backups need not name it.
   */
  BACKUPS_BUCKET: z.string().min(1).optional(),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  SCHOOL_ID: z.string().min(1),
  SCHOOL_NAME: z.string().min(1),
  SCHOOL_TIME_ZONE: z.string().min(1),
  DIRECTOR_EMAIL: z.string().min(3),
  MAIL_FROM: z.string().min(3),
  /** Public address of the web site, used in links inside e-mails. */
  WEB_URL: z.string().min(1),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** The release deployed (infra/lib/release.ts), answered by /api/health; the package version locally. */
  KLASSNY_VERSION: z.string().min(1).optional(),
});

export type FunctionEnv = z.infer<typeof functionEnvSchema>;
export const functionEnvNames = Object.keys(functionEnvSchema.shape) as (keyof FunctionEnv)[];

/**
 * What the user pool's triggers get (functions/identity/record-sign-in.ts): only the table. The
 * pool cannot be named in its own trigger's environment, nor anything made from it (the API, the
 * site, the files bucket's CORS): CloudFormation would see a cycle.
 */
export const triggerEnvSchema = functionEnvSchema.pick({ TABLE_NAME: true, LOG_LEVEL: true });
export const triggerEnvNames = Object.keys(triggerEnvSchema.shape) as (keyof z.infer<typeof triggerEnvSchema>)[];

let cached: FunctionEnv | undefined;

/** Read once per cold start; a missing variable is a deployment bug, so it throws. */
export function functionEnv(): FunctionEnv {
  cached ??= functionEnvSchema.parse(process.env);
  return cached;
}
