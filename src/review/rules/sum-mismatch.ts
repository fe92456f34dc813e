// Placeholder until the rule lands; its owner replaces this file.
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'sum-mismatch',
  category: 'consistency',
  severity: 'warning',
  title: 'sum-mismatch',
  description: '',
  options: {},
  messages: {},
  examples: { valid: [], invalid: [] },
  check() {},
});
