export * from './table.js';
export * from './errors.js';
export * from './client.js';
export * from './profile-items.js';
export * from './profile-store.js';
export * from './batch.js';
export * from './match-items.js';
export * from './match-store.js';
