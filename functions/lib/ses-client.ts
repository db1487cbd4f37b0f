/** The SES v2 client (module scope; the endpoint from the environment, as in dynamo-client.ts). */
import { SESv2Client } from '@aws-sdk/client-sesv2';

export const ses = new SESv2Client({});
