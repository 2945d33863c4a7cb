import { request } from './api-http.js';

// ---- Price alerts (the notifier, docs/architecture.md "Public HTTP API"). Money in dollars here
// because the alert API takes the search page's filters as the listings query names them. The
// notifier defines no shape in libs/contracts yet, so the page's reading of it lives here.

export interface AlertFilters {
  city?: string;
  from?: string;
  to?: string;
  days?: string[];
  time?: string;
  quantity?: number;
  maxPrice?: number;
  section?: string;
  clearView?: boolean;
}

export interface AlertTarget {
  /** Dollars. */
  maxPrice?: number;
  minQuality?: number;
}

export interface Alert {
  id: string;
  status: string;
  email: string;
  show: string;
  filters?: AlertFilters;
  target?: AlertTarget;
}

/** POST /api/v1/alerts: `{ email, show, filters, target }` → `{ id, status: 'pending', message }`. */
export async function createAlert(body: {
  email: string;
  show: string;
  filters: AlertFilters;
  target: AlertTarget;
}): Promise<{ id: string; status: string; message?: string }> {
  return request('/api/v1/alerts', { method: 'POST', body });
}

export async function confirmAlert(id: string, token: string): Promise<Alert> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}/confirm`, { method: 'POST', body: { token } });
}

export async function getAlert(id: string, accessToken: string): Promise<Alert> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export async function deleteAlert(id: string, accessToken: string): Promise<unknown> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export async function unsubscribeAlert(id: string, token: string): Promise<unknown> {
  return request(`/api/v1/alerts/${encodeURIComponent(id)}/unsubscribe`, { method: 'POST', body: { token } });
}
