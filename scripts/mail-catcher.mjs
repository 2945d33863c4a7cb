// The local mailbox of `npm start`: an SMTP server that keeps every message the notifier
// sends (the same catcher its tests use, libs/platform/src/testing/mail-catcher.ts), and
// `GET /messages` (JSON, newest first) for the website dev server's /dev/mail page.
// Development only: nothing here is deployed.
//   MAIL_CATCHER_SMTP_PORT (1025), MAIL_CATCHER_HTTP_PORT (1080)
import { createServer } from 'node:http';
import { startMailCatcher } from '../dist/libs/platform/src/testing/mail-catcher.js';

const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080);
const catcher = await startMailCatcher({ port: smtpPort });
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/messages') {
    const body = JSON.stringify([...catcher.messages()].reverse());
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  } else if (req.method === 'DELETE' && req.url === '/messages') {
    catcher.clear();
    res.writeHead(204).end();
  } else {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end('{"statusCode":404,"message":"Not found"}');
  }
});
server.listen(httpPort, '127.0.0.1', () => {
  process.stdout.write(
    `mail catcher: SMTP ${catcher.smtpUrl}, mailbox http://127.0.0.1:${httpPort}/messages\n`,
  );
});
const stop = () => server.close(() => void catcher.stop().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
