import { ITEM_NUMBER } from "../text";

export interface NumberedItem {
  number: number;
  text: string;
}

/**
 * One cell can hold several numbered requirements ("9.… 10.… 11.… 12.…"). A number only starts a new item when
 * it is the next in sequence and stands at the start or after a space or sentence end, so "12366" or "1+1+9"
 * inside a sentence never splits it.
 */
export function splitNumberedItems(text: string): NumberedItem[] {
  const first = ITEM_NUMBER.exec(text);
  if (!first) return [];
  const items: NumberedItem[] = [];
  let number = Number(first[1]);
  let start = first[0].length;
  const boundary = /(?:^|\s|(?<=[。；;]))(\d{1,3})\s*[.．、](?!\d)/g;
  boundary.lastIndex = start;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    if (Number(m[1]) !== number + 1) continue;
    items.push({ number, text: text.slice(start, m.index).trim() });
    number += 1;
    start = m.index + m[0].length;
  }
  items.push({ number, text: text.slice(start).trim() });
  return items;
}
