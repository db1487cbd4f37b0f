/**
 * `npm run cost -- --school <id>` / `--all`: the expected AWS bill per school and for the fleet
 * (cli.ts; the method and the formulas are in docs/cost.md).
 */
import { runCli } from './cli.ts';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
