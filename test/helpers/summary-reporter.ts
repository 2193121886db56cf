import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with a plain `N passed, N failed, N skipped` line that any CI log reader can
 * parse; expected failures (known misses) count as passed, as vitest itself counts them. A file or
 * `describe` block that fails outside its tests (a `beforeAll`/`afterAll` hook, a collection error)
 * counts as one failure of its own: its tests may all have passed while the run did not.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      for (const s of [m, ...m.children.allSuites()]) if (s.errors().length > 0) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
