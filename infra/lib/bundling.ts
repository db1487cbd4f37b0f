/**
 * How every Lambda is bundled (esbuild, no Docker): the stack's NodejsFunction and the
 * benchmark's bundle measurement (bench/bundles.ts) share these options, so the sizes and
 * import times reported are those of what would be deployed. Paths are relative to the
 * repository root, where both run esbuild.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  // ESM output has no `require`; some CommonJS dependencies still call it.
  banner: "import { createRequire as __klassnyCreateRequire } from 'node:module'; const require = __klassnyCreateRequire(import.meta.url);",
  minify: true,
  /** Environment credentials only, not the SDK's whole default chain (functions/lib/lambda-credentials.ts). */
  alias: { '@aws-sdk/credential-provider-node': './functions/lib/lambda-credentials.ts' },
} as const;
