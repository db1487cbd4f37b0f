import { functionEnv } from '#shared/config/function-env.ts';

export function tableName(): string {
  return functionEnv().TABLE_NAME;
}

