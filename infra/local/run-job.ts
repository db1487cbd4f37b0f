/** `npm run job -- <name>`: run one scheduled function now, against the local stack. */
import './quiet-sdk.ts';
import { knownJobs, withLocalStack } from './attach.ts';

const name = process.argv[2];
if (!name || !knownJobs().includes(name)) {
  process.stderr.write(`Укажите задание: npm run job -- <${knownJobs().join('|')}>\n`);
  process.exit(2);
}
const result = await withLocalStack(async () => {
  const job = (await import(`../../functions/scheduled/${name}.ts`)) as { handler: (e: unknown) => Promise<unknown> };
  return job.handler({ source: 'klassny.cli', job: name, time: new Date().toISOString() });
});
process.stdout.write(`${name}: ${JSON.stringify(result)}\n`);
process.exit(0);
