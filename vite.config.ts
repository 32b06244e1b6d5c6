/// <reference types="vitest/config" />
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const APP_VERSION = (JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string }).version;

/** Content-Security-Policy of the built app: its own origin only, no inline script, wasm allowed. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy as an HTTP header: the meta tag's policy plus `frame-ancestors 'none'`, which only a header can set
 * (no site may frame the app). docs/deploy.md and docs/nginx/ganglag.conf give the same header.
 */
export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;

/** Headers the preview server sends, as a static host should (docs/deploy.md). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

/**
 * The dev server's policy: the same, except what Vite's dev client needs and allows nothing else: CSS arrives as
 * inline <style> elements, and hot reload talks over a WebSocket to the dev server.
 */
const DEV_CSP_HEADER = CSP_HEADER.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
);

/** Byte size of each pose-model file, so the UI can say how much a model costs before it is downloaded. */
function modelSizes(): Plugin {
  const id = 'virtual:ganglag-model-sizes';
  const files = Object.keys(
    JSON.parse(readFileSync(here('./src/shared/model-files.json'), 'utf8')) as Record<string, string>,
  );
  return {
    name: 'ganglag-model-sizes',
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    load(resolved) {
      if (resolved !== '\0' + id) return undefined;
      const sizes: Record<string, number | null> = {};
      for (const f of files) {
        const path = here(`./public/models/${f}`);
        sizes[f] = existsSync(path) ? statSync(path).size : null;
      }
      return `export const MODEL_FILE_BYTES = ${JSON.stringify(sizes)};`;
    },
  };
}

/**
 * The service worker (Workbox, via vite-plugin-pwa) precaches the app shell and the wasm, not the pose models:
 * workers/model-loader.ts keeps each model in Cache Storage on its first use, so only the chosen model is fetched.
 * "prompt": a new version waits until the user reloads (src/ui/pwa/update.ts holds it back while recording).
 */
function pwa(): Plugin[] {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: null,
    strategies: 'generateSW',
    filename: 'sw.js',
    manifest: {
      id: './',
      name: 'Ganglag: gait and spine analysis',
      short_name: 'Ganglag',
      description:
        'Gait and spine analysis with the camera, on this device: nothing leaves it unless you export it.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      orientation: 'any',
      theme_color: '#0f172a',
      background_color: '#0f172a',
      categories: ['health', 'medical'],
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest}'],
      globIgnores: ['models/**'],
      // The TF.js chunks and the wasm are bigger than Workbox's 2 MiB default.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/models\//, /^\/tfjs-wasm\//],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      sourcemap: false,
      // Workbox's own runtime is bundled into sw.js (no importScripts of a CDN or a second file).
      inlineWorkboxRuntime: true,
      mode: 'production',
    },
  });
}

/** The generated service worker is written after the bundle, so its remote-URL literals are removed here. */
function noRemoteUrlsInServiceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ganglag-no-remote-urls-sw',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      outDir = c.build.outDir.startsWith('/') ? c.build.outDir : `${c.root}/${c.build.outDir}`;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const sw = `${outDir}/sw.js`;
        if (!existsSync(sw)) return;
        const text = readFileSync(sw, 'utf8');
        const clean = text.replace(REMOTE_URL, 'urn:ganglag:removed-url');
        if (clean !== text) writeFileSync(sw, clean);
      },
    },
  };
}

function cspMeta(): Plugin {
  return {
    name: 'ganglag-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

/** Hosts whose URLs are identifiers, never fetched (XML namespaces, FHIR/LOINC/UCUM code systems). */
export const IDENTIFIER_HOSTS = [
  'www.w3.org',
  'hl7.org',
  'terminology.hl7.org',
  'loinc.org',
  'snomed.info',
  'unitsofmeasure.org',
];
const REMOTE_URL = new RegExp(
  `https?://(?!(?:localhost|127\\.0\\.0\\.1|${IDENTIFIER_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|')})[/:"'\`\\s)])[^\\s"'\`)]*`,
  'g',
);

/**
 * The app fetches nothing remote, and the build shows it: remote URL literals in third-party code (tfhub.dev
 * defaults we never use, issue links in error text, licence comments) are replaced by an inert URN.
 */
function noRemoteUrls(): Plugin {
  return {
    name: 'ganglag-no-remote-urls',
    apply: 'build',
    enforce: 'post',
    generateBundle(_opts, bundle) {
      for (const item of Object.values(bundle)) {
        if (!/\.(js|mjs|css|html)$/.test(item.fileName)) continue;
        if (item.type === 'chunk') item.code = item.code.replace(REMOTE_URL, 'urn:ganglag:removed-url');
        else if (typeof item.source === 'string')
          item.source = item.source.replace(REMOTE_URL, 'urn:ganglag:removed-url');
        else
          item.source = new TextDecoder().decode(item.source).replace(REMOTE_URL, 'urn:ganglag:removed-url');
      }
    },
  };
}

export default defineConfig({
  // The app version, named in exports (FHIR Device) so a report says which build measured it.
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  plugins: [cspMeta(), noRemoteUrls(), modelSizes(), pwa(), noRemoteUrlsInServiceWorker()],
  resolve: {
    // pose-detection imports @mediapipe/pose for its mediapipe runtime, which we never use (tfjs runtime only).
    alias: { '@mediapipe/pose': here('./workers/mediapipe-pose-stub.ts') },
  },
  worker: { format: 'es', plugins: () => [noRemoteUrls()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  server: { strictPort: true, headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': DEV_CSP_HEADER } },
  preview: { strictPort: true, headers: SECURITY_HEADERS },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          allowOnly: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000,
          allowOnly: false,
        },
      },
    ],
  },
});
