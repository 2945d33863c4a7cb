export * from './free-port.js';
export * from './private-server.js';
export * from './app-process.js';
export * from './broker-sandbox-process.js';
export * from './mail-catcher.js';
export * from './push-receiver.js';
export * from './chromium.js';
export * from './stripe-stand-in.js';
