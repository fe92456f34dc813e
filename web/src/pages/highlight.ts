/**
 * The report text cut into segments at every finding and comment boundary, each segment knowing which
 * findings and comments cover it. Rendering segments as React text keeps any markup in the report inert.
 */
import type { Comment, Finding } from '../api.ts';

export interface Segment {
  start: number;
  end: number;
  findings: number[];
  comments: string[];
}

export function segmentText(
  text: string,
  findings: readonly Finding[],
  comments: readonly Comment[],
): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const ranges: { start: number; end: number; finding?: number; comment?: string }[] = [];
  findings.forEach((finding, index) => {
    for (const span of finding.spans) {
      if (span.end <= span.start || span.end > text.length) continue;
      ranges.push({ start: span.start, end: span.end, finding: index });
    }
  });
  for (const comment of comments) {
    if (comment.start === null || comment.end === null || comment.end <= comment.start) continue;
    ranges.push({ start: comment.start, end: Math.min(comment.end, text.length), comment: comment.id });
  }
  for (const range of ranges) {
    cuts.add(range.start);
    cuts.add(range.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = ranges.filter((r) => r.start <= start && r.end >= end);
    segments.push({
      start,
      end,
      findings: covering.flatMap((r) => (r.finding === undefined ? [] : [r.finding])),
      comments: covering.flatMap((r) => (r.comment === undefined ? [] : [r.comment])),
    });
  }
  return segments;
}

/** The selection inside `container` as text offsets, via the segments' data-start; undefined if none. */
export function selectionOffsets(container: HTMLElement): { start: number; end: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  const offsetOf = (node: Node, offset: number): number | undefined => {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement);
    const segment = element?.closest<HTMLElement>('[data-start]');
    if (!segment || !container.contains(segment)) return undefined;
    return Number(segment.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { start, end };
}
