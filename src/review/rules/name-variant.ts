/**
 * name-variant: the project named differently in one place (农村人居环境整治项目 in the title and the form,
 * 农村人居环境综合整治项目 in one paragraph). The name comes from the title or the 项目名称 cell
 * (data/names.json); a variant is a phrase of the text, anchored on the name's first and last characters,
 * within a small edit distance of it.
 */
import names from '../../../data/names.json' with { type: 'json' };
import { firstNonEmptyLines } from '../lines.ts';
import { defineRule } from '../rule.ts';

const TITLE = names.titlePatterns.map((p) => new RegExp(p));
const CELLS = names.nameCells.map((p) => new RegExp(p, 'g'));
const NAME_CHARS = /^[\u4e00-\u9fff（）()“”]+$/;

/** The project names the report gives itself: in its title lines and its 项目名称 cells. */
export function projectNames(text: string): string[] {
  const found = new Set<string>();
  const head = firstNonEmptyLines(text, names.titleLines);
  for (const line of head)
    for (const re of TITLE) {
      const name = re.exec(line)?.groups?.name;
      if (name) found.add(name);
    }
  for (const re of CELLS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = m.groups?.name?.trim();
      if (name && NAME_CHARS.test(name)) found.add(name);
    }
  }
  return [...found].filter((n) => n.length >= names.minNameLength);
}

/** Levenshtein distance, stopping early once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

interface Variant {
  start: number;
  end: number;
  distance: number;
}

/** Phrases ending in the name's last character and starting with its first, close to it but not it. */
function variantsOf(text: string, name: string): Variant[] {
  const out: Variant[] = [];
  const last = name.at(-1)!;
  for (let end = text.indexOf(last) + 1; end > 0; end = text.indexOf(last, end) + 1) {
    let best: Variant | null = null;
    for (let len = name.length - names.maxDistance; len <= name.length + names.maxDistance; len++) {
      const start = end - len;
      if (start < 0 || text[start] !== name[0]) continue;
      const phrase = text.slice(start, end);
      if (!NAME_CHARS.test(phrase) || phrase.includes(name) || name.includes(phrase)) continue;
      const distance = editDistance(phrase, name, names.maxDistance);
      if (distance >= 1 && distance <= names.maxDistance && (!best || distance < best.distance))
        best = { start, end, distance };
    }
    if (best && !out.some((v) => v.start < best.end && best.start < v.end)) out.push(best);
  }
  return out;
}

export default defineRule({
  id: 'name-variant',
  category: 'consistency',
  severity: 'warning',
  title: '项目名称前后不一',
  description:
    '报告在标题或“项目名称”栏写明了项目名称，正文个别地方却写成了相近的另一个名称（多字、少字或换字，' +
    '如“农村人居环境整治项目”写成“农村人居环境综合整治项目”）。规范名称出现的次数少于变体时不报告（那时难说哪个是对的）。名称的取法见 data/names.json。',
  options: {},
  messages: {
    variant: '项目名称“{variant}”与报告其他处的“{name}”不一致，请统一',
  },
  examples: {
    valid: [
      {
        name: '名称一致',
        text: '2022年度农村人居环境整治项目支出绩效自评报告\n农村人居环境整治项目全年完成投资386万元。',
      },
      {
        name: '另一项目',
        text: '2022年度农村人居环境整治项目支出绩效自评报告\n本项目与高标准农田建设项目同步实施。',
      },
    ],
    invalid: [
      {
        name: '多了两个字',
        text: '2022年度农村人居环境整治项目支出绩效自评报告\n农村人居环境整治项目覆盖9个村。农村人居环境综合整治项目全年完成投资386万元。',
        expect: [{ messageId: 'variant', quote: '农村人居环境综合整治项目' }],
      },
      {
        name: '与项目名称栏不符',
        text: '项目名称\t城区路灯节能改造项目\n主管部门\t城管局\n城区路灯节能改选项目已完工。',
        expect: [{ messageId: 'variant', quote: '城区路灯节能改选项目' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.normalized;
    const found = projectNames(text);
    if (found.length === 0) {
      ctx.skip('标题和“项目名称”栏中未找到项目名称');
      return;
    }
    for (const name of found) {
      const canonical = text.indexOf(name);
      const uses = text.split(name).length - 1;
      const variants = variantsOf(text, name);
      if (variants.length === 0 || variants.length > uses) continue;
      for (const v of variants)
        ctx.report({
          messageId: 'variant',
          data: { variant: ctx.doc.text.slice(v.start, v.end), name },
          spans: [
            { start: v.start, end: v.end },
            { start: canonical, end: canonical + name.length },
          ],
          details: { name, distance: v.distance },
        });
    }
  },
});
