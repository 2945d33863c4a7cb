export type AlertKind = 'error' | 'purchase' | 'warning';

export interface AlertInput {
  kind: AlertKind;
  title: string;
  message: string;
  /** Alerts with the same key within a minute send one push. Defaults to kind + title. */
  dedupeKey?: string;
}

/** Pushover's sounds: "falling" for errors and warnings, "cashregister" for purchases. */
export const ALERT_SOUNDS: Record<AlertKind, string> = {
  error: 'falling',
  warning: 'falling',
  purchase: 'cashregister',
};

/** One push per key per window, however many alerts arrive. */
export const ALERT_DEDUPE_WINDOW_MS = 60_000;
