// Makes sure Debian's Chromium is there for the browser tests: installs it with apt-get when we are root, else says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (root && hasApt) {
    console.log('[ganglag] Chromium not found: installing Debian package "chromium" with apt-get...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      `[ganglag] The browser tests need Chromium at ${CHROMIUM}.\n` +
        '  On Debian/Ubuntu: sudo apt-get install -y chromium\n' +
        '  Elsewhere: install Chromium and set CHROMIUM_PATH to its executable.',
    );
    process.exit(1);
  }
}
console.log(`[ganglag] using Chromium at ${CHROMIUM}`);
