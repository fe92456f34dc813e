/** The app's paths, as plain functions: read by the router and by the first-load preload (which has no React). */

/** `/reports/:id/:tab?` → { id, tab } */
export function matchReport(path: string): { id: string; tab: string } | undefined {
  const match = /^\/reports\/([0-9a-f-]{36})(?:\/(\w+))?$/.exec(path);
  return match ? { id: match[1]!, tab: match[2] ?? 'review' } : undefined;
}
