// The processes of the stack and their ports (docs/architecture.md), for `npm start` and the
// smoke test. Services answer /health/ready; the website's dev server answers /.
export const APPS = [
  { name: 'broker-sandbox', port: 4010, colour: 90, cmd: ['dist/apps/broker-sandbox/src/main.js'] },
  { name: 'ingestion', port: 3003, colour: 36, cmd: ['dist/apps/ingestion/src/main.js'] },
  { name: 'ranking', port: 3004, colour: 35, cmd: ['dist/apps/ranking/src/main.js'] },
  { name: 'search-api', port: 3001, colour: 32, cmd: ['dist/apps/search-api/src/main.js'] },
  { name: 'checkout', port: 3002, colour: 33, cmd: ['dist/apps/checkout/src/main.js'] },
  // The local SMTP catcher the notifier mails to (its mailbox: the dev server's /dev/mail).
  { name: 'mail', port: 1080, colour: 37, cmd: ['scripts/mail-catcher.mjs'], health: '/messages' },
  { name: 'notifier', port: 3005, colour: 31, cmd: ['dist/apps/notifier/src/main.js'] },
  { name: 'frontend', port: 8080, colour: 34, cmd: ['apps/frontend/dev-server.mjs'], health: '/' },
];
