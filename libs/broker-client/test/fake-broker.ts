import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../src/signing.js';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  body: string;
  signatureOk: boolean;
}

export type FakeHandler = (req: FakeRequest, res: ServerResponse) => void | Promise<void>;

/** A node:http server standing in for the broker: counts requests and checks signatures. */
export class FakeBroker {
  readonly requests: FakeRequest[] = [];
  handler: FakeHandler = (_req, res) => json(res, 200, {});
  private server?: Server;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  count(path?: string): number {
    return path ? this.requests.filter((r) => r.path === path).length : this.requests.length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const rawQuery = url.search.replace(/^\?/, '');
    const signatureOk = verifySignature(
      this.secret,
      {
        method: req.method ?? 'GET',
        host: req.headers.host ?? '',
        path: url.pathname,
        query: rawQuery,
        body,
      },
      req.headers['x-signature'] as string | undefined,
    );
    const fr: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      rawQuery,
      body,
      signatureOk,
    };
    this.requests.push(fr);
    if (!signatureOk) return json(res, 401, { error: 'bad signature' });
    try {
      await this.handler(fr, res);
    } catch (error) {
      if (!res.headersSent) json(res, 599, { error: String(error) });
    }
  }
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function listingRow(id: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    event: { id: 1001 },
    section: 'ORCH',
    row: 'F',
    seats: { low: 101, high: 104 },
    available_quantity: 4,
    splits: [2, 4],
    retail_price: '250.00',
    wholesale_price: 210.5,
    format: 'Eticket',
    in_hand: true,
    public_notes: null,
    signature: `sig-${id}`,
    ...over,
  };
}

export function eventRow(id: number): Record<string, unknown> {
  return {
    id,
    name: 'Hamilton',
    state: 'shown',
    occurs_at: '2026-12-06T01:00:00Z',
    occurs_at_local: '2026-12-05T20:00:00-05:00',
    venue: { id: 77, name: 'Richard Rodgers Theatre', location: 'New York, NY' },
    configuration: { id: 5 },
    performances: [{ performer: { id: 9, name: 'Hamilton' }, primary: true }],
    available_count: 200,
  };
}
