/**
 * The DynamoDB clients, created once per cold start (module scope) and reused across invocations.
 * Endpoints are never set here: in AWS the defaults apply; on one machine the local stand-in sets
 * the SDK's standard AWS_ENDPOINT_URL_<SERVICE> variables. Same code in both worlds. One module per
 * service, so a function bundles only the clients it uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const dynamo = new DynamoDBClient({ maxAttempts: 3 });

export const documentClient = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
