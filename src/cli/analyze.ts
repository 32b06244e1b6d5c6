// Entry point of `npm run analyze -- <poses.json> [--height <m>] [--json]`: ganglag.poses/v1 in, report out.
import { readFileSync } from 'node:fs';
import { runAnalyze } from './run';

process.exitCode = runAnalyze(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
