/**
 * A corpus plan: regions × units × years, generated one report at a time (a 10,000-report corpus never
 * sits in memory), with the cross-report defects a batch review should find: one paragraph pasted into
 * several units' reports of a region and year (duplicate-passage-across), a report that reuses its unit's
 * last-year text (year-over-year), and units whose 人均人员经费 is far from their region's (outlier).
 */
import units from '../../data/generate/units.json' with { type: 'json' };
import { type PlacedDefect, plainText } from './doc.ts';
import { Random } from './random.ts';
import { type GeneratedReport, generateReport, makeUnit, type UnitProfile } from './report.ts';

export interface CorpusOptions {
  count: number;
  seed: number;
  /** Probability of each in-report defect opportunity (0 = clean reports). */
  defectRate: number;
  firstYear?: number;
  years?: number;
}

export interface CorpusEntry {
  /** Stable file stem: region, unit and year. */
  id: string;
  unit: UnitProfile;
  year: number;
  report: GeneratedReport;
  /** The TXT format's text and the planted defects' offsets into it. */
  text: string;
  defects: PlacedDefect[];
  /** Cross-report defects this file takes part in (also in the manifest's `cross`). */
  cross: CrossMark[];
}

export interface CrossMark {
  rule: 'duplicate-passage-across' | 'year-over-year' | 'outlier';
  group: string;
  start?: number;
  end?: number;
  quote?: string;
  note: string;
  /** year-over-year: the file stem of the last-year report whose text is reused. */
  previous?: string;
}

const OUTLIER_FACTOR = 3;

export function* generateCorpus(options: CorpusOptions): Generator<CorpusEntry> {
  const firstYear = options.firstYear ?? 2020;
  const years = options.years ?? 4;
  const unitCount = Math.ceil(options.count / years);
  const used = new Set<string>();
  let produced = 0;
  for (let u = 0; u < unitCount && produced < options.count; u++) {
    const region = units.regions[u % units.regions.length]!;
    const unitRng = Random.forKey(options.seed, `unit:${u}`);
    const unit = makeUnit(unitRng, region, u, used);
    const outlier = options.defectRate > 0 && unitRng.chance(Math.min(0.5, options.defectRate * 0.15));
    if (outlier) unit.personnelPerHead *= OUTLIER_FACTOR;
    let previous: GeneratedReport | null = null;
    for (let y = 0; y < years && produced < options.count; y++) {
      const year = firstYear + y;
      const rng = Random.forKey(options.seed, `report:${u}:${year}`);
      const reuse =
        previous !== null && options.defectRate > 0 && rng.chance(Math.min(0.5, options.defectRate * 0.3));
      const sharedPassage = sharedPassageFor(options, region.district, year, u);
      const report = generateReport(rng, unit, year, {
        defectRate: options.defectRate,
        ...(sharedPassage ? { sharedPassages: [sharedPassage] } : {}),
        ...(reuse && previous ? { reusedAchievements: previous.achievements } : {}),
      });
      const { text, defects } = plainText(report.doc);
      const id = `${region.district}-${unit.id}-${year}`;
      const cross: CrossMark[] = [];
      for (const passage of report.shared) {
        cross.push({
          rule: 'duplicate-passage-across',
          group: `${region.district}-${year}-${units.sharedPassages.indexOf(passage.slice(0, -1))}`,
          ...spanOf(text, passage),
          note: '与本地区同年其他单位报告相同的段落',
        });
      }
      if (reuse && previous) {
        const reused = report.achievements.join('\n');
        cross.push({
          rule: 'year-over-year',
          group: `${unit.id}-${year - 1}-${year}`,
          ...spanOf(text, reused),
          note: `沿用${year - 1}年报告的“主要事业成效”原文`,
          previous: `${region.district}-${unit.id}-${year - 1}`,
        });
      }
      if (outlier) {
        cross.push({
          rule: 'outlier',
          group: `${region.district}-${year}`,
          note: `人均人员经费约为本地区其他单位的${OUTLIER_FACTOR}倍`,
        });
      }
      yield { id, unit, year, report, text, defects, cross };
      produced++;
      previous = report;
    }
  }
}

/**
 * One passage per region and year, pasted into a random subset of its units' reports: each unit with half
 * the defect rate's chance (at most a quarter), so a few units copy from each other. A passage that most
 * of a region's units share is its template, which the rule rightly leaves alone.
 */
function sharedPassageFor(
  options: CorpusOptions,
  district: string,
  year: number,
  unit: number,
): string | null {
  if (options.defectRate <= 0) return null;
  const group = Random.forKey(options.seed, `shared:${district}:${year}`);
  const passage = group.pick(units.sharedPassages);
  const member = Random.forKey(options.seed, `shared:${district}:${year}:${unit}`);
  return member.chance(Math.min(0.25, options.defectRate / 2)) ? passage : null;
}

function spanOf(text: string, piece: string): { start: number; end: number; quote: string } {
  const start = text.indexOf(piece.split('\n')[0]!);
  const lastLine = piece.split('\n').at(-1)!;
  const end = text.indexOf(lastLine, start) + lastLine.length;
  return { start, end, quote: text.slice(start, end) };
}
