/**
 * The release a stack is deployed from: a tag `klassny:release` on the stack, the `Release`
 * output, and `KLASSNY_VERSION` of every function (what `/api/health` answers, so the smoke test
 * can tell the new functions serve). `-c release=<name>` names it; otherwise it is the git tag on
 * the commit (`v1.4.0`), or the package version and the commit (`0.1.0+g7ecb1a5`), marked
 * `.dirty` when the working tree has uncommitted changes — the fleet refuses to deploy those.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

/** CloudFormation's tag value alphabet, and short enough to read in a table. */
export const RELEASE_PATTERN = /^[\p{L}\p{N}_.:/=+@-]{1,64}$/u;

export function isDirtyRelease(release: string): boolean {
  return release.endsWith('.dirty');
}

export function releaseFromGit(root: string = repoRoot): string {
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const commit = git('rev-parse', '--short=7', 'HEAD');
  if (!commit) return `${version}+unknown`;
  const dirty = (git('status', '--porcelain', '--untracked-files=no') ?? '') !== '';
  const tag = git('describe', '--tags', '--exact-match', 'HEAD');
  return `${tag ?? `${version}+g${commit}`}${dirty ? '.dirty' : ''}`;
}

/** The release from context (`-c release=…`) or git; a malformed name stops the synth. */
export function resolveRelease(fromContext: unknown): string {
  const release = fromContext === undefined ? releaseFromGit() : String(fromContext);
  if (!RELEASE_PATTERN.test(release)) {
    throw new Error(`Invalid release ${JSON.stringify(release)}: letters, digits and _ . : / = + @ - only, at most 64 characters`);
  }
  return release;
}
