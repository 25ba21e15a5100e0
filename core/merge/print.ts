// Where a consolidated sheet's parts sit and how it prints, for both writers: the title on row 1, the 截至 line on
// row 2, the header on row 3 (frozen, filtered and repeated on every printed page), the rows from row 4. Every
// sheet prints landscape on A4, as wide as one page and as many pages tall as it needs: a report the office can
// hand over, not 21 portrait pages of three columns each. A sheet too wide for one page at a readable size
// (任务进度 of a plan with forty units) prints at a fixed scale across pages instead, its first columns repeated.

export const TITLE_ROW = 1;
export const AS_OF_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

export interface PrintSetup {
  orientation: "landscape";
  paper: "A4";
  /** The rows repeated at the top of every printed page, 1-based inclusive. */
  titleRows: { from: number; to: number };
  /** Centimetres; narrow so the columns get the width. */
  margins: { left: number; right: number; top: number; bottom: number };
  /** Footer: page n of m, centred. */
  pageNumbers: true;
}

export const PRINT_SETUP: PrintSetup = {
  orientation: "landscape",
  paper: "A4",
  titleRows: { from: HEADER_ROW, to: HEADER_ROW },
  margins: { left: 1, right: 1, top: 1.5, bottom: 1.5 },
  pageNumbers: true,
};

/**
 * Widest a sheet may be, in characters, and still print on one A4 landscape page's width at about three quarters
 * of its size (8-point type): 汇总台账 is laid out to fit.
 */
export const ONE_PAGE_WIDTH = 215;
/** The scale a wider sheet prints at, across as many pages as it needs. */
export const WIDE_SCALE = 75;

export type PageFit = { fitToWidth: 1; fitToHeight: 0 } | { scale: number };

/** How a sheet of these column widths fits the page: one page wide when that stays readable. */
export function pageFit(widths: readonly number[]): PageFit {
  const total = widths.reduce((sum, w) => sum + w, 0);
  return total <= ONE_PAGE_WIDTH ? { fitToWidth: 1, fitToHeight: 0 } : { scale: WIDE_SCALE };
}

/** The rows a sheet of `dataRows` rows spans, header included (what its filter covers), 1-based inclusive. */
export function tableRows(dataRows: number): { from: number; to: number } {
  return { from: HEADER_ROW, to: HEADER_ROW + Math.max(dataRows, 0) };
}
