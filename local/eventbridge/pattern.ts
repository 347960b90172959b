// EventBridge event-pattern matching for the local bus.
//
// Written by hand: there is no well-kept npm library that implements EventBridge's pattern
// language (AWS's reference implementation, aws/event-ruler, is Java). The semantics below follow
// the EventBridge user guide ("Event patterns", "Content filtering", "Comparison operators") and,
// where the guide is silent, event-ruler's behaviour. Patterns are compiled once (which also
// validates them, with messages modelled on EventBridge's "Event pattern is not valid" errors) and
// the compiled form is matched against events.

import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type JsonPrimitive = string | number | boolean | null;

/** A pattern as written in a rule: field names map to nested patterns or to arrays of match values. */
export interface EventPattern {
  readonly [field: string]: EventPattern | readonly PatternValue[];
}

/** A literal to compare with, a match expression such as `{ "prefix": "x" }`, or a `$or` branch. */
export type PatternValue = JsonPrimitive | { readonly [operator: string]: unknown };

export class EventPatternError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` (at "${path}")` : ''}`);
    this.name = 'EventPatternError';
  }
}

/** Throws an EventPatternError when `pattern` is not a valid EventBridge event pattern. */
export function validatePattern(pattern: unknown): asserts pattern is EventPattern {
  compilePattern(pattern);
}

/** True when `event` matches `pattern`. Prefer compilePattern when matching many events. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(event);
}

export interface CompiledPattern {
  readonly pattern: EventPattern;
  matches(event: unknown): boolean;
}

export function compilePattern(pattern: unknown): CompiledPattern {
  if (!isPlainObject(pattern)) throw new EventPatternError('Filter is not an object', '');
  // EventBridge (event-ruler) flattens patterns and events to dotted field paths before matching, so
  // `{"detail.data.x": [..]}` and `{"detail": {"data": {"x": [..]}}}` are the same rule, and an event
  // key "detail.data.x" is the same field as the nested one. Both sides are nested here instead.
  const root = compileObject(nestDottedPattern(pattern, ''), '', false);
  checkWildcardComplexity(root);
  return { pattern: pattern as EventPattern, matches: (event) => matchObject(root, nestDottedEvent(event)) };
}

/** Splits dotted keys of a pattern into nested objects; `$or` branches are split the same way. */
function nestDottedPattern(pattern: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    const nested = key === '$or' && Array.isArray(value) ? value.map((b) => (isPlainObject(b) ? nestDottedPattern(b, path) : b)) : isPlainObject(value) ? nestDottedPattern(value, path ? `${path}.${key}` : key) : value;
    const segments = key === '$or' ? [key] : key.split('.');
    if (segments.some((s) => s === '')) throw new EventPatternError(`"${key}" has an empty path segment`, path ? `${path}.${key}` : key);
    let target = out;
    for (const segment of segments.slice(0, -1)) {
      const existing = target[segment];
      if (existing !== undefined && !isPlainObject(existing)) {
        throw new EventPatternError(`"${key}" names a field that is also given as a leaf`, path ? `${path}.${key}` : key);
      }
      target = (target[segment] ??= {}) as Record<string, unknown>;
    }
    const last = segments.at(-1) as string;
    target[last] = mergePatternParts(target[last], nested, path ? `${path}.${key}` : key);
  }
  return out;
}

/** One field given both dotted and nested: its parts are merged at every depth; a leaf given twice is refused. */
function mergePatternParts(existing: unknown, next: unknown, path: string): unknown {
  if (existing === undefined) return next;
  if (isPlainObject(existing) && isPlainObject(next)) {
    const merged: Record<string, unknown> = { ...existing };
    for (const [k, v] of Object.entries(next)) merged[k] = mergePatternParts(merged[k], v, `${path}.${k}`);
    return merged;
  }
  throw new EventPatternError('the same field is given twice (once dotted, once nested)', path);
}

/** Nests an event's dotted keys (rare, so events without any are returned as they are). */
function nestDottedEvent(event: unknown): unknown {
  if (Array.isArray(event)) {
    return event.some((e) => isPlainObject(e) || Array.isArray(e)) ? event.map(nestDottedEvent) : event;
  }
  if (!isPlainObject(event) || !hasDottedKey(event)) return event;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(event)) {
    const value = nestDottedEvent(raw);
    const segments = key.split('.');
    let target = out;
    for (const segment of segments.slice(0, -1)) {
      const existing = target[segment];
      if (isPlainObject(existing)) {
        target = existing;
        continue;
      }
      // A leaf at a path that also has children: keep both, as an array whose elements each count.
      const child: Record<string, unknown> = {};
      target[segment] = existing === undefined ? child : [existing, child].flat();
      target = child;
    }
    const last = segments.at(-1) as string;
    target[last] = mergeEventValues(target[last], value);
  }
  return out;
}

function hasDottedKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDottedKey);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([key, child]) => key.includes('.') || hasDottedKey(child));
}

/** The same flattened path given twice (nested and dotted): both values count, as in event-ruler. */
function mergeEventValues(existing: unknown, value: unknown): unknown {
  if (existing === undefined) return value;
  if (isPlainObject(existing) && isPlainObject(value)) {
    const merged: Record<string, unknown> = { ...existing };
    for (const [k, v] of Object.entries(value)) merged[k] = mergeEventValues(merged[k], v);
    return merged;
  }
  return [existing, value].flat();
}

// ---------------------------------------------------------------------------------------------
// Compiled form

interface ObjectNode {
  readonly kind: 'object';
  readonly fields: ReadonlyArray<{ readonly key: string; readonly node: ObjectNode | LeafNode }>;
  /** Each `$or` array found at this level; every one of them needs one matching branch. */
  readonly alternatives: ReadonlyArray<readonly ObjectNode[]>;
}

interface LeafNode {
  readonly kind: 'leaf';
  /** `{ "exists": false }` present: an absent field matches. */
  readonly matchesAbsent: boolean;
  /** `{ "exists": true }` present: any value matches. */
  readonly matchesAnyValue: boolean;
  readonly tests: ReadonlyArray<(value: JsonPrimitive) => boolean>;
  /** The wildcard texts among the tests (plain and anything-but), for the complexity check. */
  readonly wildcards: readonly string[];
}

// Field names that are operators; event-ruler rejects them as field names inside `$or` because
// `{"$or": [{"prefix": ...}]}` is almost certainly a misplaced match expression.
const OPERATORS = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'equals-ignore-case',
  'wildcard',
  'cidr',
]);

function compileObject(pattern: Record<string, unknown>, path: string, insideOr: boolean): ObjectNode {
  const keys = Object.keys(pattern);
  if (keys.length === 0) throw new EventPatternError('Empty objects are not allowed', path);
  const fields: Array<{ key: string; node: ObjectNode | LeafNode }> = [];
  const alternatives: ObjectNode[][] = [];
  for (const key of keys) {
    const value = pattern[key];
    if (key === '$or') {
      alternatives.push(compileOr(value, path));
      continue;
    }
    const fieldPath = path ? `${path}.${key}` : key;
    if (insideOr && OPERATORS.has(key)) {
      throw new EventPatternError(`${key} is a reserved operator name and cannot be used as a field inside $or`, fieldPath);
    }
    if (Array.isArray(value)) {
      fields.push({ key, node: compileLeaf(value, fieldPath) });
    } else if (isPlainObject(value)) {
      fields.push({ key, node: compileObject(value, fieldPath, insideOr) });
    } else {
      throw new EventPatternError(
        `"${key}" must be an object or an array (match values are always given as an array, e.g. "${key}": [${JSON.stringify(value) ?? 'undefined'}])`,
        fieldPath,
      );
    }
  }
  return { kind: 'object', fields, alternatives };
}

function compileOr(value: unknown, path: string): ObjectNode[] {
  const orPath = path ? `${path}.$or` : '$or';
  if (!Array.isArray(value)) throw new EventPatternError('$or must be followed by an array', orPath);
  if (value.length < 2) throw new EventPatternError('There must be at least 2 objects in a $or relationship', orPath);
  return value.map((branch, index) => {
    if (!isPlainObject(branch)) {
      throw new EventPatternError('Only JSON objects are allowed in the array of a $or relationship', `${orPath}[${index}]`);
    }
    // Branch fields live at the same level as the `$or` key, so the path does not grow.
    return compileObject(branch, path, true);
  });
}

function compileLeaf(values: readonly unknown[], path: string): LeafNode {
  if (values.length === 0) throw new EventPatternError('Empty arrays are not allowed', path);
  let matchesAbsent = false;
  let matchesAnyValue = false;
  const tests: Array<(value: JsonPrimitive) => boolean> = [];
  const wildcards: string[] = [];
  for (const value of values) {
    if (isPrimitive(value)) {
      tests.push((candidate) => candidate === value);
      continue;
    }
    if (!isPlainObject(value)) {
      throw new EventPatternError('Match value must be String, number, true, false, or null', path);
    }
    const [operator, ...rest] = Object.keys(value);
    if (operator === undefined) throw new EventPatternError('Match expression name not found', path);
    if (rest.length > 0) throw new EventPatternError('Only one key allowed in match expression', path);
    const operand = value[operator];
    if (operator === 'exists') {
      if (typeof operand !== 'boolean') {
        throw new EventPatternError('exists match pattern must be either true or false.', path);
      }
      if (operand) matchesAnyValue = true;
      else matchesAbsent = true;
      continue;
    }
    tests.push(compileMatchExpression(operator, operand, path));
    if (operator === 'wildcard') wildcards.push(operand as string);
    const negated = operator === 'anything-but' && isPlainObject(operand) ? operand.wildcard : undefined;
    if (negated !== undefined) wildcards.push(...stringList(negated, 'anything-but/wildcard', path));
  }
  return { kind: 'leaf', matchesAbsent, matchesAnyValue, tests, wildcards };
}

function compileMatchExpression(operator: string, operand: unknown, path: string): (value: JsonPrimitive) => boolean {
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const { text, ignoreCase } = stringOrIgnoreCase(operator, operand, path);
      if (ignoreCase) {
        const regex = ignoreCaseRegExp([text], operator);
        return (value) => typeof value === 'string' && regex.test(value);
      }
      const test = operator === 'prefix' ? (s: string) => s.startsWith(text) : (s: string) => s.endsWith(text);
      return (value) => typeof value === 'string' && test(value);
    }
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') throw new EventPatternError('equals-ignore-case match pattern must be a string', path);
      const regex = ignoreCaseRegExp([operand], 'equals');
      return (value) => typeof value === 'string' && regex.test(value);
    }
    case 'wildcard': {
      if (typeof operand !== 'string') throw new EventPatternError('wildcard match pattern must be a string', path);
      const regex = wildcardMatcher(operand, path);
      return (value) => typeof value === 'string' && regex.test(value);
    }
    case 'numeric':
      return compileNumeric(operand, path);
    case 'cidr':
      return compileCidr(operand, path);
    case 'anything-but': {
      const excluded = compileAnythingBut(operand, path);
      return (value) => !excluded(value);
    }
    default:
      throw new EventPatternError(`Unrecognized match type ${operator}`, path);
  }
}

function stringOrIgnoreCase(operator: string, operand: unknown, path: string): { text: string; ignoreCase: boolean } {
  if (typeof operand === 'string') return { text: operand, ignoreCase: false };
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    const inner = operand['equals-ignore-case'];
    if (keys.length === 1 && typeof inner === 'string') return { text: inner, ignoreCase: true };
    throw new EventPatternError(
      `${operator} accepts a string or { "equals-ignore-case": string }, got keys ${keys.join(', ') || '(none)'}`,
      path,
    );
  }
  throw new EventPatternError(`${operator} match pattern must be a string`, path);
}

/** Returns the predicate for the values that anything-but excludes. */
function compileAnythingBut(operand: unknown, path: string): (value: JsonPrimitive) => boolean {
  if (typeof operand === 'string' || typeof operand === 'number') {
    return (value) => value === operand;
  }
  if (Array.isArray(operand)) {
    const allStrings = operand.every((v) => typeof v === 'string');
    const allNumbers = operand.every((v) => typeof v === 'number');
    if (operand.length === 0 || (!allStrings && !allNumbers)) {
      throw new EventPatternError(
        'Inside anything-but list, either all values are number or string, mixed type is not supported',
        path,
      );
    }
    const excluded = new Set<JsonPrimitive>(operand as JsonPrimitive[]);
    return (value) => excluded.has(value);
  }
  if (isPlainObject(operand)) {
    const [inner, ...rest] = Object.keys(operand);
    if (inner === undefined || rest.length > 0) {
      throw new EventPatternError('Only one key allowed in anything-but expression', path);
    }
    const innerOperand = operand[inner];
    // Nested forms compare strings only; any other value (a number, null) is never excluded,
    // exactly as event-ruler, which compares them in their quoted JSON form.
    switch (inner) {
      case 'prefix':
      case 'suffix': {
        // A string or a list of strings (event-ruler's "anything-but prefix list" / "suffix list").
        const affixes = stringList(innerOperand, `anything-but/${inner}`, path);
        if (affixes.includes('')) throw new EventPatternError('Null prefix/suffix not allowed', path);
        return inner === 'prefix'
          ? (value) => typeof value === 'string' && affixes.some((a) => value.startsWith(a))
          : (value) => typeof value === 'string' && affixes.some((a) => value.endsWith(a));
      }
      case 'equals-ignore-case': {
        const regex = ignoreCaseRegExp(stringList(innerOperand, 'anything-but/equals-ignore-case', path), 'equals');
        return (value) => typeof value === 'string' && regex.test(value);
      }
      case 'wildcard': {
        const regexes = stringList(innerOperand, 'anything-but/wildcard', path).map((s) => wildcardMatcher(s, path));
        return (value) => typeof value === 'string' && regexes.some((r) => r.test(value));
      }
      default:
        throw new EventPatternError(`Unsupported anything-but pattern: ${inner}`, path);
    }
  }
  throw new EventPatternError('Value of anything-but must be an array or single string/number value.', path);
}

function stringList(operand: unknown, what: string, path: string): string[] {
  if (typeof operand === 'string') return [operand];
  if (Array.isArray(operand) && operand.length > 0 && operand.every((v) => typeof v === 'string')) return operand;
  throw new EventPatternError(`Inside ${what}, only a string or a non-empty list of strings is supported`, path);
}

type Bound = { value: number; inclusive: boolean };

function compileNumeric(operand: unknown, path: string): (value: JsonPrimitive) => boolean {
  if (!Array.isArray(operand)) throw new EventPatternError('Value of numeric must be an array.', path);
  const terms: unknown[] = operand;
  const number = (index: number, operator: string): number => {
    const term = terms[index];
    if (typeof term !== 'number' || !Number.isFinite(term)) {
      throw new EventPatternError(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`, path);
    }
    return term;
  };
  const first = terms[0];
  if (typeof first !== 'string') throw new EventPatternError(`Invalid member in numeric match: ${JSON.stringify(first)}`, path);

  let lower: Bound | undefined;
  let upper: Bound | undefined;
  let maxTerms = 2;
  switch (first) {
    case '=': {
      const expected = number(1, first);
      if (terms.length > 2) throw new EventPatternError('Too many elements in numeric expression', path);
      return (value) => typeof value === 'number' && value === expected;
    }
    case '<':
    case '<=':
      upper = { value: number(1, first), inclusive: first === '<=' };
      break;
    case '>':
    case '>=': {
      lower = { value: number(1, first), inclusive: first === '>=' };
      // Only a lower bound may be followed by an upper bound, as in [">", 0, "<=", 5].
      if (terms.length > 2) {
        maxTerms = 4;
        const second = terms[2];
        if (second !== '<' && second !== '<=') {
          throw new EventPatternError(`Bad numeric range operator: ${JSON.stringify(second)}`, path);
        }
        upper = { value: number(3, second), inclusive: second === '<=' };
        if (upper.value <= lower.value) throw new EventPatternError('Bottom must be less than top', path);
      }
      break;
    }
    default:
      throw new EventPatternError(`Unrecognized numeric range operator: ${first}`, path);
  }
  if (terms.length > maxTerms) throw new EventPatternError('Too many terms in numeric range expression', path);
  return (value) =>
    typeof value === 'number' &&
    (lower === undefined || (lower.inclusive ? value >= lower.value : value > lower.value)) &&
    (upper === undefined || (upper.inclusive ? value <= upper.value : value < upper.value));
}

function compileCidr(operand: unknown, path: string): (value: JsonPrimitive) => boolean {
  if (typeof operand !== 'string') throw new EventPatternError('cidr match pattern must be a string', path);
  const parts = operand.split('/');
  const [address, bitsText] = parts;
  if (parts.length !== 2 || address === undefined || bitsText === undefined) {
    throw new EventPatternError("Malformed CIDR, one '/' required", path);
  }
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (family === undefined) throw new EventPatternError(`Nonstandard IP address: ${address}`, path);
  const bits = Number(bitsText);
  if (!/^\d+$/.test(bitsText) || bits > (family === 'ipv4' ? 32 : 128)) {
    throw new EventPatternError('Malformed CIDR, mask bits must be an integer within the address length', path);
  }
  const block = new BlockList();
  block.addSubnet(address, bits, family);
  return (value) => {
    if (typeof value !== 'string') return false;
    if (isIPv4(value)) return block.check(value, 'ipv4');
    if (isIPv6(value)) return block.check(value, 'ipv6');
    return false;
  };
}

/**
 * Case folding as event-ruler does it for equals-ignore-case (and the prefix, suffix and anything-but
 * forms): each character of the PATTERN stands for exactly its own lower-case or its own upper-case
 * form (Unicode default mappings, Locale.ROOT), never for a fuller case folding of the event's text.
 * So "ß" also matches "SS" (its upper case) while "ss" does not match "ß", "K" (U+212A KELVIN SIGN)
 * matches "k" while "k" does not match U+212A, and "i" never matches Turkish "İ" or "ı". Java's
 * per-char mappings and JavaScript's per-code-point ones agree for these (both follow
 * UnicodeData/SpecialCasing without locale); we map per code point, so letters outside the BMP fold
 * too, where event-ruler, mapping UTF-16 halves one by one, compares them exactly.
 */
function ignoreCaseRegExp(texts: readonly string[], anchor: 'equals' | 'prefix' | 'suffix'): RegExp {
  const alternatives = texts.map((text) =>
    Array.from(text, (char) => {
      const forms = [...new Set([char.toLowerCase(), char.toUpperCase()])].map(escapeRegExp);
      return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
    }).join(''),
  );
  const body = `(?:${alternatives.join('|')})`;
  return new RegExp(anchor === 'equals' ? `^${body}$` : anchor === 'prefix' ? `^${body}` : `${body}$`, 'su');
}

/** A compiled wildcard: whether a string matches it. */
interface WildcardMatcher {
  test(value: string): boolean;
}

/**
 * `*` matches any run of characters (including none); `\*` is a literal asterisk and `\\` a literal
 * backslash. Like EventBridge, consecutive wildcards and other escapes are rejected.
 * Matched without a regular expression: `^a.*b.*c$` backtracked polynomially in the number of
 * wildcards over an event's value (`*a*b*c*d` over 1 500 characters took 12 s). The literal parts are
 * found left to right, each at its first place after the one before (the leftmost place never loses
 * a match when only `*` is between parts); the last part must end the value.
 */
function wildcardMatcher(wildcard: string, path: string): WildcardMatcher {
  const parts: string[] = [''];
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i] as string;
    if (char === '\\') {
      const next = wildcard[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new EventPatternError(`Invalid escape in wildcard pattern at position ${i}: only \\* and \\\\ are allowed`, path);
      }
      parts[parts.length - 1] += next;
      i++;
    } else if (char === '*') {
      if (wildcard[i + 1] === '*') {
        throw new EventPatternError(`Consecutive wildcard characters at pos ${i + 1}`, path);
      }
      parts.push('');
    } else {
      parts[parts.length - 1] += char;
    }
  }
  return { test: (value) => matchesWildcardParts(parts, value) };
}

function matchesWildcardParts(parts: readonly string[], value: string): boolean {
  const first = parts[0] as string;
  if (parts.length === 1) return value === first;
  const last = parts.at(-1) as string;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = value.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Wildcard complexity

/**
 * The most complex a field's wildcard values may be. AWS refuses more complex rules ("Rule is too
 * complex - try using fewer wildcard characters or fewer repeating character sequences after a
 * wildcard character") but does not publish its limit; 10 is the per-rule limit event-ruler's README
 * gives as its example for this strategy, and it refuses exactly the pathological patterns (many
 * wildcards each followed by the same characters) while every pattern in AWS's guide passes.
 */
export const MAX_WILDCARD_COMPLEXITY = 10;

const STAR = Symbol('*');
type WildcardToken = string | typeof STAR;

function wildcardTokens(wildcard: string): WildcardToken[] {
  const tokens: WildcardToken[] = [];
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i] as string;
    if (char === '\\') tokens.push(wildcard[++i] as string);
    else tokens.push(char === '*' ? STAR : char);
  }
  return tokens;
}

/**
 * event-ruler's measure (MachineComplexityEvaluator): the largest number of wildcard-pattern prefixes
 * that one input can match at the same time, over every input. A prefix of pattern p is its first k
 * tokens; input "abbb" is matched by "a*", "a*b", "a*bb" and "a*bbb" of "a*bbb", so that pattern scores 4.
 * Prefixes without a wildcard, or ending at their first one, are shared between patterns (they are
 * one state of event-ruler's byte machine). Computed by walking the subsets of prefixes reachable by
 * some input, over the pattern's characters plus one character that occurs in none; stops at `cap`.
 */
export function wildcardComplexity(wildcards: readonly string[], cap = MAX_WILDCARD_COMPLEXITY + 1): number {
  const patterns = wildcards.map(wildcardTokens);
  if (patterns.length === 0) return 0;
  const keyOf = (p: number, k: number): string => {
    const prefix = (patterns[p] as WildcardToken[]).slice(0, k);
    const firstStar = prefix.indexOf(STAR);
    const shared = firstStar === -1 || firstStar === k - 1;
    return shared ? `d:${prefix.map((t) => (t === STAR ? '\u0000*' : t)).join('')}` : `p${p}:${k}`;
  };
  const close = (states: Set<string>): Set<string> => {
    for (const state of states) {
      const [p, k] = state.split(':').map(Number) as [number, number];
      if ((patterns[p] as WildcardToken[])[k] === STAR) states.add(`${p}:${k + 1}`);
    }
    return states;
  };
  const alphabet = [...new Set(patterns.flat().filter((t): t is string => t !== STAR)), '\u0000'];
  const start = close(new Set(patterns.map((_, p) => `${p}:0`)));
  const seen = new Set<string>();
  const queue = [start];
  let maximum = 0;
  while (queue.length > 0 && seen.size < 10_000) {
    const states = queue.shift() as Set<string>;
    for (const char of alphabet) {
      const next = new Set<string>();
      for (const state of states) {
        const [p, k] = state.split(':').map(Number) as [number, number];
        const tokens = patterns[p] as WildcardToken[];
        if (tokens[k] === char) next.add(`${p}:${k + 1}`);
        if (k > 0 && tokens[k - 1] === STAR) next.add(state);
      }
      if (next.size === 0) continue;
      close(next);
      const keys = new Set<string>();
      for (const state of next) {
        const [p, k] = state.split(':').map(Number) as [number, number];
        if (k > 0) keys.add(keyOf(p, k));
      }
      maximum = Math.max(maximum, keys.size);
      if (maximum >= cap) return maximum;
      const id = [...next].sort().join(' ');
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(next);
      }
    }
  }
  return maximum;
}

function checkWildcardComplexity(node: ObjectNode, path = ''): void {
  for (const { key, node: child } of node.fields) {
    const fieldPath = path ? `${path}.${key}` : key;
    if (child.kind === 'object') checkWildcardComplexity(child, fieldPath);
    else if (child.wildcards.length > 0 && wildcardComplexity(child.wildcards) > MAX_WILDCARD_COMPLEXITY) {
      throw new EventPatternError(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
        fieldPath,
      );
    }
  }
  for (const branches of node.alternatives) for (const branch of branches) checkWildcardComplexity(branch, path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Matching

function matchObject(node: ObjectNode, value: unknown): boolean {
  // Arrays of objects are "crushed out": the pattern matches if one element matches it as a
  // whole, so fields matched together always come from the same element (event-ruler's
  // array consistency).
  if (Array.isArray(value)) {
    const objects = value.flat(Infinity).filter(isPlainObject);
    if (objects.length === 0) return matchFields(node, undefined);
    return objects.some((element) => matchFields(node, element));
  }
  return matchFields(node, isPlainObject(value) ? value : undefined);
}

function matchFields(node: ObjectNode, object: Record<string, unknown> | undefined): boolean {
  for (const { key, node: child } of node.fields) {
    const value = object?.[key];
    const ok = child.kind === 'leaf' ? matchLeaf(child, value) : matchObject(child, value);
    if (!ok) return false;
  }
  return node.alternatives.every((branches) => branches.some((branch) => matchFields(branch, object)));
}

function matchLeaf(leaf: LeafNode, value: unknown): boolean {
  const values = leafValues(value);
  // Exists works on leaves only: a missing field, an object and an empty array all count as absent.
  if (values.length === 0) return leaf.matchesAbsent;
  if (leaf.matchesAnyValue) return true;
  return values.some((v) => leaf.tests.some((test) => test(v)));
}

function leafValues(value: unknown): JsonPrimitive[] {
  if (value === undefined) return [];
  if (isPrimitive(value)) return [value];
  if (Array.isArray(value)) return value.flat(Infinity).filter(isPrimitive);
  return [];
}

function isPrimitive(value: unknown): value is JsonPrimitive {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
