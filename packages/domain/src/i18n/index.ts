export * from './catalog.js';
export * from './locales.js';
export * from './locale-data.js';
export * from './translate.js';
export * from './labels.js';
export * from './reasons.js';
export * from './catalog-check.js';
