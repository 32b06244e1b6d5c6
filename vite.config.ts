/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

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
  plugins: [cspMeta(), noRemoteUrls()],
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
  server: { strictPort: true },
  preview: { strictPort: true },
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
