/**
 * Characters of `text` as BotWire (Python's `len`) counts them: Unicode code points, so an
 * emoji (a surrogate pair in JavaScript) is one, and a lone surrogate is one too.
 */
export function countCodePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
