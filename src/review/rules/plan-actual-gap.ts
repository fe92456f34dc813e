// Placeholder until the rule lands; its owner replaces this file.
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'plan-actual-gap',
  category: 'consistency',
  severity: 'warning',
  title: 'plan-actual-gap',
  description: '',
  options: {},
  messages: {},
  examples: { valid: [], invalid: [] },
  check() {},
});
