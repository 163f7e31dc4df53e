import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Measures of the source's shape: the length of each route handler and of each exported function or
// plugin that registers routes, and each file's imports. A small scanner follows strings, template
// literals (with their `${…}`), comments and regular expressions, so that brackets are only counted
// in code.
//
//   node --experimental-strip-types test/helpers/source-shape.ts [src-folder]
// prints the longest route handlers and registrars of a source tree (src/ by default).

/** Every `.ts` file under `dir`, tests left out. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => path.join(dir, file))
    .sort();
}

/** For each character of `text`, its bracket depth when it is code, or -1 inside a string or comment. */
function codeDepths(text: string): number[] {
  const depth: number[] = new Array(text.length).fill(-1);
  // Each open bracket, or '`' for a template literal; '${' marks an expression inside a template.
  const stack: string[] = [];
  let i = 0;
  let lastCode = '';
  const inTemplate = () => stack.at(-1) === '`';
  while (i < text.length) {
    const c = text[i] as string;
    if (inTemplate()) {
      if (c === '\\') i += 2;
      else if (c === '`') {
        stack.pop();
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        stack.push('${');
        i += 2;
      } else i++;
      continue;
    }
    const level = stack.filter((s) => s !== '`').length;
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
      lastCode = c;
    } else if (c === '/' && (lastCode === '' || /[(,=:[!&|?{};]/.test(lastCode))) {
      // A regular expression: up to the unescaped slash outside a character class.
      let inClass = false;
      i++;
      while (i < text.length && (inClass || text[i] !== '/')) {
        if (text[i] === '\\') i++;
        else if (text[i] === '[') inClass = true;
        else if (text[i] === ']') inClass = false;
        i++;
      }
      i++;
      lastCode = '/';
    } else if (c === '`') {
      stack.push('`');
      i++;
      lastCode = '`';
    } else {
      if ('([{'.includes(c)) stack.push(c);
      depth[i] = level;
      if (')]}'.includes(c)) {
        stack.pop();
        depth[i] = level - 1;
      }
      if (!/\s/.test(c)) lastCode = c;
      i++;
    }
  }
  return depth;
}

/** A route handler or a registrar, where it is and how many lines it spans. */
export interface Span {
  file: string;
  line: number;
  name: string;
  lines: number;
}

// A route registration on a Fastify instance (named app, api, scope or instance in this code base).
const ROUTE = /\b(?:app|api|scope|instance)\.(get|post|put|patch|delete|head|route)\(/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text[i] === '\n') line++;
  return line;
}

/** The handler of every route registered in `file`: its last argument, from its first line to the call's end. */
export function routeHandlers(file: string): Span[] {
  const text = readFileSync(file, 'utf8');
  const depth = codeDepths(text);
  const spans: Span[] = [];
  for (const match of text.matchAll(ROUTE)) {
    const open = match.index + match[0].length - 1;
    const level = depth[open];
    if (level === undefined || level < 0) continue;
    let close = open + 1;
    let lastArgument = open + 1;
    let pendingComma = -1;
    for (; close < text.length; close++) {
      if (depth[close] === level && text[close] === ')') break;
      if (depth[close] === level + 1 && text[close] === ',') pendingComma = close;
      else if (pendingComma >= 0 && (depth[close] ?? -1) >= 0 && !/\s/.test(text[close] ?? '')) {
        lastArgument = close;
        pendingComma = -1;
      }
    }
    const name = /^\s*(['`][^'`]*['`]|\w+)/.exec(text.slice(open + 1))?.[1] ?? '?';
    spans.push({
      file,
      line: lineAt(text, match.index),
      name: `${match[1]?.toUpperCase()} ${name}`,
      lines: lineAt(text, close) - lineAt(text, lastArgument) + 1,
    });
  }
  return spans;
}

/** Every exported function or constant of `file` that registers routes, with its length in lines. */
export function registrars(file: string): Span[] {
  const text = readFileSync(file, 'utf8');
  const depth = codeDepths(text);
  const spans: Span[] = [];
  for (const match of text.matchAll(/^export (?:async )?(?:function (\w+)|const (\w+)[^=\n]*= async)/gm)) {
    let end = match.index;
    let opened = false;
    for (; end < text.length; end++) {
      if (depth[end] === 0 && text[end] === '{') opened = true;
      if (opened && depth[end] === 0 && text[end] === '}') break;
    }
    const body = text.slice(match.index, end);
    if (!new RegExp(ROUTE.source).test(body)) continue;
    spans.push({
      file,
      line: lineAt(text, match.index),
      name: match[1] ?? match[2] ?? '?',
      lines: lineAt(text, end) - lineAt(text, match.index) + 1,
    });
  }
  return spans;
}

/** The module specifiers `file` imports, with whether each import is of types only. */
export function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gm)].map((match) => ({
    specifier: match[2] ?? '',
    typeOnly: match[1] !== undefined,
  }));
}

if (import.meta.main) {
  const dir = process.argv[2] ?? 'src';
  const files = sourceFiles(path.join(dir, 'modules'));
  const longest = (spans: Span[]) =>
    spans
      .sort((a, b) => b.lines - a.lines)
      .slice(0, 5)
      .map((s) => `  ${s.lines} lines  ${s.name}  (${path.relative(dir, s.file)}:${s.line})`)
      .join('\n');
  console.log(`longest route handlers:\n${longest(files.flatMap(routeHandlers))}`);
  console.log(`longest registrars:\n${longest(files.flatMap(registrars))}`);
}
