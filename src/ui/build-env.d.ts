// Build-time constants from vite.config.ts's define.
declare const __APP_VERSION__: string;
