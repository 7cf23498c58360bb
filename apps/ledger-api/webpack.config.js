// The service's bundle (nest build ledger-api): Nest's own webpack settings with one more entry,
// the integrity watch's thread (libs/integrity/src/watch/integrity-thread.ts), built to a file of
// its own beside main.js, which IntegrityPassThread starts as a worker thread.
const { dirname, join } = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'integrity-thread': join(__dirname, '../../libs/integrity/src/watch/integrity-thread.ts'),
  },
  // Nest names the one output `apps/ledger-api/main.js` (under dist/): each entry by its name there.
  output: { ...options.output, filename: join(dirname(options.output.filename), '[name].js') },
});
