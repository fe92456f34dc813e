/**
 * The formula language of the framework files: numbers, input names, + - * /, parentheses, and (for
 * `compare_levels` conditions only) one comparison == != < <= > >=. A tokeniser and a recursive-descent
 * parser build a small tree; evaluation never uses eval/Function.
 *
 * Arithmetic is exact: inputs are integer 分 or counts, so every value is a fraction of two bigints. A rate
 * of exactly 10% stays 10, not 10.000000000000002, and lands in the right band.
 */

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';

export type Expr =
  | { type: 'number'; text: string; value: Rational }
  | { type: 'input'; name: string }
  | { type: 'negate'; operand: Expr }
  | { type: 'binary'; op: ArithOp; left: Expr; right: Expr }
  | { type: 'compare'; op: CompareOp; left: Expr; right: Expr };

/** Input values by name; null or absent means the figure is unknown. */
export type Env = Readonly<Record<string, number | null | undefined>>;

export type EvalFailure =
  | { ok: false; reason: 'missing'; names: string[] }
  | { ok: false; reason: 'division_by_zero'; divisor: Expr };

export type EvalResult = { ok: true; value: number } | EvalFailure;
export type ConditionResult = { ok: true; value: boolean } | EvalFailure;

/** A formula that does not parse: a mistake in a framework file, reported with the column. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    readonly source: string,
    readonly index: number,
  ) {
    super(`${message} at column ${index + 1} of "${source}"`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Exact fractions

export interface Rational {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function rational(n: bigint, d: bigint): Rational {
  if (d < 0n) return rational(-n, -d);
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** Exact value of a decimal literal or a JS number (through its shortest decimal form, never binary noise). */
export function toRational(value: number | string): Rational {
  const text = typeof value === 'number' ? plainDecimal(value) : value;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a finite decimal: ${text}`);
  const [, sign, int, frac = ''] = m;
  const n = BigInt(int! + frac) * (sign === '-' ? -1n : 1n);
  return rational(n, 10n ** BigInt(frac.length));
}

function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const s = String(value);
  if (!/e/i.test(s)) return s;
  // Exponent form (1e21, 1e-7): move the point by hand so no digit is invented.
  const [mantissa, exp] = s.toLowerCase().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const [int, frac = ''] = mantissa.replace('-', '').split('.') as [string, string?];
  const digits = int + frac;
  const point = int.length + Number(exp);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + body;
}

export function rationalToNumber(r: Rational): number {
  // Split off the integer part so large numerators keep their precision.
  const whole = r.n / r.d;
  const rest = r.n - whole * r.d;
  return Number(whole) + Number(rest) / Number(r.d);
}

const add = (a: Rational, b: Rational) => rational(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Rational, b: Rational) => rational(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);
const div = (a: Rational, b: Rational) => rational(a.n * b.d, a.d * b.n);
const cmp = (a: Rational, b: Rational) => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

// ---------------------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'number'; text: string; at: number }
  | { kind: 'name'; text: string; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; text: ''; at: number };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[-+*/()<>]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(source);
    if (!m) throw new ExpressionError('unexpected character', source, at + leadingSpace(source, at));
    const start = m.index + m[0].length - (m[1] ?? m[2] ?? m[3])!.length;
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1], at: start });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2], at: start });
    else tokens.push({ kind: 'op', text: m[3]!, at: start });
    at = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

function leadingSpace(source: string, at: number): number {
  return /^\s*/.exec(source.slice(at))![0].length;
}

// ---------------------------------------------------------------------------------------------------------
// Parser: condition := sum (cmp sum)? ; sum := product (('+'|'-') product)* ;
// product := unary (('*'|'/') unary)* ; unary := '-' unary | atom ; atom := number | name | '(' sum ')'

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

class Parser {
  private index = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  private get current(): Token {
    return this.tokens[this.index]!;
  }

  private atEnd(): boolean {
    return this.current.kind === 'end';
  }

  private fail(message: string, token = this.current): never {
    throw new ExpressionError(message, this.source, token.at);
  }

  private takeOp(...ops: string[]): string | null {
    const token = this.current;
    if (token.kind === 'op' && ops.includes(token.text)) {
      this.index++;
      return token.text;
    }
    return null;
  }

  parseWhole(allowCompare: boolean): Expr {
    if (this.atEnd()) this.fail('empty expression');
    let expr = this.sum();
    const token = this.current;
    if (token.kind === 'op' && COMPARE_OPS.has(token.text)) {
      if (!allowCompare) this.fail(`comparison "${token.text}" is only allowed in a condition`);
      this.index++;
      expr = { type: 'compare', op: token.text as CompareOp, left: expr, right: this.sum() };
    } else if (allowCompare) {
      this.fail('a condition needs a comparison (==, !=, <, <=, >, >=)');
    }
    if (!this.atEnd()) this.fail(`unexpected "${this.current.text}"`);
    return expr;
  }

  private sum(): Expr {
    let left = this.product();
    for (let op = this.takeOp('+', '-'); op; op = this.takeOp('+', '-')) {
      left = { type: 'binary', op: op as ArithOp, left, right: this.product() };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (let op = this.takeOp('*', '/'); op; op = this.takeOp('*', '/')) {
      left = { type: 'binary', op: op as ArithOp, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.takeOp('-')) return { type: 'negate', operand: this.unary() };
    return this.atom();
  }

  private atom(): Expr {
    const token = this.current;
    if (token.kind === 'number') {
      this.index++;
      return { type: 'number', text: token.text, value: toRational(token.text) };
    }
    if (token.kind === 'name') {
      this.index++;
      return { type: 'input', name: token.text };
    }
    if (this.takeOp('(')) {
      const inner = this.sum();
      if (!this.takeOp(')')) this.fail('missing ")"');
      return inner;
    }
    return this.fail(token.kind === 'end' ? 'unexpected end of expression' : `unexpected "${token.text}"`);
  }
}

/**
 * Parsed trees by source: a framework's few formulas are parsed on every scoring otherwise (a batch scores
 * thousands of reports). Trees are never mutated, so sharing them is safe; errors are not cached.
 */
const parsedFormulas = new Map<string, Expr>();
const parsedConditions = new Map<string, Expr>();
const MAX_PARSED = 2_000;

function parseOnce(cache: Map<string, Expr>, source: string, condition: boolean): Expr {
  let expr = cache.get(source);
  if (expr === undefined) {
    expr = new Parser(source, tokenize(source)).parseWhole(condition);
    if (cache.size >= MAX_PARSED) cache.clear();
    cache.set(source, expr);
  }
  return expr;
}

/** A formula: arithmetic only. Throws ExpressionError. */
export function parseExpression(source: string): Expr {
  return parseOnce(parsedFormulas, source, false);
}

/** A `compare_levels` condition: exactly one comparison between two formulas. Throws ExpressionError. */
export function parseCondition(source: string): Expr {
  return parseOnce(parsedConditions, source, true);
}

/** Input names in order of first appearance. */
export function inputNames(expr: Expr): string[] {
  const names: string[] = [];
  const visit = (e: Expr): void => {
    if (e.type === 'input') {
      if (!names.includes(e.name)) names.push(e.name);
    } else if (e.type === 'negate') visit(e.operand);
    else if (e.type === 'binary' || e.type === 'compare') {
      visit(e.left);
      visit(e.right);
    }
  };
  visit(expr);
  return names;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

class DivisionByZero {
  constructor(readonly divisor: Expr) {}
}

function missingNames(expr: Expr, env: Env): string[] {
  return inputNames(expr).filter((name) => env[name] === null || env[name] === undefined);
}

function exact(expr: Expr, env: Env): Rational {
  switch (expr.type) {
    case 'number':
      return expr.value;
    case 'input':
      return toRational(env[expr.name]!);
    case 'negate': {
      const v = exact(expr.operand, env);
      return { n: -v.n, d: v.d };
    }
    case 'binary': {
      const left = exact(expr.left, env);
      const right = exact(expr.right, env);
      if (expr.op === '/' && right.n === 0n) throw new DivisionByZero(expr.right);
      return expr.op === '+'
        ? add(left, right)
        : expr.op === '-'
          ? sub(left, right)
          : expr.op === '*'
            ? mul(left, right)
            : div(left, right);
    }
    case 'compare':
      throw new TypeError('a comparison has no numeric value');
  }
}

function guarded<T>(expr: Expr, env: Env, compute: () => T): { ok: true; value: T } | EvalFailure {
  const names = missingNames(expr, env);
  if (names.length > 0) return { ok: false, reason: 'missing', names };
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    if (error instanceof DivisionByZero)
      return { ok: false, reason: 'division_by_zero', divisor: error.divisor };
    throw error;
  }
}

/** Every unknown input is reported at once, so the user can fill them all in one go. */
export function evaluate(expr: Expr, env: Env): EvalResult {
  return guarded(expr, env, () => rationalToNumber(exact(expr, env)));
}

export function evaluateCondition(expr: Expr, env: Env): ConditionResult {
  if (expr.type !== 'compare') throw new TypeError('not a condition');
  return guarded(expr, env, () => {
    const order = cmp(exact(expr.left, env), exact(expr.right, env));
    switch (expr.op) {
      case '==':
        return order === 0;
      case '!=':
        return order !== 0;
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '>=':
        return order >= 0;
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Display

const PRECEDENCE: Record<ArithOp, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
const SYMBOL: Record<ArithOp | CompareOp, string> = {
  '+': '+',
  '-': '−',
  '*': '×',
  '/': '÷',
  '==': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

/** The formula for a reader: input names replaced by their labels, × and ÷ for * and /. */
export function formatExpression(expr: Expr, label: (name: string) => string): string {
  const show = (e: Expr, parent: number, rightSide: boolean): string => {
    switch (e.type) {
      case 'number':
        return e.text;
      case 'input':
        return label(e.name);
      case 'negate':
        return `−${show(e.operand, 3, false)}`;
      case 'compare':
        return `${show(e.left, 0, false)} ${SYMBOL[e.op]} ${show(e.right, 0, true)}`;
      case 'binary': {
        const own = PRECEDENCE[e.op];
        const text = `${show(e.left, own, false)} ${SYMBOL[e.op]} ${show(e.right, own, true)}`;
        // a − (b − c) and a ÷ (b × c) keep their brackets; (a × b) × c does not need them.
        const needs = own < parent || (rightSide && own === parent);
        return needs ? `（${text}）` : text;
      }
    }
  };
  return show(expr, 0, false);
}
