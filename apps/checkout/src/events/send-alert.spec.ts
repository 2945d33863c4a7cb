import { sendAlert, type AlertsPort } from './order-events.port.js';

describe('sendAlert', () => {
  const alert = { kind: 'warning' as const, title: 't', message: 'm' };

  it.each([
    [
      'rejects',
      () => {
        return Promise.reject(new Error('sink down'));
      },
    ],
    [
      'throws at once',
      () => {
        throw new Error('sink down');
      },
    ],
  ])('never throws when the sink %s: the failure is logged as a warning', async (_, send) => {
    const warnings: string[] = [];
    const alerts: AlertsPort = { alert: send };
    await expect(
      sendAlert(alerts, { warn: (message: string) => warnings.push(message) }, alert, 'o-1'),
    ).resolves.toBeUndefined();
    expect(warnings).toEqual(['alert for o-1 not sent: sink down']);
  });

  it('passes the alert to the sink', async () => {
    const sent: unknown[] = [];
    await sendAlert({ alert: (a) => sent.push(a) }, { warn: () => undefined }, alert, 'o-1');
    expect(sent).toEqual([alert]);
  });
});
