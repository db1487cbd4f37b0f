/** The user pool's admin client (module scope; the endpoint from the environment, as in dynamo-client.ts). */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

export const cognito = new CognitoIdentityProviderClient({});
