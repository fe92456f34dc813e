/** The clause a figure stands in: text back to the previous clause mark, bounded so a run-on line stays cheap. */
const CLAUSE_MARK = /[，,。；;：:\n]/;

export function clauseBefore(text: string, pos: number, max = 40): string {
  let s = pos;
  while (s > 0 && pos - s < max && !CLAUSE_MARK.test(text[s - 1]!)) s--;
  return text.slice(s, pos);
}
