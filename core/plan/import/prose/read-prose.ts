// Numbered prose, in any of the numbering styles offices use and at any depth. The task is the numbered item
// (or the paragraph under a heading) that carries the work: the one that names its units or its deadline;
// items under it without their own are part of it, items above it are its headings. Linear in the text.
import { chineseNumeral, normalizeHeading, numberingOf, type Numbered, type NumberingStyle } from "../numbering";
import type { LayoutReading, RawTask } from "../raw-task";
import { isLedgerDueLine, readDate } from "../metadata";
import { cleanCell } from "../text";
import { FIELD_LINE, hasFields, labelledFields, splitFields, type Fields } from "./fields";

interface Segment {
  lines: string[];
  line: number;
  fields: Fields;
  /** The fields came on lines of their own ("牵头单位：…"), after whatever items preceded them. */
  fieldLines?: boolean;
}

interface Node {
  label?: Numbered;
  /** The heading's own line, cleaned ("一、进一步推进…"). */
  heading: string;
  line: number;
  depth: number;
  /** Its text: the numbered line and the lines after it, cut after each line that states units or a deadline. */
  segments: Segment[];
  children: Node[];
  parent?: Node;
}

const ARABIC: ReadonlySet<NumberingStyle> = new Set(["1.", "1、", "（1）", "1.1"]);

const newSegment = (line: number): Segment => ({ lines: [], line, fields: { units: {} } });

/** Builds the tree of numbered items; unnumbered lines belong to the item above them. */
function buildTree(lines: readonly string[], warnings: LayoutReading["warnings"], where: (line: number) => string): Node {
  const root: Node = { heading: "", line: 0, depth: -1, segments: [], children: [] };
  const stack: Node[] = [];
  /** Last number seen per style under each parent, and in the whole document (plan-wide numbering). */
  const lastUnder = new Map<Node, Map<NumberingStyle, number>>();
  const lastAnywhere = new Map<NumberingStyle, number>();

  const accept = (label: Numbered, parent: Node): boolean => {
    if (!ARABIC.has(label.style)) return true;
    if (label.number === 1) return true;
    const here = lastUnder.get(parent)?.get(label.style) ?? 0;
    const anywhere = lastAnywhere.get(label.style) ?? 0;
    // "2022." or "35." inside a paragraph is no item; the next number, or a small gap, is.
    return (label.number > here && label.number <= here + 3) || label.number === anywhere + 1;
  };

  const signature = signatureLines(lines);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // A table's rows (Markdown, tab-separated, one cell per line) are the table readers' to read.
    if (raw.charCodeAt(0) === 9 || raw.trimStart().startsWith("|") || raw.includes("\t")) continue;
    const text = cleanCell(raw);
    if (!text) continue;
    if (signature.has(i)) {
      // The issuer and date under the text end whatever item was open.
      stack.length = 0;
      continue;
    }
    let label = numberingOf(text);
    if (!label && isLedgerDueLine(text)) {
      // The closing request for the 台账 ends the last item rather than lending it a deadline.
      stack.length = 0;
      continue;
    }
    if (label) {
      // A top heading whose 二 was lost in conversion: "2、 进一步推进…" after "一、…".
      const top = stack[0];
      if (label.style === "1、" && top?.label?.style === "一、" && label.number === top.label.number + 1 && !stack.some((n) => n.label?.style === "1、")) {
        warnings.push({ line: i + 1, code: "damaged-heading", message: `${where(i + 1)}的标题编号“${label.label}、”按“${chineseNumeral(label.number)}、”读取。` });
        label = { ...label, style: "一、", label: chineseNumeral(label.number) };
      }
      const level = stack.findIndex((n) => n.label!.style === label!.style);
      const parentDepth = level >= 0 ? level : stack.length;
      const parent = parentDepth === 0 ? root : stack[parentDepth - 1]!;
      if (accept(label, parent)) {
        stack.length = parentDepth;
        const heading = label.style === "一、" ? `${label.label}、${label.rest}` : label.style === "（一）" ? normalizeHeading(text) : text;
        const node: Node = { label, heading, line: i + 1, depth: parentDepth, segments: [newSegment(i + 1)], children: [], parent };
        node.segments[0]!.lines.push(label.rest);
        parent.children.push(node);
        stack.push(node);
        const under = lastUnder.get(parent) ?? new Map();
        under.set(label.style, label.number);
        lastUnder.set(parent, under);
        lastAnywhere.set(label.style, label.number);
        // The numbered line stands alone until its text says otherwise: it may be the heading over a paragraph.
        if (!endIfFields(node, label.rest, true)) node.segments.push(newSegment(i + 2));
        continue;
      }
    }
    const current = stack.at(-1);
    if (!current) continue; // the preamble before the first numbered item
    const segment = current.segments.at(-1)!;
    if (FIELD_LINE.test(text)) {
      // "牵头单位：…" on a line of its own closes the segment it follows.
      labelledFields(text, segment.fields);
      segment.fieldLines = true;
      // The next line may be another field line of the same block.
      if (!FIELD_LINE.test(cleanCell(lines[i + 1] ?? ""))) current.segments.push(newSegment(i + 2));
      continue;
    }
    if (segment.lines.length === 0) segment.line = i + 1;
    // Lines after the numbered line join it again unless they turn out to be a paragraph under a heading.
    segment.lines.push(text);
    endIfFields(current, text);
  }
  liftFieldLines(root);
  return root;
}

/**
 * Field lines after an item's last sub-item ("2.开展评估：（1）…（2）…" then "牵头单位：…") are the item's: when
 * only the last child carries fields, and only through field lines, they move up to the item.
 */
function liftFieldLines(node: Node): void {
  for (const child of node.children) liftFieldLines(child);
  const last = node.children.at(-1);
  if (!node.label || !last || carries(node) || last.children.length) return;
  if (node.children.slice(0, -1).some(carries)) return;
  const segment = last.segments.find((s) => hasFields(s.fields));
  if (!segment?.fieldLines || last.segments.some((s) => s !== segment && hasFields(s.fields))) return;
  node.segments.push({ lines: [], line: segment.line, fields: segment.fields, fieldLines: true });
  segment.fields = { units: {} };
}

/** The signature block: a line that is only a date, and the issuer's name just above it. */
function signatureLines(lines: readonly string[]): Set<number> {
  const found = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length > 40) continue;
    const text = cleanCell(lines[i]!);
    if (!text || text.length > 16 || !readDate(text.replace(/印发$/, ""))) continue;
    found.add(i);
    for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
      const above = cleanCell(lines[j]!);
      if (!above) continue;
      if (above.length <= 30 && /(?:办公室|政府|委员会|局|办|厅|中心|小组)$/.test(above)) found.add(j);
      break;
    }
  }
  return found;
}

/** A line that ends with its units or deadline ends the segment: the next line starts another requirement. */
function endIfFields(node: Node, line: string, first = false): boolean {
  const segment = node.segments.at(-1)!;
  const { fields } = splitFields(line, { leadIn: first });
  if (!hasFields(fields)) return false;
  const { text, fields: read } = splitFields(segment.lines.join(""), { leadIn: first });
  segment.lines = [text];
  segment.fields = mergeFields(segment.fields, read);
  node.segments.push(newSegment(segment.line));
  return true;
}

function mergeFields(a: Fields, b: Fields): Fields {
  const units = { ...a.units };
  for (const key of ["lead", "support", "combined"] as const) if (b.units[key]) units[key] = [units[key], b.units[key]].filter(Boolean).join("、");
  const deadline = [a.deadline, b.deadline].filter(Boolean).join("；");
  return { units, ...(deadline ? { deadline } : {}) };
}

const textOf = (segment: Segment) => segment.lines.join("").trim();
const carries = (node: Node) => node.segments.some((s) => hasFields(s.fields));

/** Whether any item of the document states its units or deadline; without any, the leaves are the tasks. */
function anyCarries(node: Node): boolean {
  return carries(node) || node.children.some(anyCarries);
}

/** How an item's label is printed before its text when it is folded into the task above it. */
function printedLabel(label: Numbered): string {
  if (label.style === "一、") return `${label.label}、`;
  if (label.style === "1." || label.style === "1.1") return `${label.label}.`;
  if (label.style === "1、") return `${label.label}、`;
  return label.label;
}

/** The items under a task that state nothing of their own, as part of its text: "……。1.……2.……". */
function descendantsText(node: Node): string {
  return node.children.map((c) => `${printedLabel(c.label!)}${c.segments.map(textOf).join("")}${descendantsText(c)}`).join("");
}

/** Reads numbered prose into tasks; every numbered item that is not one, and not a heading over one, is reported. */
export function readProse(lines: readonly string[], where: (line: number) => string = (line) => `第${line}行`): LayoutReading & { items: number } {
  const reading: LayoutReading & { items: number } = { tasks: [], warnings: [], items: 0 };
  const root = buildTree(lines, reading.warnings, where);
  const byFields = anyCarries(root);

  // Plan-wide numbering (1. … 40. across headings) gives the ids; numbering that restarts gives "2.1.3".
  const numbersByStyle = new Map<NumberingStyle, number[]>();
  const collect = (node: Node) => {
    for (const child of node.children) {
      reading.items++;
      const style = child.label!.style;
      const numbers = numbersByStyle.get(style) ?? [];
      numbers.push(child.label!.number);
      numbersByStyle.set(style, numbers);
      collect(child);
    }
  };
  collect(root);
  // Numbers that never repeat are the plan's own (1. … 40. across headings, or one heading's 1. 2. 3.); numbers
  // that start again under each heading need the headings' numbers too ("2.1.3").
  const unique = new Map<NumberingStyle, boolean>();
  const planWide = (style: NumberingStyle) => {
    let answer = unique.get(style);
    if (answer === undefined) {
      const list = numbersByStyle.get(style) ?? [];
      unique.set(style, (answer = new Set(list).size === list.length));
    }
    return answer;
  };
  const pathOf = (node: Node): Node[] => {
    const path: Node[] = [];
    for (let n: Node | undefined = node; n && n.label; n = n.parent) path.unshift(n);
    return path;
  };
  const idOf = (node: Node) =>
    node.label!.style === "1.1" ? node.label!.label : planWide(node.label!.style) ? String(node.label!.number) : pathOf(node).map((n) => n.label!.parts?.at(-1) ?? n.label!.number).join(".");

  const emit = (node: Node, inheritedFields?: Fields, fold = true) => {
    const path = pathOf(node);
    const style = node.label!.style;
    const segments = node.segments.filter((s) => textOf(s) || hasFields(s.fields));
    // The numbered line is a heading when the requirement follows under it: "（二）推进…。" then the paragraph.
    const titled =
      segments.length > 1 &&
      !hasFields(segments[0]!.fields) &&
      segments.slice(1).some((s) => hasFields(s.fields)) &&
      segments.slice(1).some((s) => textOf(s)) &&
      HEADING_STYLES.has(style) &&
      looksLikeTitle(textOf(segments[0]!));
    const body = titled ? segments.slice(1) : segments;
    // Lines up to each statement of units or deadline make one requirement.
    const groups: Array<{ texts: string[]; fields?: Fields; line: number }> = [];
    let open: { texts: string[]; fields?: Fields; line: number } | undefined;
    for (const segment of body) {
      open ??= { texts: [], line: segment.line };
      open.texts.push(textOf(segment));
      if (hasFields(segment.fields)) {
        open.fields = segment.fields;
        groups.push(open);
        open = undefined;
      }
    }
    if (open && open.texts.some(Boolean)) {
      if (groups.length) groups.at(-1)!.texts.push(...open.texts);
      else groups.push(open);
    }
    // A heading that is itself the task (a paragraph under it, or nothing but its fields) still heads it.
    const heads = (n: Node | undefined) => n && (n !== node || titled || HEADING_STYLES.has(style));
    const section = heads(path[0]) ? path[0]!.heading : "";
    const category = heads(path[1]) ? path[1]!.heading : undefined;
    const id = idOf(node);
    groups.forEach((group, index) => {
      const fields = group.fields ?? inheritedFields ?? { units: {} };
      let text = group.texts.join("").trim();
      if (fold && index === groups.length - 1) {
        const below = descendantsText(node);
        if (below) text = `${text}${!text || /[。；;：:]$/.test(text) ? "" : "。"}${below}`;
      }
      if (!text) return;
      reading.tasks.push({
        id,
        no: style === "1.1" || (planWide(style) && ARABIC.has(style)) ? node.label!.label : id,
        section,
        ...(category ? { category } : {}),
        text,
        units: fields.units,
        ...(fields.deadline ? { deadlineText: fields.deadline } : {}),
        line: group.line,
        where: where(group.line),
      });
    });
  };

  const report = (node: Node) => {
    const text = node.segments.map(textOf).join("");
    reading.warnings.push({ line: node.line, code: "no-unit", message: `${where(node.line)}的编号条目“${printedLabel(node.label!)}”没有写明责任单位或时限，未作为任务导入：${text.slice(0, 30)}${text.length > 30 ? "…" : ""}` });
  };

  const visit = (node: Node, inherited?: Fields): void => {
    for (const child of node.children) {
      const below = child.children.some(anyCarries);
      if (!byFields) {
        if (child.children.length === 0) emit(child);
        else visit(child);
      } else if (carries(child)) {
        if (!below && child.children.length >= 2 && HEADING_STYLES.has(child.label!.style) && isShortHeading(child)) {
          // A heading that names the units of every item under it: the items are the tasks.
          const fields = child.segments.find((s) => hasFields(s.fields))!.fields;
          for (const item of child.children) emit(item, fields);
        } else {
          emit(child, undefined, !below);
          if (below) visit(child);
        }
      } else if (below) visit(child, inherited);
      else if (inherited) emit(child, inherited);
      else if (child.children.length === 0) report(child);
      else {
        // A heading over items that name no units either: each is reported on its own line.
        report(child);
        visit(child);
      }
    }
  };
  visit(root);
  return reading;
}

const HEADING_STYLES: ReadonlySet<NumberingStyle> = new Set(["第一条", "一、", "（一）", "1.1"]);

/** A heading line: a short phrase, or one sentence ending in 。 or ：. */
function looksLikeTitle(text: string): boolean {
  return text.length <= 40 || (/[。：:]$/.test(text) && !/[。；;]/.test(text.slice(0, -1)));
}

/** A short heading line ("（三）加强政策解读（牵头单位：X）") rather than a requirement of its own. */
function isShortHeading(node: Node): boolean {
  const text = node.segments.map(textOf).join("");
  return text.length <= 40;
}
