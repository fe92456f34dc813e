/** A stated count (staff, households…) that its stated parts contradict. Counts are exact integers. */
import { MISMATCH_MESSAGE, reportBreakdowns } from '../breakdowns.ts';
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'count-mismatch',
  category: 'arithmetic',
  severity: 'error',
  title: '人数等计数与分项之和不符',
  description:
    '“实有人数57人，其中在职在编人员44人，转业士官7人，退休人员6人”这类表述中，分项之和与总数不符。人数、户数等计数按整数精确核对；与上年比较的增减数不计入分项。只在文字表明分项即全部时报告：分项之和超过总数、人员构成（实有人数按类别分列），或最后一项为“其他……”。',
  options: {},
  messages: {
    mismatch: MISMATCH_MESSAGE,
  },
  examples: {
    valid: [
      {
        name: '人数相符',
        text: '年末实有人数57人，其中在职在编人员44人，转业士官7人，退休人员6人，比上年增加2人。',
      },
      { name: '“其中”只列举部分', text: '清查户数10289户，其中出租户300户，空置户200户。' },
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
    ],
  },
  check(ctx) {
    reportBreakdowns(ctx, 'count', '未找到“总数＋其中分项”的计数表述');
  },
});
