// Makes sure Debian's Chromium is there for the browser tests: installs it with apt-get when we are root, else says how.
import { ensureTool } from './ensure-tool.mjs';

ensureTool({
  name: 'Chromium',
  path: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  pkg: 'chromium',
  envVar: 'CHROMIUM_PATH',
  neededFor: 'The browser tests',
  elsewhere: 'install Chromium',
});
