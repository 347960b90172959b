export * from './session.js';
export * from './magic-link.js';
export * from './rate-limit.js';
export * from './session-key.js';
export * from './mailbox-key.js';
