/**
 * ReDoS check of every regular expression in the source tree (`npm run redos`).
 *
 * Collects each regex literal and each `new RegExp(...)`/`RegExp(...)` whose pattern is a string
 * literal (a computed pattern is listed as `unchecked`, so it is reviewed by hand) from the code
 * that runs on input from outside: packages/* /src, functions/, web/src, scripts/, local/.
 * Each pattern goes through recheck (a native build shipped in its npm package; no download).
 * Exits 1 and names file:line of each pattern recheck finds vulnerable (super-linear).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One regular expression found in a source file; `line` is 1-based. */
export interface FoundRegex {
  file: string;
  line: number;
  /** The pattern's source, or null when it is computed at run time. */
  source: string | null;
  flags: string;
}

/** Folders (relative to the repository root) whose code reads input from outside. */
export const REDOS_ROOTS = ['packages', 'functions', 'web/src', 'scripts', 'local', 'events'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(?:ts|tsx)$/.test(entry.name) && !/\.(?:test|d)\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Every regex in the non-test TypeScript files under `roots`, with paths relative to `root`. */
export function collectRegexes(root: string, roots: readonly string[] = REDOS_ROOTS): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const dir of roots) {
    for (const path of sourceFiles(join(root, dir))) {
      const text = readFileSync(path, 'utf8');
      const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      // Top-level `const NAME = '…'` (or String.raw`…`) so a pattern built from such parts is checked too.
      const constants = new Map<string, string>();
      const literal = (n: ts.Node | undefined): string | null => {
        if (!n) return null;
        if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
        if (ts.isTaggedTemplateExpression(n) && n.tag.getText(file) === 'String.raw' && ts.isNoSubstitutionTemplateLiteral(n.template)) return n.template.rawText ?? null;
        if (ts.isIdentifier(n)) return constants.get(n.text) ?? null;
        if (ts.isTemplateExpression(n)) {
          let out = n.head.text;
          for (const span of n.templateSpans) {
            const part = literal(span.expression);
            if (part === null) return null;
            out += part + span.literal.text;
          }
          return out;
        }
        return null;
      };
      for (const statement of file.statements) {
        if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const) {
          for (const d of statement.declarationList.declarations) {
            const value = literal(d.initializer);
            if (ts.isIdentifier(d.name) && value !== null) constants.set(d.name.text, value);
          }
        }
      }
      const at = (node: ts.Node) => ({ file: relative(root, path), line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
      const visit = (node: ts.Node): void => {
        if (ts.isRegularExpressionLiteral(node)) {
          const slash = node.text.lastIndexOf('/');
          found.push({ ...at(node), source: node.text.slice(1, slash), flags: node.text.slice(slash + 1) });
        } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
          const [pattern, flags] = node.arguments ?? [];
          if (pattern) found.push({ ...at(node), source: literal(pattern), flags: flags ? (literal(flags) ?? '') : '' });
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return found;
}

/** A pattern recheck did not judge safe: vulnerable (with its complexity and attack) or unknown (why). */
export type UnsafeRegex = FoundRegex & { verdict: string };

/** The patterns recheck does not judge safe (vulnerable, or undecided within its limits). */
export async function unsafeRegexes(found: readonly FoundRegex[]): Promise<UnsafeRegex[]> {
  const { check } = await import('recheck');
  const unsafe: UnsafeRegex[] = [];
  for (const regex of found) {
    if (regex.source === null) continue;
    // recheck's own limit is 10 s a pattern; on a loaded CI machine a pattern it judges in well under
    // a second here could time out and read as 'unknown', so it gets a minute.
    const result = await check(regex.source, regex.flags, { timeout: 60_000 });
    if (result.status === 'vulnerable') {
      unsafe.push({ ...regex, verdict: `vulnerable, ${result.complexity.summary}; attack ${result.attack.pattern}` });
    } else if (result.status === 'unknown') {
      unsafe.push({ ...regex, verdict: `unknown (${result.error.kind})` });
    }
  }
  return unsafe;
}

/** One line per unsafe pattern: `file:line /source/flags verdict`. */
export const describeUnsafe = (r: UnsafeRegex) => `${r.file}:${r.line} /${r.source}/${r.flags} ${r.verdict}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = collectRegexes(process.cwd());
  const bad = await unsafeRegexes(found);
  for (const r of found.filter((r) => r.source === null)) console.log(`unchecked (computed at run time, review by hand): ${r.file}:${r.line}`);
  for (const r of bad) console.log(describeUnsafe(r));
  console.log(`${found.length} regular expressions, ${bad.length} not judged safe`);
  process.exit(bad.length > 0 ? 1 : 0);
}
