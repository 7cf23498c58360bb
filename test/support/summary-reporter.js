// Prints the closing line CI reads ("tests: N passed, N failed, N skipped"): jest's own summary
// is not in a form CI recognises. Skipped tests are counted as skipped, never as passed.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const {
      numPassedTests,
      numFailedTests,
      numPendingTests,
      numTodoTests,
      numFailedTestSuites,
      numRuntimeErrorTestSuites,
    } = results;
    const failed =
      numFailedTests + numRuntimeErrorTestSuites + (numFailedTests === 0 ? numFailedTestSuites : 0);
    process.stdout.write(
      `\ntests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
