// A JSON file as a person wrote it: the line each value sits on, and a syntax error said in Chinese with its
// line and column and what to write instead, so whoever edits a policy file in Notepad can find the spot.
// The value itself is always JSON.parse's own; the scanner here only locates.

export type JsonPath = readonly (string | number)[];

export type JsonSource = {
  value: unknown;
  /** The line (1-based) of the value at `path`, or of its nearest enclosing value the file has; undefined if unknown. */
  lineOf: (path: JsonPath) => number | undefined;
  /** Keys written twice in one object: JSON keeps the last, silently. */
  duplicateKeys: { path: (string | number)[]; line: number }[];
};

export type JsonSyntaxError = { line: number; column: number; message: string };

export type JsonRead = { ok: true; source: JsonSource } | { ok: false; error: JsonSyntaxError };

export const formatJsonError = (e: JsonSyntaxError): string => `第 ${e.line} 行第 ${e.column} 列：${e.message}`;

const pathKey = (path: JsonPath): string => JSON.stringify(path);

class Problem {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

const FULL_WIDTH: Record<string, string> = {
  '，': '用了中文逗号“，”：要用英文逗号 ,',
  '：': '用了中文冒号“：”：要用英文冒号 :',
  '“': '用了中文引号“”：要用英文双引号 "…"',
  '”': '用了中文引号“”：要用英文双引号 "…"',
  '‘': "用了中文引号‘’：要用英文双引号 \"…\"",
  '’': "用了中文引号‘’：要用英文双引号 \"…\"",
  '【': '用了中文方括号“【】”：要用英文方括号 [ ]',
  '】': '用了中文方括号“【】”：要用英文方括号 [ ]',
  '｛': '用了全角花括号“｛｝”：要用英文花括号 { }',
  '｝': '用了全角花括号“｛｝”：要用英文花括号 { }',
  '\u3000': '这里有全角空格：请换成普通空格',
  '\u00a0': '这里有不换行空格（常见于从网页、Word 复制的内容）：请换成普通空格',
};

const VALUE_HINT = '这里应该写一个值：文字用英文双引号括起来（如 "lunch"），数字直接写（如 300），是或否写 true 或 false';

class Scanner {
  i = 0;
  readonly lines = new Map<string, number>();
  readonly duplicates: { path: (string | number)[]; line: number }[] = [];

  constructor(
    private readonly s: string,
    private readonly lineAt: (pos: number) => number,
  ) {}

  run(): void {
    this.ws();
    if (this.i >= this.s.length) throw new Problem(this.i, '文件是空的：应以 { 开头');
    this.value([], true);
    this.ws();
    if (this.i < this.s.length) throw new Problem(this.i, '完整的内容已经结束，后面还有多余的字符：一个文件只能有一个 { … }（看看是不是多了“}”或“]”）');
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (s[this.i + 1] === '/' || s[this.i + 1] === '*')) throw new Problem(this.i, 'JSON 里不能写注释（// 或 /* … */）：请删去');
      else if (c === '\u3000' || c === '\u00a0') throw new Problem(this.i, FULL_WIDTH[c] as string);
      else return;
    }
  }

  private unexpected(what: string): never {
    const c = this.s[this.i];
    if (c === undefined) throw new Problem(this.i, `文件在这里就结束了：${what}`);
    throw new Problem(this.i, FULL_WIDTH[c] ?? what);
  }

  private value(path: (string | number)[], record: boolean): void {
    if (record) this.lines.set(pathKey(path), this.lineAt(this.i));
    const c = this.s[this.i];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (c === "'") throw new Problem(this.i, "文字要用英文双引号 \"…\" 括起来，不能用单引号 '…'");
    else if (c !== undefined && /[A-Za-z_$]/.test(c)) this.word();
    else if (c === '+' || c === '.') this.number();
    else this.unexpected(c === '}' || c === ']' || c === ',' ? `${VALUE_HINT}（看看前面是不是多了逗号）` : VALUE_HINT);
  }

  private object(path: (string | number)[]): void {
    const open = this.i++;
    const seen = new Set<string>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      const keyAt = this.i;
      const c = this.s[this.i];
      if (c === undefined) this.unexpected(`还缺少收尾的“}”（与第 ${this.lineAt(open)} 行的“{”配对）`);
      if (c !== '"') {
        if (c === "'") throw new Problem(this.i, "字段名要用英文双引号括起来，不能用单引号：写成 \"名字\"");
        const word = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i))?.[0];
        if (word) throw new Problem(this.i, `字段名要用英文双引号括起来：写成 "${word}"`);
        this.unexpected('这里应该是用英文双引号括起来的字段名，如 "id"');
      }
      const key = this.string();
      this.lines.set(pathKey([...path, key]), this.lineAt(keyAt));
      if (seen.has(key)) this.duplicates.push({ path: [...path, key], line: this.lineAt(keyAt) });
      seen.add(key);
      this.ws();
      if (this.s[this.i] !== ':') this.unexpected(`字段名 "${key}" 后面要写英文冒号 :`);
      this.i++;
      this.ws();
      this.value([...path, key], false);
      const end = this.i;
      this.ws();
      const next = this.s[this.i];
      if (next === '}') {
        this.i++;
        return;
      }
      if (next === ',') {
        const comma = this.i++;
        this.ws();
        if (this.s[this.i] === '}') throw new Problem(comma, '最后一项后面多了一个逗号：请删去这个逗号（JSON 不允许）');
        continue;
      }
      if (next === '"') throw new Problem(end, '这里缺少英文逗号 ,：相邻两项之间要用逗号隔开');
      if (next === undefined) this.unexpected(`还缺少收尾的“}”（与第 ${this.lineAt(open)} 行的“{”配对）`);
      this.unexpected('这里应该是英文逗号 ,（后面还有项）或“}”（这一组结束）');
    }
  }

  private array(path: (string | number)[]): void {
    const open = this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.ws();
      if (this.s[this.i] === undefined) this.unexpected(`还缺少收尾的“]”（与第 ${this.lineAt(open)} 行的“[”配对）`);
      this.value([...path, index], true);
      const end = this.i;
      this.ws();
      const next = this.s[this.i];
      if (next === ']') {
        this.i++;
        return;
      }
      if (next === ',') {
        const comma = this.i++;
        this.ws();
        if (this.s[this.i] === ']') throw new Problem(comma, '最后一项后面多了一个逗号：请删去这个逗号（JSON 不允许）');
        continue;
      }
      if (next === undefined) this.unexpected(`还缺少收尾的“]”（与第 ${this.lineAt(open)} 行的“[”配对）`);
      if (next === '{' || next === '[' || next === '"' || /[-\dtfn]/.test(next)) throw new Problem(end, '这里缺少英文逗号 ,：相邻两项之间要用逗号隔开');
      this.unexpected('这里应该是英文逗号 ,（后面还有项）或“]”（列表结束）');
    }
  }

  /** A string token; returns its value. */
  private string(): string {
    const s = this.s;
    const start = this.i++;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === '"') {
        this.i++;
        return JSON.parse(s.slice(start, this.i)) as string;
      }
      if (c === '\\') {
        const e = s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) throw new Problem(this.i, '\\u 后面要跟 4 位十六进制数字；要写反斜杠本身请写成 \\\\');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Problem(this.i, '反斜杠 \\ 后面只能跟 " \\ / b f n r t u：要写反斜杠本身（如 Windows 路径）请写成 \\\\');
        this.i += 2;
        continue;
      }
      if (c < ' ') throw new Problem(start, '这段文字没有用英文双引号收尾（或文字中间直接换了行）：在文字末尾补上 "');
      this.i++;
    }
    throw new Problem(start, '这段文字没有用英文双引号收尾：在文字末尾补上 "');
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    const raw = /^[-+.\w]+/.exec(this.s.slice(this.i))?.[0] ?? '';
    if (!m || m[0].length < raw.length) throw new Problem(this.i, `数字写法不对（${raw}）：直接写数字，如 300 或 -1；不要加号、前导 0、单位或千位分隔`);
    this.i += m[0].length;
  }

  private word(): void {
    const word = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i))?.[0] ?? '';
    if (word === 'true' || word === 'false' || word === 'null') {
      this.i += word.length;
      return;
    }
    const lower = word.toLowerCase();
    if (lower === 'true' || lower === 'false' || lower === 'null') throw new Problem(this.i, `${word} 要写成小写的 ${lower}（不加引号）`);
    throw new Problem(this.i, `文字要用英文双引号括起来：写成 "${word}"（是或否写 true 或 false，不加引号）`);
  }
}

function lineIndex(text: string): (pos: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Reads JSON text (a leading BOM is allowed, as Windows editors write one). */
export function readJson(text: string): JsonRead {
  const s = text.replace(/^\uFEFF/, '');
  const lineAt = lineIndex(s);
  const scanner = new Scanner(s, lineAt);
  let problem: Problem | null = null;
  try {
    scanner.run();
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    problem = e;
  }
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch (e) {
    // The scanner should always have found it; if not, say where JSON.parse stopped.
    const at = problem?.at ?? Number(/position (\d+)/.exec(String(e))?.[1] ?? 0);
    const line = lineAt(at);
    const lineStart = s.lastIndexOf('\n', at - 1) + 1;
    return { ok: false, error: { line, column: at - lineStart + 1, message: problem?.message ?? `JSON 格式不对：${VALUE_HINT}` } };
  }
  const lines = problem ? new Map<string, number>() : scanner.lines;
  return {
    ok: true,
    source: {
      value,
      duplicateKeys: problem ? [] : scanner.duplicates,
      lineOf: (path) => {
        for (let n = path.length; n >= 0; n--) {
          const line = lines.get(pathKey(path.slice(0, n)));
          if (line !== undefined) return line;
        }
        return undefined;
      },
    },
  };
}
