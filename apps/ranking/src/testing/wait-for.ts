/** Polls `check` every 50 ms until it gives a truthy value; throws after `ms` naming `what` (and `context()`). */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 60_000,
  context: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`.trim());
    await new Promise((r) => setTimeout(r, 50));
  }
}
