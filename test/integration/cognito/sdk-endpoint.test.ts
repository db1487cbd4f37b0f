import { CognitoIdentityProviderClient, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL_ID, startEmulator, type Harness } from './harness.ts';

let h: Harness;
const saved = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
beforeAll(async () => {
  h = await startEmulator();
});
afterAll(async () => {
  if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  else process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = saved;
  await h.close();
});

describe('endpoint override by environment', () => {
  it('an SDK client configured only by AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER reaches the emulator', async () => {
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = h.endpoint;
    const client = new CognitoIdentityProviderClient({
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const groups = await client.send(new ListGroupsCommand({ UserPoolId: POOL_ID }));
      expect(groups.Groups?.map((g) => g.GroupName)).toContain('teachers');
    } finally {
      client.destroy();
    }
  });
});
