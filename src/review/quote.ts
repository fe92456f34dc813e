/**
 * The words a finding quotes, as one key: its spans' texts in order. A reviewer's decision is stored under
 * it (with the rule), so the decision finds its finding again after a re-review. Shared by the server and
 * the web app, hence no imports.
 */
export function quoteOf(spans: readonly { text: string }[]): string {
  return spans.map((span) => span.text).join(' … ');
}
