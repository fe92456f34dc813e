/**
 * Chinese characters as the wording rules see them: the unified ideographs, extension A, the compatibility
 * ideographs and 〇 (the Chinese zero of 二〇二〇). Code units, so text indices stay UTF-16 offsets.
 */
export function isHan(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0x3007
  );
}
