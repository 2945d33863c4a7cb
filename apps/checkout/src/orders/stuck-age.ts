/**
 * How long an open order may sit untouched (`updated_at`) before the reconciler takes it
 * over: longer than the slowest stretch of the purchase flow between two writes of the
 * order, so the reconciler does not take an order a live request is still working on (if
 * it ever does, the flow's compare-and-set steps stop the request; this keeps it rare).
 *
 * The slowest stretch is broker_pending → end: the order POST (one attempt), the lookup after
 * an unknown outcome and the last poll of the pending wait (each read up to `brokerAttempts`
 * attempts with a back-off between), the pending wait itself, then the capture at the
 * payment provider (its state read, then the capture). created → authorised (two provider
 * calls) is shorter. Never less than a minute.
 */
export function reconcilerStuckAfterMs(input: {
  brokerTimeoutMs: number;
  brokerAttempts: number;
  brokerRetryDelayMs: number;
  pendingWaitMs: number;
  paymentCallBudgetMs: number;
}): number {
  const brokerReads = 2 * input.brokerAttempts;
  const broker = (1 + brokerReads) * input.brokerTimeoutMs + (brokerReads - 2) * input.brokerRetryDelayMs;
  const payment = 2 * input.paymentCallBudgetMs;
  const margin = 15_000;
  return Math.max(60_000, broker + input.pendingWaitMs + payment + margin);
}
