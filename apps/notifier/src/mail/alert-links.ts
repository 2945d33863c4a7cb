/**
 * Every link a notifier mail carries. Pages of the website take tokens in the fragment
 * (`#…`), which browsers never send to a server, so tokens stay out of access logs; the
 * one-click unsubscribe URL (RFC 8058) carries its token in the query because mail
 * providers POST to it as is.
 */
export class AlertLinks {
  constructor(private readonly siteOrigin: string) {}

  confirm(id: string, confirmToken: string, accessToken: string): string {
    return `${this.siteOrigin}/alerts#${new URLSearchParams({ action: 'confirm', id, token: confirmToken, access: accessToken })}`;
  }

  manage(id: string, accessToken: string): string {
    return `${this.siteOrigin}/alerts#${new URLSearchParams({ action: 'manage', id, access: accessToken })}`;
  }

  unsubscribePage(id: string, unsubscribeToken: string): string {
    return `${this.siteOrigin}/alerts#${new URLSearchParams({ action: 'unsubscribe', id, token: unsubscribeToken })}`;
  }

  oneClickUnsubscribe(id: string, unsubscribeToken: string): string {
    return `${this.siteOrigin}/api/v1/alerts/${id}/unsubscribe?${new URLSearchParams({ token: unsubscribeToken })}`;
  }

  listing(listingId: string, quantity?: number): string {
    const q = new URLSearchParams({ id: listingId });
    if (quantity !== undefined) q.set('quantity', String(quantity));
    return `${this.siteOrigin}/listing?${q}`;
  }

  search(showId: string): string {
    return `${this.siteOrigin}/search?${new URLSearchParams({ show: showId })}`;
  }
}

/** RFC 8058 headers: every message can be unsubscribed from in one click. */
export function unsubscribeHeaders(oneClickUrl: string, pageUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${oneClickUrl}>, <${pageUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
