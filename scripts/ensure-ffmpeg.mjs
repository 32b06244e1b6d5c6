// The bench's 10-minute file is the demo looped by ffmpeg at bench time: installs Debian's ffmpeg when we are root.
// Optional: without it the bench runs and says that the long-file run was skipped.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ensureTool } from './ensure-tool.mjs';

// The bench runs FFMPEG_PATH, else `ffmpeg` from the PATH: look where it will.
const onPath = (process.env.PATH ?? '')
  .split(delimiter)
  .map((dir) => join(dir, 'ffmpeg'))
  .find((p) => existsSync(p));

ensureTool({
  name: 'ffmpeg',
  path: process.env.FFMPEG_PATH || onPath || '/usr/bin/ffmpeg',
  pkg: 'ffmpeg',
  envVar: 'FFMPEG_PATH',
  neededFor: "The bench's long-file run",
  elsewhere: 'install ffmpeg',
  optional: true,
});
