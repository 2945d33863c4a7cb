// Stands in for the push service (Pushover's form: title, message, sound...): a local
// node:http server that records every alert the stack's alert sink posts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  title: string;
  message: string;
  sound: string;
  at: number;
  form: Record<string, string>;
}

export interface AlertReceiver {
  url: string;
  alerts: ReceivedAlert[];
  /** Resolves with the first alert (already received or yet to come) that matches, or rejects at the deadline. */
  waitFor(match: (a: ReceivedAlert) => boolean, timeoutMs: number, since?: number): Promise<ReceivedAlert>;
  close(): Promise<void>;
}

export async function startAlertReceiver(): Promise<AlertReceiver> {
  const alerts: ReceivedAlert[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      alerts.push({
        title: form.title ?? '',
        message: form.message ?? '',
        sound: form.sound ?? '',
        at: Date.now(),
        form,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":1}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/1/messages.json`,
    alerts,
    async waitFor(match, timeoutMs, since = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = alerts.find((a) => a.at >= since && match(a));
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no matching alert within ${timeoutMs} ms; received: ${JSON.stringify(alerts.map((a) => ({ title: a.title, sound: a.sound })))}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
