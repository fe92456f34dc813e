/**
 * The narrative bulk of a generated report, drawn from data/generate/narrative.json so a report reaches
 * a real report's size and structure (themes of 主要事业成效 with numbered points, project notes, 绩效目标
 * and their results, causes of problems) without repeating itself: each report draws the pools' entries
 * without replacement, so no sentence appears twice in one report (duplicate-passage stays quiet).
 */
import narrative from '../../data/generate/narrative.json' with { type: 'json' };
import type { Random } from './random.ts';

export type Pool =
  | 'duties'
  | 'projectUse'
  | 'projectEffect'
  | 'projectIntro'
  | 'targets'
  | 'results'
  | 'problemCauses'
  | 'improvementDetails'
  | 'kindThemeTitles';

/** One report's draws: entries of a pool come out in random order, each at most once. */
export class Phrasebook {
  private readonly left = new Map<string, string[]>();

  constructor(
    private readonly rng: Random,
    private readonly vars: Record<string, string | number>,
  ) {}

  /** The next unused entry of `pool`, filled; null once the pool is spent. */
  draw(pool: Pool, extra: Record<string, string | number> = {}): string | null {
    return this.drawFrom(pool, narrative[pool], extra);
  }

  /** `n` entries (fewer when the pool runs out). */
  drawMany(pool: Pool, n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const next = this.draw(pool);
      if (next === null) break;
      out.push(next);
    }
    return out;
  }

  drawFrom(
    key: string,
    entries: readonly string[],
    extra: Record<string, string | number> = {},
  ): string | null {
    let left = this.left.get(key);
    if (!left) {
      left = [...entries];
      this.left.set(key, left);
    }
    if (left.length === 0) return null;
    const [entry] = left.splice(Math.floor(this.rng.next() * left.length), 1);
    return this.fill(entry!, extra);
  }

  /**
   * `{name}` from the report's variables, `{n:LOW-HIGH}` a random integer in that range, `{甲|乙}` one of
   * the wordings: units write the same stock sentence in their own words, so an unplanted paragraph is
   * not near-identical across units (the cross-report rules would rightly flag it as copied).
   */
  fill(template: string, extra: Record<string, string | number> = {}): string {
    const worded = template.replace(/\{([^{}|]+(?:\|[^{}|]+)+)\}/gu, (_, words: string) =>
      this.rng.pick(words.split('|')),
    );
    return worded.replace(/\{(\w+)(?::(\d+)-(\d+))?\}/g, (_, name: string, low?: string, high?: string) => {
      if (low !== undefined && high !== undefined) return String(this.rng.int(Number(low), Number(high)));
      const value = extra[name] ?? this.vars[name];
      if (value === undefined) throw new Error(`narrative variable {${name}} has no value`);
      return String(value);
    });
  }
}

/** Numbered lines of 主要事业成效: a theme's title line, then its points "（1）title。sentence…". */
export interface AchievementTheme {
  title: string;
  points: string[];
}

/**
 * Five to seven general themes around one of the unit's own (its kind's achievement sentences as points),
 * in random order, each of three points a title and two to four sentences (of about five: two units seldom pick the same).
 */
export function achievementThemes(
  rng: Random,
  book: Phrasebook,
  kindPoints: readonly string[],
): AchievementTheme[] {
  const general = rng.sample(narrative.themes, rng.int(5, 7)).map((theme) => ({
    title: rng.pick(theme.titles),
    points: rng.sample(theme.points, 3).map((point) => {
      const sentences = rng.sample(point.sentences, rng.int(2, 4)).map((s) => book.fill(s));
      // A point ends with what this unit did, in its own figures: points are this unit's, not a template's.
      const detail = book.fill(rng.pick(narrative.pointDetails));
      return `${point.title}。${[...sentences, detail].join('；')}。`;
    }),
  }));
  const own: AchievementTheme = {
    title: book.draw('kindThemeTitles') ?? narrative.kindThemeTitles[0]!,
    points: kindPoints.map((p) => `${p}。`),
  };
  const at = rng.int(0, general.length);
  return [...general.slice(0, at), own, ...general.slice(at)];
}

/** The theme lines as paragraphs: "1．title" then "（1）point". */
export function themeParagraphs(themes: readonly AchievementTheme[], dot: string): string[] {
  return themes.flatMap((theme, i) => [
    `${i + 1}${dot}${theme.title}`,
    ...theme.points.map((p, j) => `（${j + 1}）${p}`),
  ]);
}
