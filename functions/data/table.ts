import { functionEnvSchema } from '#shared/config/function-env.ts';

let cached: string | undefined;

/** Read alone, not through functionEnv(): the user pool's triggers run with the table's name only (triggerEnvSchema). */
export function tableName(): string {
  cached ??= functionEnvSchema.shape.TABLE_NAME.parse(process.env.TABLE_NAME);
  return cached;
}

