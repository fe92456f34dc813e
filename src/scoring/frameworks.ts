/**
 * The bundled indicator frameworks (frameworks/*.json), imported statically so the core does no I/O and the
 * CLI bundle carries them. Each file is parsed once, on first use, with the framework file schema.
 */
import deptSelfTable from '../../frameworks/dept-self-table.json' with { type: 'json' };
import hunanYueyangDeptOverall from '../../frameworks/hunan-yueyang-dept-overall.json' with { type: 'json' };
import mof2013DeptOverall from '../../frameworks/mof-2013-dept-overall.json' with { type: 'json' };
import mof2020ProjectEval from '../../frameworks/mof-2020-project-eval.json' with { type: 'json' };
import mof2020ProjectSelf from '../../frameworks/mof-2020-project-self.json' with { type: 'json' };
import { type Framework, FrameworkFile, leavesOf } from './framework-schema.ts';

export { DEFAULT_FRAMEWORK_ID } from './default-framework.ts';

const FILES: readonly unknown[] = [
  mof2013DeptOverall,
  mof2020ProjectSelf,
  mof2020ProjectEval,
  deptSelfTable,
  hunanYueyangDeptOverall,
];

let parsed: readonly Framework[] | undefined;

export function listFrameworks(): readonly Framework[] {
  // The file schema's checks guarantee every node is a group (with children) or a leaf.
  parsed ??= FILES.map((file) => FrameworkFile.parse(file) as Framework);
  return parsed;
}

export function getFramework(id: string): Framework | undefined {
  return listFrameworks().find((framework) => framework.id === id);
}

export interface FrameworkSummary {
  id: string;
  name: string;
  version: string;
  status: Framework['status'];
  /** Leaf indicators, counting each user-defined slot once. */
  indicatorCount: number;
  /** Sum of the level-1 weights (= `total` for a complete framework). */
  totalWeight: number;
}

export function summarizeFramework(framework: Framework): FrameworkSummary {
  return {
    id: framework.id,
    name: framework.name,
    version: framework.version,
    status: framework.status,
    indicatorCount: leavesOf(framework).length,
    totalWeight: framework.indicators.reduce((sum, node) => sum + (node.weight ?? 0), 0),
  };
}
