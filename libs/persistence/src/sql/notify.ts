import type pg from 'pg';

/** `LISTEN <channel>` on a client of its own: its 'notification' events then carry the channel's NOTIFYs. */
export async function listenOn(client: pg.ClientBase, channel: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  await client.query(`LISTEN ${channel}`);
}
