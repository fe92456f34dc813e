/** Used when `jixiao score` is not given --framework: the common 部门整体支出 framework. Its own module so the
 * CLI can name it without loading the frameworks (and zod). */
export const DEFAULT_FRAMEWORK_ID = 'mof-2013-dept-overall';
