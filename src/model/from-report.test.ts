import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../extract/index.ts';
import { buildModel } from './from-report.ts';
import { toFen } from './money.ts';

const wan = (v: number) => toFen(v, '万元');
const sample = readFileSync(new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url), 'utf8');

describe('buildModel on the 月湖街道 2020 report', () => {
  const built = buildModel(extract(sample));
  const { model, provenance } = built;
  const gp = model.budget.generalPublic;

  it('reads the unit, year and budget figures', () => {
    expect(model.unit.name).toBe('月湖街道');
    expect(model.fiscalYear).toBe(2020);
    expect(gp.total.actual).toBe(wan(4546.77));
    expect(gp.basic.total).toMatchObject({ actual: wan(1771.06), initial: wan(1509.2) });
    expect(gp.basic.personnel.actual).toBe(wan(1560.91));
    expect(gp.basic.public.actual).toBe(wan(210.15));
    expect(gp.project.total).toMatchObject({ actual: wan(2775.71), initial: wan(1085) });
    expect(gp.project.categories.map((c) => [c.name, c.actual])).toEqual([
      ['社会管理项目支出', wan(544.3)],
      ['公共服务项目支出', wan(740.59)],
      ['城市管理项目支出', wan(483.13)],
      ['经济发展项目支出', wan(286.08)],
      ['其他事务支出', wan(721.61)],
    ]);
  });

  it('reads the staff and the stated zeros of 三公经费', () => {
    expect(model.staffing.actualTotal).toBe(57);
    expect(model.staffing.actual).toEqual([
      { category: '在职在编', count: 44 },
      { category: '转业士官', count: 7 },
      { category: '退休', count: 6 },
    ]);
    expect(model.staffing.changeFromLastYear).toBe(2);
    expect(model.budget.sangong.abroad.actual).toBe(0);
    expect(model.budget.sangong.reception.actual).toBe(0);
    expect(model.staffing.authorizedTotal).toBeNull();
  });

  it('computes the execution rates, citing their inputs', () => {
    expect(built.derived['/derived/basicExecutionRate']).toMatchObject({ display: '117.4%' });
    expect(built.derived['/derived/projectExecutionRate']).toMatchObject({ display: '255.8%' });
    expect(built.derived['/derived/projectExecutionRate']!.inputs).toEqual([
      '/budget/generalPublic/project/total/actual',
      '/budget/generalPublic/project/total/initial',
    ]);
  });

  it('gives every read value its exact words', () => {
    expect(provenance['/budget/generalPublic/basic/total/initial']!.text).toBe('1509.2万元');
    expect(provenance['/budget/generalPublic/project/total/initial']!.text).toBe('1085万元');
    expect(provenance['/staffing/actualTotal']!.text).toBe('57人');
    expect(provenance['/unit/name']!.text).toBe('月湖街道');
    for (const p of Object.values(provenance)) {
      expect(sample.slice(p.start, p.end)).toBe(p.text);
      expect(p.confidence).toBeGreaterThan(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('records the conflicting statement of 项目支出 and lists what is missing', () => {
    const conflict = built.conflicts.find((c) => c.pointer === '/budget/generalPublic/project/total/actual');
    expect(conflict!.statements.map((s) => s.text)).toEqual(['2775.71万元', '3075.21万元']);
    expect(provenance['/budget/generalPublic/project/total/actual']!.confidence).toBeLessThan(0.9);
    expect(built.missing).toContain('/staffing/authorizedTotal');
    expect(built.missing).toContain('/budget/procurement/budget');
    expect(built.missing).not.toContain('/budget/generalPublic/basic/total/actual');
  });

  it('splits a combined problems-and-measures section', () => {
    expect(model.problems).toHaveLength(1);
    expect(model.problems[0]).toContain('大大超过预算范围');
    expect(model.improvements[0]).toMatch(/^下一步将更加精准/);
  });
});

describe('buildModel on other wording', () => {
  it('reads a table of plan and outturn, and a report with no figures', () => {
    const text =
      '某某局2021年度部门整体支出绩效自评报告\n单位：万元\n项目\t预算数\t执行数\n基本支出\t800\t790.5\n项目支出\t200\t180\n';
    const { model, derived } = buildModel(extract(text));
    expect(model.unit.name).toBe('某某局');
    expect(model.fiscalYear).toBe(2021);
    expect(model.budget.generalPublic.basic.total).toMatchObject({ initial: wan(800), actual: wan(790.5) });
    expect(derived['/derived/projectExecutionRate']!.display).toBe('90.0%');

    const empty = buildModel(extract('情况说明\n本单位本年度无支出。\n'));
    expect(empty.model.budget.generalPublic.total.actual).toBeNull();
    expect(empty.missing).toContain('/budget/generalPublic/total/actual');
  });

  it('reads a staff count stated at the year end, after the name of the unit', () => {
    const yearEnd = buildModel(
      extract(
        '某某局2020年度部门整体支出绩效自评报告\n（三）人员情况\n截至2020年12月31日，本局实有人员30人，其中在职在编人员23人，聘用人员7人。\n',
      ),
    );
    expect(yearEnd.model.staffing.actualTotal).toBe(30);
    const named = buildModel(
      extract(
        '区教育局2021年度部门整体支出绩效自评报告\n（三）人员情况\n2021年末，区教育局实有人员45人，其中行政编制30人，事业编制15人。\n',
      ),
    );
    expect(named.model.staffing.actualTotal).toBe(45);
    // A month inside the year is not the year's count.
    const midYear = buildModel(
      extract('某某局2020年度部门整体支出绩效自评报告\n截至2020年6月30日，本局实有人员28人。\n'),
    );
    expect(midYear.model.staffing.actualTotal).toBeNull();
  });
});
