// Placeholder until the rule lands; its owner replaces this file.
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'typo',
  category: 'consistency',
  severity: 'warning',
  title: 'typo',
  description: '',
  options: {},
  messages: {},
  examples: { valid: [], invalid: [] },
  check() {},
});
