// The bench's 10-minute file is the demo looped by ffmpeg at bench time: installs Debian's ffmpeg when we are root.
// Optional: without it the bench runs and says that the long-file run was skipped.
import { ensureTool } from './ensure-tool.mjs';

ensureTool({
  name: 'ffmpeg',
  path: process.env.FFMPEG_PATH || '/usr/bin/ffmpeg',
  pkg: 'ffmpeg',
  envVar: 'FFMPEG_PATH',
  neededFor: "The bench's long-file run",
  elsewhere: 'install ffmpeg',
  optional: true,
});
