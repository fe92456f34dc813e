import type { Fact, Relation } from './types.ts';

export function findRelations(_text: string, _facts: Fact[]): Relation[] {
  return [];
}
