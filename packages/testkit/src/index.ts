export * from './fixtures.js';
export * from './canonical-state.js';
