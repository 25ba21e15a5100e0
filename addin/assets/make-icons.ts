// Writes the add-in's icons (PNG, RGBA) at the sizes the manifest asks for: a ledger page with ruled rows and a
// check mark, drawn per pixel so no image tool is needed. Run: npx tsx addin/assets/make-icons.ts
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgba = [number, number, number, number];
const GREEN: Rgba = [0x10, 0x7c, 0x41, 255]; // Excel green
const PAPER: Rgba = [255, 255, 255, 255];
const RULE: Rgba = [0x9c, 0xc7, 0xae, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function pixel(x: number, y: number, size: number): Rgba {
  const u = (x + 0.5) / size, v = (y + 0.5) / size; // 0..1
  const r = 0.16; // rounded corner radius of the tile
  const cx = Math.min(Math.max(u, r), 1 - r), cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  const inPage = u > 0.2 && u < 0.8 && v > 0.14 && v < 0.86;
  if (!inPage) return GREEN;
  // The check mark: two strokes, from (0.32,0.55) to (0.45,0.68) to (0.7,0.36).
  const stroke = Math.max(0.045, 1.2 / size);
  const near = (ax: number, ay: number, bx: number, by: number) => {
    const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay))) < stroke;
  };
  if (near(0.32, 0.55, 0.45, 0.68) || near(0.45, 0.68, 0.7, 0.36)) return GREEN;
  const row = Math.abs(((v - 0.14) / 0.72) * 5 - Math.round(((v - 0.14) / 0.72) * 5));
  return row < Math.max(0.06, 0.6 / size * 5) && v > 0.2 && v < 0.8 ? RULE : PAPER;
}

export function png(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) writeFileSync(new URL(`./public/icons/icon-${size}.png`, import.meta.url), png(size));
