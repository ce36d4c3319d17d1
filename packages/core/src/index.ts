export * from './port.js';
export * from './forge-error.js';
export * from './config.js';
export * from './events/types.js';
export * from './events/index.js';
export * from './markers.js';
export * from './sanitize.js';
export * from './rules/index.js';
