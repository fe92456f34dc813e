import type { Section } from './types.ts';

export function parseSections(_text: string): Section[] {
  return [];
}
