import { accessTokenMatches } from './access-token.js';
import { orderView } from './order-view.js';
import type { OrderRepository } from './order.repository.js';
import { problem, type HttpOutcome } from './outcome.js';

export interface GetOrderCommand {
  id: string;
  /** The raw `Authorization` header. */
  authorization: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /api/v1/orders/:id with `Authorization: Bearer <accessToken>`. A missing or wrong
 * token answers exactly like an unknown order (404), so existence is never revealed.
 */
export class GetOrder {
  constructor(private readonly orders: OrderRepository) {}

  async execute(command: GetOrderCommand): Promise<HttpOutcome> {
    const token = bearer(command.authorization);
    if (token && UUID.test(command.id)) {
      const order = await this.orders.findById(command.id.toLowerCase());
      if (order && accessTokenMatches(token, order.accessTokenHash))
        return { status: 200, body: orderView(order) };
    }
    return problem(
      404,
      'No order found for this id and access token. Use the order link and token you got when you ordered.',
    );
  }
}

function bearer(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/i.exec(header);
  return match?.[1];
}
