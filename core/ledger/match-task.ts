import type { Task } from "../plan/schema";

// Rows without a task number are matched to a task by their text. Clerks paste the requirement, shorten it, or
// write the 具体任务 heading instead, so the score is how much of the row's text (as character pairs) occurs in
// the task's text or heading: a shortened requirement scores near 1, an unrelated one near 0.

export interface TaskMatch {
  how: "text" | "none";
  /** Set only when the match is strong and unambiguous. */
  taskId?: string;
  /** The best score, 0–1. */
  score?: number;
  /** The closest tasks (ids) when the match is weak or ambiguous, best first. */
  candidates?: string[];
}

const STRONG = 0.75;
const WEAK = 0.4;
/** Two tasks closer than this to each other's score cannot be told apart. */
const MARGIN = 0.1;
/** Fewer character pairs than this say too little to match on. */
const MIN_PAIRS = 4;

function fold(text: string): string {
  return text.normalize("NFKC").replace(/[\s\p{P}\p{S}]+/gu, "");
}

function pairs(text: string): Set<string> {
  const folded = fold(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < folded.length; i++) out.add(folded.slice(i, i + 2));
  return out;
}

function containment(row: Set<string>, task: Set<string>): number {
  let shared = 0;
  for (const pair of row) if (task.has(pair)) shared++;
  return shared / row.size;
}

export interface TaskMatcher {
  (text: string): TaskMatch;
  /**
   * Whether `text` reads as more of task `taskId`: a task's text split over two rows, the second row without a
   * number. True when it matches that task strongly and no other task comes close (generic words stay unmatched).
   */
  continues(text: string, taskId: string): boolean;
}

/** Built once per plan: each task's character pairs, ready for many rows. */
export function taskMatcher(tasks: readonly Task[]): TaskMatcher {
  const indexed = tasks.map((task) => ({
    id: task.id,
    text: pairs(task.text),
    heading: task.category ? pairs(task.category) : undefined,
  }));
  const scores = (row: Set<string>) =>
    indexed
      .map((t) => ({ id: t.id, score: Math.max(containment(row, t.text), t.heading ? containment(row, t.heading) : 0) }))
      .sort((a, b) => b.score - a.score);
  const match = (text: string): TaskMatch => {
    const row = pairs(text);
    if (row.size < MIN_PAIRS) return { how: "none" };
    const scored = scores(row);
    const [best, second] = scored;
    if (!best || best.score < WEAK) return { how: "none", score: best?.score ?? 0 };
    const close = scored.filter((s) => s.score >= best.score - MARGIN).slice(0, 3);
    if (best.score >= STRONG && !(second && second.score >= best.score - MARGIN)) {
      return { how: "text", taskId: best.id, score: best.score };
    }
    return { how: "text", score: best.score, candidates: close.map((s) => s.id) };
  };
  return Object.assign(match, {
    continues(text: string, taskId: string): boolean {
      const row = pairs(text);
      if (row.size === 0) return false;
      const scored = scores(row);
      const mine = scored.find((s) => s.id === taskId)?.score ?? 0;
      return mine >= STRONG && scored.every((s) => s.id === taskId || s.score < mine - MARGIN);
    },
  });
}
