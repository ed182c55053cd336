import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { encodePng, iconPixels, trayIconPngs, type IconKind } from '../../electron/tray-icon.js';

/** Reads back the PNG we wrote (one IDAT, filter 0 rows) to check what an image viewer would see. */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.deepEqual([...data.subarray(8)], [8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  const rows = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(rows[y * (width * 4 + 1)], 0);
    rows.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const pixel = (rgba: Buffer, width: number, x: number, y: number) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];

test('each state has its own colour; corners are transparent', () => {
  const body: Record<IconKind, number[]> = { protecting: [], pending: [], unprotected: [], error: [] };
  for (const kind of Object.keys(body) as IconKind[]) {
    const px = iconPixels(kind, 32);
    assert.equal(pixel(px, 32, 0, 0)[3], 0);
    assert.equal(pixel(px, 32, 31, 31)[3], 0);
    body[kind] = pixel(px, 32, 5, 8); // shield body, away from the mark
    assert.equal(body[kind][3], 255);
  }
  assert.ok(body.protecting[1] > body.protecting[0], 'protecting is green');
  assert.ok(body.pending[0] > 200 && body.pending[2] < 50, 'pending is amber');
  assert.ok(body.unprotected[0] > 200 && body.unprotected[2] < 50, 'a rule letting findings through is amber too');
  // …told apart from waiting items by its mark: a bar, not a dot (the dot reaches below it, the bar wider).
  const at = (kind: IconKind, x: number, y: number) => pixel(iconPixels(kind, 32), 32, x, y)[2]!;
  assert.ok(at('pending', 16, 16) > 200 && at('unprotected', 16, 16) < 100);
  assert.ok(at('unprotected', 10, 13) > 200 && at('pending', 10, 13) < 100);
  assert.ok(body.error[0] > 200 && body.error[1] < 100, 'error is red');
});

test('pending and error carry a white mark, protecting does not', () => {
  const centre = (kind: IconKind) => pixel(iconPixels(kind, 32), 32, 16, 13);
  assert.deepEqual(centre('pending'), [255, 255, 255, 255]);
  assert.deepEqual(centre('error'), [255, 255, 255, 255]);
  assert.notDeepEqual(centre('protecting').slice(0, 3), [255, 255, 255]);
});

test('the PNGs decode to the pixels, at 16 and 32 px for 1x and 2x', () => {
  const reps = trayIconPngs('pending');
  assert.deepEqual(reps.map((r) => r.scaleFactor), [1, 2]);
  for (const { scaleFactor, png } of reps) {
    const size = 16 * scaleFactor;
    const decoded = decode(png);
    assert.equal(decoded.width, size);
    assert.equal(decoded.height, size);
    assert.deepEqual(decoded.rgba, iconPixels('pending', size));
  }
  const odd = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(decode(encodePng(odd, 2, 1)).rgba, odd);
});
