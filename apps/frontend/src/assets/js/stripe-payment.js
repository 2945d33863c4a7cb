// The card form with Stripe's own Payment Element: the card goes from the buyer's browser
// to Stripe, never to Hamiltix; the page gets back a PaymentMethod id (`pm_…`), which is
// the order's paymentToken. Stripe.js is loaded from js.stripe.com only in this mode (the
// run-time config names provider stripe and a publishable key), so development and staging,
// which use the sandbox cards, never reach the network for it.

const STRIPE_JS = 'https://js.stripe.com/v3/';
let loading;

function loadStripeJs() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () =>
      window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not load'));
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Stripe.js could not be loaded'));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Mounts the Payment Element in `container` for an amount in cents (USD, authorised now and
 * captured once the seller confirms). `token()` answers `{ token }` or `{ error }` (a message
 * for the buyer). The same card details give the same PaymentMethod, so a retry of the same
 * order reuses its Idempotency-Key and can never pay twice.
 */
export async function mountPaymentElement(container, { publishableKey, amountCents }) {
  const Stripe = await loadStripeJs();
  const stripe = Stripe(publishableKey);
  const elements = stripe.elements({
    mode: 'payment',
    amount: amountCents,
    currency: 'usd',
    captureMethod: 'manual',
    paymentMethodCreation: 'manual',
    paymentMethodTypes: ['card'],
  });
  const element = elements.create('payment');
  let cached;
  element.on('change', () => {
    cached = undefined;
  });
  container.replaceChildren();
  element.mount(container);
  return {
    setAmount(cents) {
      elements.update({ amount: cents });
    },
    async token() {
      if (cached) return { token: cached };
      const submitted = await elements.submit();
      if (submitted.error) return { error: submitted.error.message ?? 'Check the card details.' };
      const created = await stripe.createPaymentMethod({ elements });
      if (created.error) return { error: created.error.message ?? 'The card could not be used.' };
      cached = created.paymentMethod.id;
      return { token: cached };
    },
    // 3-D Secure: the order answered 402 `requires_action` with the PaymentIntent's client
    // secret. Stripe.js shows the bank's check; `{}` when done, `{ error }` otherwise. The
    // page then sends the same order again (same body, same Idempotency-Key) to continue it.
    async authenticate(clientSecret) {
      const result = await stripe.handleNextAction({ clientSecret });
      if (result.error) return { error: result.error.message ?? 'The payment could not be confirmed.' };
      return {};
    },
  };
}
