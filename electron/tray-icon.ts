import { crc32, deflateSync } from 'node:zlib';
import type { TrayState } from './tray-state.js';

/**
 * The tray icon, drawn in code: a shield whose colour is the state. Drawing it keeps binary assets
 * out of the repo and the asar, and a 16 px shield needs no image library (hand-written: a PNG of
 * one IDAT chunk is ~20 lines with node:zlib).
 */
export type IconKind = TrayState['kind'];

const COLORS: Record<IconKind, readonly [number, number, number]> = {
  protecting: [46, 157, 91],
  pending: [230, 155, 0],
  unprotected: [230, 155, 0],
  error: [217, 58, 58],
};

/** Shield outline in unit coordinates: straight sides, then curving in to the point. */
function insideShield(u: number, v: number): boolean {
  if (v < 0.06 || v > 0.96) return false;
  const half = v < 0.4 ? 0.42 : 0.42 * Math.cos(((v - 0.4) / 0.56) * (Math.PI / 2));
  return Math.abs(u - 0.5) <= half;
}

/** A white mark inside: a dot while items wait, a bar while a rule lets findings through, "!" on error, nothing while protecting. */
function insideMark(kind: IconKind, u: number, v: number): boolean {
  if (kind === 'unprotected') return Math.abs(u - 0.5) <= 0.2 && Math.abs(v - 0.42) <= 0.06;
  if (kind === 'pending') return (u - 0.5) ** 2 + (v - 0.42) ** 2 <= 0.15 ** 2;
  if (kind === 'error') return (Math.abs(u - 0.5) <= 0.07 && v >= 0.18 && v <= 0.52) || (u - 0.5) ** 2 + (v - 0.66) ** 2 <= 0.075 ** 2;
  return false;
}

const SUPERSAMPLE = 4;

/** RGBA pixels, anti-aliased by supersampling. */
export function iconPixels(kind: IconKind, size: number): Buffer {
  const [r, g, b] = COLORS[kind];
  const px = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let shield = 0;
      let mark = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const u = (x + (sx + 0.5) / SUPERSAMPLE) / size;
          const v = (y + (sy + 0.5) / SUPERSAMPLE) / size;
          if (!insideShield(u, v)) continue;
          shield++;
          if (insideMark(kind, u, v)) mark++;
        }
      }
      const i = (y * size + x) * 4;
      const white = shield === 0 ? 0 : mark / shield;
      px[i] = Math.round(r + (255 - r) * white);
      px[i + 1] = Math.round(g + (255 - g) * white);
      px[i + 2] = Math.round(b + (255 - b) * white);
      px[i + 3] = Math.round((255 * shield) / n);
    }
  }
  return px;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG (8 bits per channel, no filtering). */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** PNGs at 1x and 2x (16 and 32 px), for `nativeImage` representations. */
export function trayIconPngs(kind: IconKind): { scaleFactor: number; png: Buffer }[] {
  return [1, 2].map((scaleFactor) => {
    const size = 16 * scaleFactor;
    return { scaleFactor, png: encodePng(iconPixels(kind, size), size, size) };
  });
}
