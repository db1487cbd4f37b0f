/**
 * The first operator of a new school: a user in the `operator` group with a temporary password
 * that must be changed at first sign-in. Everything else (staff, parents, students) starts from
 * invitation codes the operator issues.
 *
 *   npm run bootstrap-operator -- --login ivanova --name "Иванова Мария Петровна" [--email a@b]
 *       local: against `npm start` (running, or started for this on the same data folder)
 *   … --outputs cdk-outputs.json --school <id> [--region eu-central-1]
 *       a deployed stack: the file `cdk deploy --outputs-file` wrote; AWS credentials from the usual chain
 */
import './quiet-sdk.ts';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createUserAccount } from '#functions/identity/create-user-account.ts';
import type { FunctionEnv } from '#shared/config/function-env.ts';
import { root, withLocalStack } from './attach.ts';
import { loadSchoolConfig } from './school-config.ts';

const { values } = parseArgs({
  options: {
    login: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    outputs: { type: 'string' },
    school: { type: 'string' },
    region: { type: 'string' },
  },
});

if (!values.login || !values.name || !/^[a-z][a-z0-9._-]{2,63}$/i.test(values.login)) {
  process.stderr.write('Нужны --login (латиница, 3–64 символа) и --name "Фамилия Имя Отчество".\n');
  process.exit(2);
}

/** Meets the pool's policy: upper, lower, digit, symbol; 16 characters. */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const password = temporaryPassword();
const create = () =>
  createUserAccount({
    login: values.login!,
    displayName: values.name!,
    email: values.email,
    roles: ['operator'],
    password: { value: password, permanent: false },
  });

if (values.outputs) {
  const schoolId = values.school ?? 'demo';
  const school = loadSchoolConfig(root, schoolId);
  const all = JSON.parse(readFileSync(values.outputs, 'utf8')) as Record<string, Record<string, string>>;
  const outputs = all[`Klassny-${schoolId}`];
  if (!outputs?.UserPoolId || !outputs.TableName) {
    process.stderr.write(`В ${values.outputs} нет выходов стека Klassny-${schoolId} (UserPoolId, TableName).\n`);
    process.exit(2);
  }
  const env: FunctionEnv = {
    TABLE_NAME: outputs.TableName,
    USER_POOL_ID: outputs.UserPoolId,
    USER_POOL_CLIENT_ID: outputs.UserPoolClientId ?? '',
    SCHOOL_ID: school.schoolId,
    SCHOOL_NAME: school.schoolName,
    SCHOOL_TIME_ZONE: school.timeZone,
    DIRECTOR_EMAIL: school.directorEmail,
    MAIL_FROM: school.mailFrom,
    WEB_URL: outputs.WebUrl ?? '',
    LOG_LEVEL: 'warn',
  };
  Object.assign(process.env, env, values.region ? { AWS_REGION: values.region } : {});
  await create();
} else {
  await withLocalStack(create);
}
process.stdout.write(`Оператор ${values.login} создан. Временный пароль: ${password}\nПри первом входе система попросит задать свой пароль.\n`);
process.exit(0);
