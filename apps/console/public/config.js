// Runtime settings of the console. In Compose the nginx entrypoint rewrites this file, e.g.
// window.__ASTRON_CONFIG__ = { "apiBaseUrl": "https://hub.example.com" };
globalThis.__ASTRON_CONFIG__ = {};
