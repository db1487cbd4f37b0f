import { resolve } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { loadSchoolConfig } from '#infra/local/school-config.ts';
import { LOCAL_CLIENT_ID, startLocalStack, type LocalStack, type LocalStackOptions } from '#infra/local/stack.ts';
import { seedDemoSchool } from '#infra/local/seed/seed.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';

export const root = resolve(import.meta.dirname, '..', '..');

/** The whole local stack on an ephemeral port, in memory unless a folder is given, with the demo seed. */
export async function startTestStack(
  options: { dataDir?: string; seed?: boolean; prepare?: () => Promise<void>; dynamo?: LocalStackOptions['dynamo'] } = {},
): Promise<LocalStack> {
  return startLocalStack({
    root,
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    school: loadSchoolConfig(root),
    scheduler: false,
    dynamo: options.dynamo,
    prepare: options.prepare ?? (options.seed === false ? undefined : async () => void (await seedDemoSchool())),
  });
}

/** Signs in through the Cognito-compatible endpoint exactly as the web does; returns the access token. */
export async function signIn(stack: LocalStack, login: string, password = DEMO_PASSWORD): Promise<string> {
  const client = new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${stack.port}/cognito`, region: 'eu-central-1' });
  const out = await client.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: LOCAL_CLIENT_ID, AuthParameters: { USERNAME: login, PASSWORD: password } }),
  );
  client.destroy();
  const token = out.AuthenticationResult?.AccessToken;
  if (!token) throw new Error(`no token for ${login}: ${out.ChallengeName ?? 'unknown'}`);
  return token;
}

export function api(stack: LocalStack, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return fetch(`http://127.0.0.1:${stack.port}${path}`, { ...init, headers });
}
