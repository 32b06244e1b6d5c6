// Types of the virtual modules vite.config.ts provides to the PWA code.
/// <reference types="vite-plugin-pwa/vanillajs" />

declare module 'virtual:ganglag-model-sizes' {
  /** Bytes of each file under /models/ at build time; null where the file was not provisioned. */
  export const MODEL_FILE_BYTES: Record<string, number | null>;
}
