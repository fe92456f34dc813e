/** A stated total of money that its stated parts do not add up to, decided by interval arithmetic. */
import { MISMATCH_MESSAGES, reportBreakdowns } from '../breakdowns.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sum-mismatch',
  category: 'arithmetic',
  severity: 'error',
  title: '合计金额与分项之和不符',
  description:
    '“X万元，其中A万元，B万元……”这类表述中，分项之和与合计数不符。按显示精度做区间运算（544.3 表示 [544.25, 544.35]），先统一单位再相加，舍入能解释的差异不报告。只在文字表明分项即全部时报告：分项之和超过合计、分项构成已知的完整口径（如基本支出＝人员经费＋公用经费）、先列分项再写“合计”“共计”，最后一项为“其他……”，或分项是三级以上的各级资金来源（中央、省级、县级……）。文字隐含的关系也核对：本年数＝上年数＋增加额（“预算86.50万元，上年为85.36万元，比上年增加1.14万元”），以及实际支出加结转、结余不应超过预算（未写明的结转可能解释差额，不足时不报告）。',
  options: {},
  messages: {
    ...MISMATCH_MESSAGES,
  },
  examples: {
    valid: [
      {
        name: '分项之和相符',
        text: '一般公共预算支出4546.77万元，其中基本支出1771.06万元，项目支出2775.71万元。',
      },
      { name: '舍入差异', text: '基本支出0.4万元，其中人员经费0.1万元，公用经费0.3万元。' },
      { name: '“其中”只列举部分', text: '项目支出500万元，其中社区建设100万元，环境整治200万元。' },
      { name: '只列出两级资金来源', text: '项目总投资1580万元，其中中央资金1000万元、省级资金300万元。' },
      {
        name: '结余少于预算减支出（可能另有结转）',
        text: '项目预算386万元。全年实际支出367.47万元，年末结余资金10万元。',
      },
      { name: '增减额相符', text: '预算安排86.50万元，上年为85.36万元，比上年增加1.14万元。' },
    ],
    invalid: [
      {
        name: '已知完整口径',
        text: '基本支出1771.06万元，其中人员经费支出1560.91万元，公用经费支出200.15万元。',
        expect: [{ messageId: 'mismatch', quote: '1771.06万元' }],
      },
      {
        name: '分项超过合计',
        text: '项目支出500万元，其中社区建设300万元，环境整治250万元。',
        expect: [{ messageId: 'mismatch', quote: '500万元' }],
      },
      {
        name: '以“其他”结尾',
        text: '项目支出2800万元，其中社会管理项目支出544.3万元，其他事务支出721.61万元。',
        expect: [{ messageId: 'mismatch', quote: '2800万元' }],
      },
      {
        name: '先列分项再写合计',
        text: '人员经费支出1560.91万元、公用经费支出200.15万元，合计1771.06万元。',
        expect: [{ messageId: 'mismatch', quote: '1771.06万元' }],
      },
      {
        name: '各级资金来源之和不符',
        text: '资金总额1,846.20万元,其中:中央补助资金1,120.00万元,省级补助资金386.00万元,县级配套资金320.20万元。',
        expect: [{ messageId: 'mismatch', quote: '1,846.20万元' }],
      },
      {
        name: '增减额与两年数字不符',
        text: '预算安排86.50万元，上年为85.36万元，比上年增加1.41万元。',
        expect: [{ messageId: 'change', quote: '86.50万元' }],
      },
      {
        name: '支出加结余超过预算',
        text: '项目预算386万元。全年实际支出367.47万元，年末结余资金28.53万元。',
        expect: [{ messageId: 'balance', quote: '386万元' }],
      },
    ],
  },
  check(ctx) {
    reportBreakdowns(ctx, 'amount', '未找到“合计数＋其中分项”的金额表述');
  },
});
