// Makes sure Debian's Firefox is there for the browser tests: installs it with apt-get when we are root, else says how.
import { ensureTool } from './ensure-tool.mjs';

ensureTool({
  name: 'Firefox',
  path: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  pkg: 'firefox-esr',
  envVar: 'FIREFOX_PATH',
  neededFor: 'The browser tests',
  elsewhere: 'install Firefox (ESR 128 or newer)',
});
