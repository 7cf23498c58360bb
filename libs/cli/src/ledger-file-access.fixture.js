// Child process for the read-only case of ledger-file-access.spec.ts. Root writes through any
// chmod, so when the tests run as root the spec starts this as an unprivileged user. Runs
// `ledger <argv[2..]>` as the spec's in-process runs do (testing/run-ledger: the CLI's program with
// its Nest store access) and prints the run as JSON: { code, out, err }.
// Plain JS (not built, not shipped), loaded through `node -r @swc-node/register`.
const { runLedger } = require('./testing/run-ledger');

void runLedger(process.argv.slice(2)).then((run) => process.stdout.write(JSON.stringify(run)));
