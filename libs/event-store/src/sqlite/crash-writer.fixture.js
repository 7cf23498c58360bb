// Child process for the crash-safety test: appends in a loop and prints each acknowledged id.
// The parent kills it with SIGKILL mid-stream. Plain JS, loaded through @swc-node/register.
require('@swc-node/register');
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('./sqlite-event-store');

const store = new SqliteEventStore({ path: process.argv[2] });
let n = 0;
async function loop() {
  for (;;) {
    const batch = Array.from({ length: 3 }, () => ({
      id: randomUUID(),
      type: 'CrashTestRecorded',
      data: { n: n++, padding: 'x'.repeat(200) },
      metadata: {
        occurredAt: '2012-07-20',
        actor: 'crash-test',
        source: { kind: 'test', reference: 'crash' },
      },
    }));
    const stream = `crash-${n % 7}`;
    const result = await store.append(stream, batch);
    process.stdout.write(`${result.events.map((e) => e.id).join(',')}\n`);
  }
}
loop();
