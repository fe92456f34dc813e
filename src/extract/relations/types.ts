/** A total and its parts as the text states or implies them, before the arithmetic is done. */
export interface Stated {
  total: number;
  parts: number[];
  /** The text says these parts are the whole (…，合计X万元). */
  complete?: boolean;
  /** Set when the text implies the relation rather than listing parts (see SumRelation.implied). */
  implied?: 'balance' | 'change';
}
