import fc from "fast-check";

const raw = (text: string) => encodeURIComponent(text);
/** Mostly `valid`, sometimes (one in `odds`) `invalid`. */
export const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>, odds = 20) =>
  fc.oneof({ weight: odds, arbitrary: valid }, { weight: 1, arbitrary: invalid });

// Few names, so operations collide; awkward ones, so encoding and validation are exercised.
// Values favour `k1` and lists `k2`, so most requests meet a key an earlier one wrote, and
// some meet the other kind.
const validKeys = ["k1", "k2", "k/3", "ü", "😀", "a b"];
const invalidKeys = [".", "..", "\u0001", "\u0085", "x".repeat(17), "\ud800"];
const validKey = (favourite: string) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(favourite) }, fc.constantFrom(...validKeys));
/** A key as a body names it (a batch op's). */
export const key = mostly(validKey("k1"), fc.constantFrom(...invalidKeys, ""), 30);
/** A key as a path segment, percent-encoded: mostly `favourite`. */
export const keySegment = (favourite: string) =>
  mostly(
    validKey(favourite).map(raw),
    fc.constantFrom(
      ...invalidKeys.filter((k) => k !== "\ud800").map(raw),
      "", // an empty segment
      "%2E", // "." spelled escaped
      "%ZZ", // not an escape
      "%ED%A0%80", // a lone surrogate in UTF-8
      "%C3", // a truncated character
    ),
    30,
  );
/** A namespace as a path segment, percent-encoded. */
export const namespaceSegment = mostly(
  fc.constantFrom("a", "a", "a", "a", "a", "a", "a", "a", "b", "n.s:1"),
  fc.constantFrom("", ".", "..", "%2E%2E", "bad%20ns", "n".repeat(129), "%2F", "%ZZ"),
  40,
);
