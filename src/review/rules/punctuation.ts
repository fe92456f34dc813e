// Placeholder until the rule lands; its owner replaces this file.
import { defineRule } from '../rule.ts';

export default defineRule({
  id: 'punctuation',
  category: 'consistency',
  severity: 'warning',
  title: 'punctuation',
  description: '',
  options: {},
  messages: {},
  examples: { valid: [], invalid: [] },
  check() {},
});
