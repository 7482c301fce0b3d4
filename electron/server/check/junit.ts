// The JUnit XML report of a check, written with junit-report-builder so CI servers (GitHub,
// GitLab, Jenkins) show it as test results: one test case per expectation, one per issue
// check, and one for unplanned hits when the plan fails them; a failure's message is the
// expectation's message with its nearest misses.
import junit from 'junit-report-builder';
import type { PlanResult } from '../../../shared/plan/plan';

export interface JunitCase {
  name: string;
  /** null: passed. */
  failure: string | null;
  /** Shown with the case whether it passed or not. */
  output?: string;
}

/** A JUnit XML document of one suite. */
export function junitXml(suiteName: string, cases: readonly JunitCase[]): string {
  const report = junit.newBuilder();
  const suite = report.testSuite().name(suiteName);
  for (const item of cases) {
    const testCase = suite.testCase().className(suiteName).name(item.name);
    if (item.failure !== null) {
      testCase.failure(item.failure, 'tracking');
      // The message attribute is one line in some viewers; the body keeps the layout.
      testCase.stacktrace(item.failure);
    }
    if (item.output) testCase.standardOutput(item.output);
  }
  return `${report.build()}\n`;
}

export function planJunit(result: PlanResult, suiteName: string): string {
  const cases: JunitCase[] = [
    ...result.expectations.map((e) => ({
      name: e.name,
      failure: e.status === 'pass' ? null : e.message,
      output: e.message,
    })),
    ...result.issues.map((check) => ({
      name: `Issues: ${check.name}`,
      failure: check.status === 'pass' ? null : check.message,
    })),
  ];
  const unplanned = result.unplanned;
  if (unplanned.mode === 'fail' || (unplanned.mode === 'report' && unplanned.hitIds.length > 0)) {
    cases.push({
      name: 'Unplanned hits',
      failure: unplanned.status === 'fail' ? unplanned.message : null,
      output: unplanned.message,
    });
  }
  return junitXml(suiteName, cases);
}
