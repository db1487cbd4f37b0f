import { documentClient } from '#functions/lib/aws-clients.ts';

/**
 * Counts the DynamoDB calls the functions make (they run in this process, through the same
 * module-scope client), to prove each access pattern's number of calls.
 */
const counts = new Map<string, number>();
let installed = false;

export function countDynamoCalls() {
  if (!installed) {
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'klassnyTestCallCounter' },
    );
    installed = true;
  }
  return {
    reset: () => counts.clear(),
    snapshot: () => Object.fromEntries(counts) as Record<string, number>,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
  };
}
