/**
 * The CDK toolkit as it is (`@aws-cdk/toolkit-lib`, the library the `cdk` CLI is built on) over
 * one app holding the selected schools' stacks: synthesized once (every function is bundled once
 * and shared by the stacks), then listed, diffed or deployed stack by stack. Synthesis needs no
 * credentials and no network; diff and deploy use the usual AWS credential chain.
 */
import {
  type CachedCloudAssembly,
  type DeployResult,
  type IIoHost,
  type IoMessage,
  type IoRequest,
  type ICloudAssemblySource,
  StackSelectionStrategy,
  Toolkit,
} from '@aws-cdk/toolkit-lib';
import { cdkJsonContext } from '../lib/cdk-json-context.ts';
import { buildFleetApp } from '../lib/klassny-app.ts';
import { stackNameOf } from '../lib/stack-name.ts';
import type { FleetSchool } from './school-files.ts';

export type FleetToolkitOptions = {
  release: string;
  /** The cloud assembly's folder (kept, like `cdk synth`'s cdk.out). */
  outdir: string;
  /** Resolve the account and region from credentials (diff, deploy); off for list and synth. */
  online: boolean;
  verbose?: boolean;
  /** Where progress lines go (stderr by default: stdout holds the summary). */
  print?: (line: string) => void;
  /** Extra CDK context (tests skip bundling with `aws:cdk:bundling-stacks: []`). */
  context?: Record<string, unknown>;
};

/** Prints the toolkit's warnings, errors and results; its step-by-step info only when verbose. */
class FleetIoHost implements IIoHost {
  constructor(
    private readonly verbose: boolean,
    private readonly print: (line: string) => void,
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    const shown = msg.level === 'error' || msg.level === 'warn' || (this.verbose && (msg.level === 'info' || msg.level === 'result'));
    if (shown && msg.message.trim()) this.print(`[${msg.level}] ${msg.message.trim()}`);
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    // Nobody sits at a fleet rollout's keyboard: the default answer (proceed) is what `--require-approval never` gives.
    await this.notify(msg);
    return msg.defaultResponse;
  }
}

export class FleetToolkit {
  readonly toolkit: Toolkit;
  private source?: ICloudAssemblySource;
  private assembly?: CachedCloudAssembly;

  constructor(
    private readonly schools: readonly FleetSchool[],
    private readonly options: FleetToolkitOptions,
  ) {
    this.toolkit = new Toolkit({
      ioHost: new FleetIoHost(options.verbose ?? false, options.print ?? ((line) => process.stderr.write(`${line}\n`))),
      color: false,
      emojis: false,
    });
  }

  private async assemblySource(): Promise<ICloudAssemblySource> {
    this.source ??= await this.toolkit.fromAssemblyBuilder(
      async (props) => {
        const account = props.env.CDK_DEFAULT_ACCOUNT;
        const region = props.env.CDK_DEFAULT_REGION;
        const { app } = buildFleetApp(this.schools, {
          release: this.options.release,
          ...(account && region ? { env: { account, region } } : {}),
          ...(props.outdir ? { outdir: props.outdir } : {}),
          context: { ...cdkJsonContext(), ...props.context, ...this.options.context },
        });
        return app.synth();
      },
      {
        outdir: this.options.outdir,
        disposeOutdir: false,
        lookups: false,
        resolveDefaultEnvironment: this.options.online,
        // The app gets outdir, context and environment from the builder's arguments, not from process.env.
        clobberEnv: false,
      },
    );
    return this.source;
  }

  /**
   * Synthesizes every selected school's stack (cdk-nag included), once: the templates, or the
   * first error. Diff and deploy work on this assembly (it holds a read lock on its folder until
   * `dispose`; synthesizing again into the folder would be refused).
   */
  async synth(): Promise<CachedCloudAssembly> {
    this.assembly ??= await this.toolkit.synth(await this.assemblySource());
    return this.assembly;
  }

  async dispose(): Promise<void> {
    await this.assembly?.dispose();
    this.assembly = undefined;
  }

  /** Changes against the deployed stack: how many, and which resources would be replaced. */
  async diff(school: FleetSchool): Promise<{ changes: number; replacements: string[] }> {
    const diffs = await this.toolkit.diff(await this.synth(), { stacks: selectorOf(school) });
    const diff = Object.values(diffs)[0];
    if (!diff) return { changes: 0, replacements: [] };
    const replacements: string[] = [];
    diff.resources.forEachDifference((logicalId, change) => {
      if (change.changeImpact === 'WILL_REPLACE') replacements.push(`${logicalId} (${change.resourceType})`);
    });
    return { changes: diff.differenceCount, replacements };
  }

  /** Deploys one school's stack and answers its outputs. */
  async deploy(school: FleetSchool): Promise<Record<string, string>> {
    const result: DeployResult = await this.toolkit.deploy(await this.synth(), {
      stacks: selectorOf(school),
      concurrency: 1,
    });
    const deployed = result.stacks.find((s) => s.stackName === stackNameOf(school.schoolId));
    return deployed?.outputs ?? {};
  }
}

function selectorOf(school: FleetSchool) {
  return { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH_SINGLE, patterns: [stackNameOf(school.schoolId)] };
}
