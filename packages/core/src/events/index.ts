export { fileTopicOf, parseMessage, type ParseOptions } from './parse-message.js';
export { entityKeyOf } from './entity-key.js';
export { needsBodhiComments, withBodhiComments } from './bodhi-comments.js';
