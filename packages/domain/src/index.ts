export * from './taxonomy.js';
export * from './vocabulary.js';
export * from './profile.js';
export * from './validation.js';
export * from './match-lifecycle.js';
export * from './match-plan.js';
export * from './matching/index.js';
export * from './notification.js';
