/**
 * One school's file, `infra/schools/<schoolId>.json`: what the school is (the shared school
 * config, also read by the local stand-in), who gets its alarms, which wave of a fleet rollout
 * it belongs to, how its stack is deployed and how the school uses the journal (the cost model's
 * assumptions). The CDK app reads one file (config-from-context.ts), the fleet all of them
 * (infra/fleet); both validate with this schema, so a file that deploys alone deploys in a wave.
 */
import { z } from 'zod';
import { schoolConfigSchema } from '../../shared/config/school-config.ts';
import { usageSchema } from '../cost/usage.ts';

/**
 * The Cognito feature plans the stack knows. `lite` is not one of them: it has no password
 * history, which the pool's policy uses (user-directory.ts).
 */
export const COGNITO_PLANS = ['plus', 'essentials'] as const;
export type CognitoPlan = (typeof COGNITO_PLANS)[number];

/** The wave a school is deployed in when none is named; `pilot` goes first (infra/fleet/waves.ts). */
export const DEFAULT_WAVE = 'main';

export const DEPLOYMENT_KEYS = ['domainName', 'certificateArn', 'cognitoPlan'] as const;

/**
 * Options of one deployment that are not part of the school's identity (`"deployment"` in the
 * file; a CDK context key of the same name overrides it).
 *
 * `domainName` + `certificateArn`: serve the site from the school's own host name. Only with a
 * certificate of its own does CloudFront apply a minimum TLS version (TLSv1.2_2021); on the
 * default *.cloudfront.net certificate the policy is fixed by CloudFront.
 *
 * `cognitoPlan`: `plus` (default) turns on Cognito threat protection (compromised-credential
 * checks and adaptive authentication); `essentials` saves its per-user price and keeps everything
 * else (docs/cost.md says what each costs).
 */
export const deploymentSchema = z
  .object({
    domainName: z
      .string()
      .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'domainName must be a lower-case host name such as journal.school.example')
      .optional(),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/,
        'certificateArn must be an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from that region)',
      )
      .optional(),
    cognitoPlan: z.enum(COGNITO_PLANS, { error: `cognitoPlan must be one of ${COGNITO_PLANS.join(', ')} (the plans the stack knows)` }).default('plus'),
  })
  .strict()
  .refine((o) => (o.domainName === undefined) === (o.certificateArn === undefined), {
    message: 'domainName and certificateArn go together: give both or neither',
  });

export type StackOptions = z.infer<typeof deploymentSchema>;

export const schoolFileSchema = schoolConfigSchema
  .extend({
    /** Where the stack's alarms are sent (an SNS e-mail subscription the recipient confirms once). */
    operationsEmail: z.email('operationsEmail must be an e-mail address: the school\'s alarms are sent there'),
    /** The rollout wave: `pilot` schools are deployed (and smoke-tested) before the others. */
    wave: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}$/, 'wave must be a short lower-case name such as "pilot" or "main"')
      .default(DEFAULT_WAVE),
    deployment: deploymentSchema.default({ cognitoPlan: 'plus' }),
    /** The cost model's assumptions (infra/cost/usage.ts); not used by the stack. */
    usage: usageSchema.optional(),
  })
  .strict();

export type SchoolFile = z.infer<typeof schoolFileSchema>;

/** The top-level fields a school file may hold (the rest is refused by name). */
export const schoolFileKeys = Object.keys(schoolFileSchema.shape) as (keyof SchoolFile)[];
