import { SUBJECTS, STREAMS, validateMessage, schemaForSubject } from './index.js';

describe('contracts', () => {
  it('builds the subjects of docs/architecture.md "Messages"', () => {
    expect(SUBJECTS.inventoryChanged('hamilton')).toBe('inventory.changed.v1.hamilton');
    expect(SUBJECTS.rankingsUpdated('hamilton')).toBe('rankings.updated.v1.hamilton');
    expect(SUBJECTS.orderEvent('confirmed')).toBe('orders.events.v1.confirmed');
    expect(SUBJECTS.opsAlerts).toBe('ops.alerts.v1');
    expect(() => SUBJECTS.inventoryChanged('a.b')).toThrow(/invalid subject token/);
  });

  it('covers every subject family with a stream', () => {
    const patterns = Object.values(STREAMS).flatMap((s) => s.subjects);
    expect(patterns).toEqual(
      expect.arrayContaining([
        'inventory.changed.v1.*',
        'rankings.updated.v1.*',
        'orders.events.v1.*',
        'ops.alerts.v1',
      ]),
    );
  });

  it('accepts a valid payload and names the wrong fields of an invalid one', () => {
    const good = {
      showId: 'hamilton',
      pullId: 'p1',
      performanceIds: ['1', '2'],
      added: 1,
      changed: 0,
      removed: 0,
      at: '2026-11-26T10:00:00Z',
    };
    expect(validateMessage('inventory.changed.v1.hamilton', good)).toEqual({ ok: true, value: good });
    const bad = validateMessage('inventory.changed.v1.hamilton', { ...good, added: -1, at: 'yesterday' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/added/);
    expect(!bad.ok && bad.error).toMatch(/at/);
    expect(validateMessage('nope.v1', {}).ok).toBe(false);
    expect(schemaForSubject('ops.alerts.v1')).toBeDefined();
  });
});
