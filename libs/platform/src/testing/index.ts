export * from './free-port.js';
export * from './private-server.js';
