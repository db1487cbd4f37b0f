/**
 * In a Lambda the credentials are the role's, always given in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). The bundles put this module in
 * place of the SDK's default chain (@aws-sdk/credential-provider-node: SSO, profiles, web
 * identity, instance metadata…), whose nested STS/SSO clients were a quarter of every bundle
 * and of its import time. Only bundling uses it (infra/lib/bundling.ts); the local stand-in
 * runs the handlers unbundled with the default chain, which reads the same variables first.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
