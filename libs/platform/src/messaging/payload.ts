import { SUBJECTS, validateMessage } from '@hamiltix/contracts';
import { MessageValidationError } from './messaging.errors.js';

/** `SUBJECTS.deadLetter(x)` is this prefix + x. */
export const DEAD_LETTER_PREFIX = SUBJECTS.deadLetter('');

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Validates a payload against its subject's contract schema and encodes it as JSON; throws MessageValidationError. */
export function encodeValidated(subject: string, payload: unknown): Uint8Array {
  const result = validateMessage(subject, payload);
  if (!result.ok) throw new MessageValidationError(subject, result.error);
  return encoder.encode(JSON.stringify(result.value));
}

export function encodeJson(payload: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(payload));
}

/** Decodes and validates a received payload: the value, or the reason it is not acceptable. */
export function decodeValidated<T>(
  subject: string,
  data: Uint8Array,
): { ok: true; value: T } | { ok: false; error: string } {
  if (subject.startsWith(DEAD_LETTER_PREFIX)) {
    // Dead letters are kept as they came (possibly not JSON): an ops reader gets them unvalidated.
    const text = decoder.decode(data);
    try {
      return { ok: true, value: JSON.parse(text) as T };
    } catch {
      return { ok: true, value: text as T };
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(data));
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  return validateMessage<T>(subject, parsed);
}
