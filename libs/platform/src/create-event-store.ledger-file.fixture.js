// Child process for the read-only cases of create-event-store.ledger-file.spec.ts. Root writes
// through any chmod, so when the tests run as root the spec starts this as an unprivileged user.
// Opens the ledger at argv[2] as createEventStore does for the service, then for the CLI, and
// prints as JSON what came of each: the error's name, code and message, or the ledger's head. Plain JS (not built, not shipped), loaded through `node -r @swc-node/register`.
const { createEventStore } = require('./create-event-store');
const { loadConfig } = require('./ledger-config');

async function open(path, oneService) {
  let store;
  try {
    store = createEventStore(loadConfig({ LEDGER_DB_PATH: path }), undefined, { oneService });
  } catch (error) {
    return { error: { name: error.name, code: error.code, message: error.message } };
  }
  try {
    return { head: await store.head() };
  } finally {
    await store.close();
  }
}

async function main(path) {
  const outcomes = [await open(path, true), await open(path, false)];
  process.stdout.write(JSON.stringify(outcomes));
}

void main(process.argv[2]);
