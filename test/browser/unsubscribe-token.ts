/** `tsx test/browser/unsubscribe-token.ts <personId> <scope>`: prints a token signed by the running stack's key. */
import '#infra/local/quiet-sdk.ts';
import { withLocalStack } from '#infra/local/attach.ts';

const [personId, scope] = process.argv.slice(2);
if (!personId || !scope) throw new Error('usage: unsubscribe-token.ts <personId> <scope>');
const token = await withLocalStack(async () => {
  const { unsubscribeToken } = await import('#functions/notifications/unsubscribe-link.ts');
  return unsubscribeToken(personId, scope as 'mark');
});
process.stdout.write(`${token}\n`);
process.exit(0);
