import type { SavedSearchEntity } from '@hamiltix/persistence';

/** What GET /api/v1/alerts/:id answers to the holder of the access token. */
export function alertView(s: SavedSearchEntity): Record<string, unknown> {
  const f = s.filters;
  return {
    id: s.id,
    status: s.status,
    email: s.email,
    show: s.showId,
    filters: {
      ...(f.city !== undefined && { city: f.city }),
      ...(f.from !== undefined && { from: f.from }),
      ...(f.to !== undefined && { to: f.to }),
      ...(f.days !== undefined && {
        days: f.days.map((d) => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d]),
      }),
      ...(f.time !== undefined && { time: f.time }),
      ...(f.quantity !== undefined && { quantity: f.quantity }),
      ...(f.maxPriceCents !== undefined && { maxPrice: f.maxPriceCents / 100 }),
      ...(f.section !== undefined && { section: f.section }),
      ...(f.clearView && { clearView: true }),
    },
    target: {
      ...(s.targetMaxCents !== null && { maxPrice: s.targetMaxCents / 100 }),
      ...(s.targetMinQuality !== null && { minQuality: s.targetMinQuality }),
    },
    createdAt: s.createdAt.toISOString(),
    confirmedAt: s.confirmedAt?.toISOString() ?? null,
    lastSentAt: s.lastSentAt?.toISOString() ?? null,
  };
}
