// Makes sure Debian's Firefox is there for the browser tests: installs it with apt-get when we are root, else says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

if (!existsSync(FIREFOX)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (root && hasApt) {
    console.log('[ganglag] Firefox not found: installing Debian package "firefox-esr" with apt-get...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], { stdio: 'inherit', env });
  }
  if (!existsSync(FIREFOX)) {
    console.error(
      `[ganglag] The browser tests need Firefox at ${FIREFOX}.\n` +
        '  On Debian/Ubuntu: sudo apt-get install -y firefox-esr\n' +
        '  Elsewhere: install Firefox (ESR 128 or newer) and set FIREFOX_PATH to its executable.',
    );
    process.exit(1);
  }
}
console.log(`[ganglag] using Firefox at ${FIREFOX}`);
