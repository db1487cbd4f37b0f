/**
 * The first operator of a new school: a staff person and a one-time invitation code for the
 * `operator` role. The operator opens the site, chooses «У меня есть пригласительный код», accepts
 * the consent and picks their own login and password. Everyone else (staff, parents, students)
 * then starts from codes the operator and the class teachers issue.
 *
 *   npm run bootstrap-operator -- --name "Иванова Мария Петровна" [--position "школьный оператор"] [--force]
 *       local: against `npm start` (running, or started for this on the same data folder)
 *   … --outputs cdk-outputs.json --school <id> [--region eu-central-1]
 *       a deployed stack: the file `cdk deploy --outputs-file` wrote; AWS credentials from the usual chain
 */
import './quiet-sdk.ts';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { issueFirstOperatorCode } from '#functions/identity/first-operator.ts';
import type { FunctionEnv } from '#shared/config/function-env.ts';
import { root, withLocalStack } from './attach.ts';
import { loadSchoolConfig } from './school-config.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    position: { type: 'string' },
    force: { type: 'boolean' },
    outputs: { type: 'string' },
    school: { type: 'string' },
    region: { type: 'string' },
  },
});

const [lastName, firstName, middleName] = (values.name ?? '').trim().split(/\s+/);
if (!lastName || !firstName) {
  process.stderr.write('Нужно --name "Фамилия Имя Отчество".\n');
  process.exit(2);
}

let issued: Awaited<ReturnType<typeof issueFirstOperatorCode>> | undefined;
const create = async () => {
  try {
    issued = await issueFirstOperatorCode(
    { lastName, firstName, ...(middleName ? { middleName } : {}), ...(values.position ? { position: values.position } : {}) },
    { force: values.force ?? false },
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
};

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
    // The first operator's code touches no file; an outputs file from before the files bucket lacks it.
    FILES_BUCKET: outputs.FilesBucketName || 'not-in-outputs',
    LOG_LEVEL: 'warn',
  };
  Object.assign(process.env, env, values.region ? { AWS_REGION: values.region } : {});
  await create();
} else {
  await withLocalStack(create);
}
const until = new Date(issued!.expiresAt).toLocaleDateString('ru-RU');
process.stdout.write(
  `Пригласительный код оператора (${values.name}): ${issued!.code}\n` +
    `Действует до ${until}. Откройте сайт → «У меня есть пригласительный код», примите согласие и задайте свои логин и пароль.\n` +
    'Код показан один раз и нигде не хранится в открытом виде.\n',
);
process.exit(0);
