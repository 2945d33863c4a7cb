export type OrderState = 'pending' | 'accepted' | 'rejected';

/** An order as the sandbox keeps it (money in integer cents). */
export interface SandboxOrder {
  id: number;
  state: OrderState;
  reference: string | null;
  /** What the reference was first used for: a retry must match it. */
  fingerprint: string;
  clientId: number | string;
  createdAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  rejectionReason: string | null;
  item: {
    ticketGroupId: number;
    eventId: number;
    quantity: number;
    priceCents: number;
    section: string;
    row: string;
    lowSeat: number | null;
    highSeat: number | null;
    seatOrder: unknown;
  };
  serviceFeeCents: number;
  shippingCents: number;
  taxCents: number;
  discountCents: number;
  sessionId: string | null;
  createdByIpAddress: string | null;
  payments: Record<string, unknown>[];
}
