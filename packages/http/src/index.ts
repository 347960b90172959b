export * from './problem.js';
export * from './middlewares.js';
export * from './responses.js';
export * from './parse.js';
export * from './request-shape.js';
