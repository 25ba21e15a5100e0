import { numberingOf } from "../numbering";

export interface NumberedItem {
  number: number;
  label: string;
  text: string;
}

/**
 * One cell can hold several numbered requirements ("9.… 10.… 11.… 12.…"). A number only starts a new item when
 * it is the next in sequence and stands at the start, after a line break or space, or after a sentence end, so
 * "12366" or "1+1+9" inside a sentence never splits it. One pass over the cell.
 */
export function splitNumberedItems(text: string): NumberedItem[] {
  const first = numberingOf(text);
  if (!first || (first.style !== "1." && first.style !== "1、" && first.style !== "1.1")) return [];
  const items: NumberedItem[] = [];
  let number = first.number;
  let label = first.label;
  let start = text.length - first.rest.length;
  const boundary = /(?:^|\s|(?<=[。；;]))(\d{1,5})\s*[.．、](?![\d.．])/g;
  boundary.lastIndex = start;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (first.style === "1.1" || Number(m[1]) !== number + 1) continue;
    items.push({ number, label, text: text.slice(start, m.index).trim() });
    number += 1;
    label = String(number);
    start = m.index + m[0].length;
  }
  items.push({ number, label, text: text.slice(start).trim() });
  return items;
}
