import { documentClient } from '#functions/lib/dynamo-client.ts';

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

/**
 * Records the table's IAM actions the functions perform, attributed to the area whose request is
 * being served (the caller says which, one request at a time): a transaction counts as the
 * actions of its items, as IAM authorizes it.
 */
let area: string | undefined;
const actions = new Map<string, Set<string>>();
let recording = false;

export function recordTableActions() {
  if (!recording) {
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (area) {
          const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
          const input = args.input as { TransactItems?: Record<string, unknown>[] };
          const names =
            name === 'TransactWriteItems'
              ? (input.TransactItems ?? []).map((item) => `${Object.keys(item)[0]}Item`)
              : name === 'TransactGetItems'
                ? ['GetItem']
                : [name];
          const set = actions.get(area) ?? new Set<string>();
          for (const n of names) set.add(`dynamodb:${n}`);
          actions.set(area, set);
        }
        return next(args);
      },
      { step: 'initialize', name: 'klassnyTestTableActions' },
    );
    recording = true;
  }
  return {
    attributeTo: (name: string | undefined) => {
      area = name;
    },
    byArea: () => Object.fromEntries(actions) as Record<string, Set<string>>,
  };
}
