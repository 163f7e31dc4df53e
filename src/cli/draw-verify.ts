/**
 * `npm run draw:verify -- URL_OR_FILE`: recomputes a published draw (PRODUCT §5.1) from its bundle — a
 * file, or the JSON of `GET /api/v1/draws/ID` — and says whether it is the one published. Prints what it
 * checked, then one line of JSON, last: {"ok","id","requests","slots","allocated","problems"}.
 * Exit code 0 when the bundle checks out, 1 when it does not, 2 when it cannot be read.
 */
import {
  loadBundle,
  UnreadableBundleError,
  verdictLine,
  verifyBundle,
} from '../modules/draw/bundle-verify.ts';

async function main(source: string | undefined): Promise<number> {
  if (source === undefined || source === '--help' || source === '-h') {
    console.error('usage: npm run draw:verify -- URL_OR_FILE');
    return 2;
  }
  let bundle: unknown;
  try {
    bundle = await loadBundle(source);
  } catch (error) {
    if (!(error instanceof UnreadableBundleError)) throw error;
    console.log(`✘ ${error.message}`);
    const problems = [error.message];
    console.log(JSON.stringify({ ok: false, id: null, requests: 0, slots: 0, allocated: 0, problems }));
    return 2;
  }
  const report = verifyBundle(bundle);
  console.log(`Checking ${source}`);
  for (const line of report.checks) console.log(line);
  console.log(
    report.ok
      ? 'The bundle is the draw it says it is.'
      : `The bundle does not check out: ${report.problems.length} problem(s).`,
  );
  console.log(verdictLine(report));
  return report.ok ? 0 : 1;
}

process.exitCode = await main(process.argv[2]);
