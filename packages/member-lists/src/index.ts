export * from './decode.js';
export * from './parse.js';
export * from './columns.js';
export * from './import-plan.js';
export * from './spreadsheet-safe.js';
export * from './member-export.js';
