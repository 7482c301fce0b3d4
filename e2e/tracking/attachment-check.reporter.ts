// Checks what a report shows for a failing helper test: the run's hits attached as NDJSON
// and HAR, each holding the hits the test sent. Fails the whole run when they are missing.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

const EXPECTED_FAILURE = 'a failing test gets its run attached';

export default class AttachmentCheck implements Reporter {
  private problems: string[] = [];
  private seen = false;

  onTestEnd(test: TestCase, result: TestResult): void {
    if (test.title !== EXPECTED_FAILURE) return;
    this.seen = true;
    const byName = (suffix: string) =>
      result.attachments.find((a) => a.name.startsWith('hitscope-run-') && a.name.endsWith(suffix));
    const ndjson = byName('.ndjson')?.body?.toString('utf8') ?? '';
    const har = byName('.har')?.body?.toString('utf8') ?? '';
    if (!ndjson.includes('"action_name":"Home"')) {
      this.problems.push(`no NDJSON attachment with the run's hits (got ${ndjson.length} bytes)`);
    }
    // The HAR lists the requests as Hitscope received them, under the run's path.
    if (!har.includes('"entries"') || !har.includes('/run/')) {
      this.problems.push("no HAR attachment with the run's requests");
    }
  }

  async onEnd(): Promise<{ status?: FullResult['status'] } | undefined> {
    if (!this.seen) this.problems.push(`the test "${EXPECTED_FAILURE}" did not run`);
    if (this.problems.length === 0) return undefined;
    console.error(`Attachments on failure: ${this.problems.join('; ')}`);
    return { status: 'failed' };
  }
}
