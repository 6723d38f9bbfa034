/** Runtime settings, read from window.__ASTRON_CONFIG__ (public/config.js; nginx rewrites it in Compose). */
export interface RuntimeConfig {
  /** Where the hub's /api lives; empty means the console's own origin (embedded mode and nginx). */
  apiBaseUrl: string;
}

declare global {
  interface Window {
    __ASTRON_CONFIG__?: Partial<RuntimeConfig>;
  }
}

export function runtimeConfig(): RuntimeConfig {
  const raw = typeof window === 'undefined' ? undefined : window.__ASTRON_CONFIG__;
  const apiBaseUrl = typeof raw?.apiBaseUrl === 'string' ? raw.apiBaseUrl.replace(/\/+$/, '') : '';
  return { apiBaseUrl };
}
