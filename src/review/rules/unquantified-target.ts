// Placeholder until the rule lands; its owner replaces this file.
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'unquantified-target',
  category: 'consistency',
  severity: 'warning',
  title: 'unquantified-target',
  description: '',
  options: {},
  messages: {},
  examples: { valid: [], invalid: [] },
  check() {},
});
