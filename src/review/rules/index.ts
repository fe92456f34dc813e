/** The rule catalogue: one module per rule, sorted by id. */
import type { Rule } from '../rule.ts';
import countMismatch from './count-mismatch.ts';
import duplicatePassage from './duplicate-passage.ts';
import figureInconsistent from './figure-inconsistent.ts';
import headingTruncated from './heading-truncated.ts';
import letterInNumber from './letter-in-number.ts';
import malformedDate from './malformed-date.ts';
import missingSection from './missing-section.ts';
import nameVariant from './name-variant.ts';
import numbering from './numbering.ts';
import percentInconsistent from './percent-inconsistent.ts';
import placeholder from './placeholder.ts';
import planActualGap from './plan-actual-gap.ts';
import privacy from './privacy.ts';
import punctuation from './punctuation.ts';
import repeatedPhrase from './repeated-phrase.ts';
import strayUnit from './stray-unit.ts';
import sumMismatch from './sum-mismatch.ts';
import typo from './typo.ts';
import unfilled from './unfilled.ts';
import unquantifiedTarget from './unquantified-target.ts';

// biome-ignore lint/suspicious/noExplicitAny: rules differ in their option types
export const rules: Rule<any>[] = [
  countMismatch,
  duplicatePassage,
  figureInconsistent,
  headingTruncated,
  letterInNumber,
  malformedDate,
  missingSection,
  nameVariant,
  numbering,
  percentInconsistent,
  placeholder,
  planActualGap,
  privacy,
  punctuation,
  repeatedPhrase,
  strayUnit,
  sumMismatch,
  typo,
  unfilled,
  unquantifiedTarget,
];
