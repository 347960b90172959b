export * from './names.js';
export * from './envelope.js';
export * from './schemas.js';
export * from './rules.js';
