export * from './version.js';
export * from './errors.js';
export * from './messages.js';
export * from './commands.js';
export * from './identity.js';
