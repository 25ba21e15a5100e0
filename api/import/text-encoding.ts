// Text files as offices send them: UTF-8 (with or without a BOM), UTF-16 from Windows' Notepad, or GB18030/GBK
// from older Chinese Windows. Detected from the bytes, never assumed.

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** The encoding of the bytes: a BOM says so; else valid UTF-8 is UTF-8; else GB18030 (a superset of GBK and GB2312). */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/** The bytes as text, in the encoding they are in; a BOM is dropped. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(detectEncoding(bytes)).decode(bytes);
}
