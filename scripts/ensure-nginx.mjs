// Makes sure nginx is there for the deployment test: installs Debian's package with apt-get when we are root
// (without starting the system service), else says how.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';

if (!existsSync(NGINX)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (root && hasApt) {
    console.log('[ganglag] nginx not found: installing Debian package "nginx" with apt-get...');
    // RUNLEVEL=1: the package's init script does not start a system nginx on port 80.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { stdio: 'inherit', env });
  }
  if (!existsSync(NGINX)) {
    console.error(
      `[ganglag] The deployment test needs nginx at ${NGINX}.\n` +
        '  On Debian/Ubuntu: sudo apt-get install -y nginx\n' +
        '  Elsewhere: install nginx and set NGINX_PATH to its executable.',
    );
    process.exit(1);
  }
}
console.log(`[ganglag] using nginx at ${NGINX}`);
