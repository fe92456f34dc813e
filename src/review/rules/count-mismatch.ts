/** A stated count (staff, households…) that its stated parts contradict. Counts are exact integers. */
import { MISMATCH_MESSAGES, reportBreakdowns } from '../breakdowns.ts';
import { listedCounts } from '../listed-items.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'count-mismatch',
  category: 'arithmetic',
  severity: 'error',
  title: '人数等计数与分项之和不符',
  description:
    '“实有人数57人，其中在职在编人员44人，转业士官7人，退休人员6人”这类表述中，分项之和与总数不符；所称数量与其后列举或点名的项数不符（“改善6所学校办学条件：……”只点到5所学校，学校等名称的写法见 data/entities.json）。人数、户数等计数按整数精确核对；与上年比较的增减数不计入分项。只在文字表明分项即全部时报告：分项之和超过总数、人员构成（实有人数按类别分列），或最后一项为“其他……”。',
  options: {},
  messages: {
    mismatch: MISMATCH_MESSAGES.mismatch,
    change: MISMATCH_MESSAGES.change,
    listed: '文中称{count}，随后列出的却是{items}项',
  },
  examples: {
    valid: [
      {
        name: '人数相符',
        text: '年末实有人数57人，其中在职在编人员44人，转业士官7人，退休人员6人，比上年增加2人。',
      },
      { name: '“其中”只列举部分', text: '清查户数10289户，其中出租户300户，空置户200户。' },
      { name: '列举项数相符', text: '全县设置垃圾中转站3座，即城东中转站、城西中转站、城南中转站。' },
      {
        name: '点名的只是其中几所',
        text: '改善12所学校办学条件：其中为第三小学新建教学楼，为桃源中学改造宿舍。',
      },
      {
        name: '所称学校数与其后点名的学校相符',
        text: '改善3所学校办学条件：为第三小学新建教学楼；改造桃源中学学生宿舍；为杨柳小学新建运动场。',
      },
      {
        name: '括号内的加挂名称不算一项',
        text: '设置3个党政机构：党政综合办公室、城市管理办公室（加挂区域建设服务办公室、退役军人服务站牌子）、公共安全办公室。',
      },
      {
        name: '以“和”连接的末项',
        text: '涉及3个小区，即桂花苑小区、南门小区和粮站宿舍区。',
      },
    ],
    invalid: [
      {
        name: '人员构成不符',
        text: '年末实有人数57人，其中在职在编人员44人，转业士官7人，退休人员8人。',
        expect: [{ messageId: 'mismatch', quote: '57人' }],
      },
      {
        name: '分项超过总数',
        text: '发现窝点421处，其中查封282处，取缔200处。',
        expect: [{ messageId: 'mismatch', quote: '421处' }],
      },
      {
        name: '增减人数与两年人数不符',
        text: '在职人员57人，上年为55人，比上年增加3人。',
        expect: [{ messageId: 'change', quote: '57人' }],
      },
      {
        name: '所称数量与列举项数不符',
        text: '全县设置垃圾中转站4座，即城东中转站、城西中转站、城南中转站。',
        expect: [{ messageId: 'listed', quote: '4座' }],
      },
      {
        name: '所称机构数与其后列举的机构不符',
        text: '设置5个党政机构：党政综合办公室、基层党建办公室、城市管理办公室、公共安全办公室。',
        expect: [{ messageId: 'listed', quote: '5个' }],
      },
      {
        name: '所称学校数与其后点名的学校不符',
        text: '改善6所学校办学条件：为第三小学新建教学楼；改造桃源中学、石塘中学学生宿舍；为杨柳小学新建运动场；为中心小学购置课桌椅。',
        expect: [{ messageId: 'listed', quote: '6所' }],
      },
      {
        name: '编号列举项数不符',
        text: '共安排项目3个，具体为：\n1、甲项目：20万元。\n2、乙项目：10万元。\n',
        expect: [{ messageId: 'listed', quote: '3个' }],
      },
    ],
  },
  check(ctx) {
    for (const { count, items } of listedCounts(ctx.doc.normalized, ctx.doc.extraction.facts))
      ctx.report({
        messageId: 'listed',
        data: { count: count.text, items: items.length },
        spans: [count, ...items],
        details: { stated: count.value, listed: items.length },
      });
    reportBreakdowns(ctx, 'count', '未找到“总数＋其中分项”的计数表述');
  },
});
