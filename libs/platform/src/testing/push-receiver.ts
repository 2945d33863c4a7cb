import { createServer, type Server } from 'node:http';

export interface PushReceiver {
  server: Server;
  /** The webhook URL to give ALERT_WEBHOOK_URL. */
  url: string;
  /** Every push received, as its form. */
  pushes: URLSearchParams[];
}

/** A local stand-in for the push service (Pushover form): records every push it receives. */
export async function startPushReceiver(): Promise<PushReceiver> {
  const pushes: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      pushes.push(new URLSearchParams(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/1/messages.json`, pushes };
}
