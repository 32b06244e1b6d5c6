// Makes sure a program from a Debian package is there: installs the package with apt-get when we are root, else
// says how. Shared by ensure-chromium, ensure-firefox and ensure-ffmpeg.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @param {{ name: string, path: string, pkg: string, envVar: string, neededFor: string, elsewhere: string,
 *   optional?: boolean }} tool
 * @returns {boolean} whether the program is there now; a missing required one ends the process with exit 1.
 */
export function ensureTool(tool) {
  if (!existsSync(tool.path)) {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (root && existsSync('/usr/bin/apt-get')) {
      console.log(
        `[ganglag] ${tool.name} not found: installing Debian package "${tool.pkg}" with apt-get...`,
      );
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      try {
        execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
        execFileSync('apt-get', ['install', '-y', '-qq', tool.pkg], { stdio: 'inherit', env });
      } catch (err) {
        console.error(`[ganglag] apt-get could not install ${tool.pkg}: ${String(err)}`);
      }
    }
    if (!existsSync(tool.path)) {
      const how =
        `  On Debian/Ubuntu: sudo apt-get install -y ${tool.pkg}\n` +
        `  Elsewhere: ${tool.elsewhere} and set ${tool.envVar} to its executable.`;
      if (tool.optional) {
        console.warn(`[ganglag] ${tool.neededFor} needs ${tool.name} at ${tool.path}; skipping it.\n${how}`);
        return false;
      }
      console.error(`[ganglag] ${tool.neededFor} need ${tool.name} at ${tool.path}.\n${how}`);
      process.exit(1);
    }
  }
  console.log(`[ganglag] using ${tool.name} at ${tool.path}`);
  return true;
}
