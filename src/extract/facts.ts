import type { Fact } from './types.ts';

export function parseFacts(_text: string): Fact[] {
  return [];
}
