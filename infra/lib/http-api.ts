/**
 * The HTTP API: one route per operation of shared/api/operations.ts, each integrated with the
 * Lambda function of its area; `authenticated` routes go through the Cognito JWT authorizer,
 * `public` ones and the `$default` (not found) route do not.
 *
 * The web site reaches the API through its own CloudFront distribution (`/api/*`), so browsers
 * only ever talk to one origin and the API needs no CORS at all (see web-site.ts for why).
 */
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { OperationContract } from '../../shared/api/operation.ts';
import { routeKey } from '../../shared/api/operation.ts';
import { DEFAULT_ROUTE_AREA } from '../../shared/api/operations.ts';

export type HttpApiProps = {
  schoolId: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` */
  issuerUrl: string;
  /** The web client id: the only audience whose tokens are accepted. */
  audience: string;
};

/**
 * Per-stage limits: room for the morning rush of a school of ~2,000 people (every diary opened
 * within minutes, a few calls each), low enough to cap the bill of a runaway client or a flood.
 */
export const API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/**
 * Access-log line, one JSON object per request. Deliberately without personal data: no
 * Authorization header, no bodies, no query strings, no path values (the route key names the
 * operation), no user agent or token claims.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
} as const;

export class KlassnyHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `klassny-${props.schoolId}`,
      description: `Klassny journal API of school ${props.schoolId}`,
      createDefaultStage: false,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.SIX_MONTHS,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...API_THROTTLE },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', props.issuerUrl, {
      authorizerName: 'cognito',
      jwtAudience: [props.audience],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /** The stage's own URL (`https://<apiId>.execute-api.<region>.amazonaws.com/`). */
  get url(): string {
    return this.stage.url;
  }

  /** One route per operation, plus `$default` on the DEFAULT_ROUTE_AREA function. */
  addOperationRoutes(operations: readonly OperationContract[], functionOfArea: (area: string) => IFunction): void {
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationOf = (area: string): HttpLambdaIntegration => {
      let integration = integrations.get(area);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Area-${area}`, functionOfArea(area), {
          payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(area, integration);
      }
      return integration;
    };

    for (const operation of operations) {
      const route = new apigw.HttpRoute(this, `Route-${operation.operationId}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(operation.path, apigw.HttpMethod[operation.method]),
        integration: integrationOf(operation.area),
        ...(operation.access === 'authenticated' ? { authorizer: this.authorizer } : {}),
      });
      if (operation.access === 'public') {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(operation)} (${operation.operationId}) is public by contract (shared/api): ${operation.summary}.`,
        });
      }
    }

    const notFound = new apigw.HttpRoute(this, 'Route-default', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: integrationOf(DEFAULT_ROUTE_AREA),
    });
    Validations.of(notFound).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The $default route only answers 404 JSON for paths that are not operations; it returns no data, and ' +
        'requiring a token there would turn "no such route" into a misleading 401.',
    });
  }
}
