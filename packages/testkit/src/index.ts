export * from './fixtures.js';
export * from './bodhi-messages.js';
export * from './canonical-state.js';
export * from './conformance/index.js';
