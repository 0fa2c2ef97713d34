/**
 * A random key for `transformation.create`. Not crypto.randomUUID: that exists only in secure
 * contexts, and the app is also served over plain HTTP on local networks.
 */
export const newIdempotencyKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
