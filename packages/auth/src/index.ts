export * from './session.js';
export * from './browser-session.js';
export * from './magic-link.js';
export * from './rate-limit.js';
export * from './session-key.js';
export * from './credentials.js';
