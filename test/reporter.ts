import Mocha from 'mocha';

/**
 * mocha's spec output, plus one closing line in the plain form CI reads from any runner:
 * "N passed, N failed, N skipped". Skipped (pending) tests are counted so a skip never looks like a pass.
 */
class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      // After mocha's own epilogue, which the base reporter prints on the same event.
      process.stdout.write(`\n${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

export = SpecWithSummary;
