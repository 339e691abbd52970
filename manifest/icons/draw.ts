import type { RgbaImage } from '../png';

/** A shape as an inside test in unit coordinates (0..1 across and down the icon). */
type Shape = (u: number, v: number) => boolean;
type Rgb = readonly [number, number, number];

/** The accent colour of the app (manifest `accentColor` and the colour icon's background). */
export const ACCENT = '#1F6F78';
const ACCENT_RGB: Rgb = [0x1f, 0x6f, 0x78];
const WHITE: Rgb = [255, 255, 255];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A shield: flat top with a shallow dip, straight sides, then tapering to a point. */
function shield(box: Box): Shape {
  const cx = (box.left + box.right) / 2;
  const half = (box.right - box.left) / 2;
  const height = box.bottom - box.top;
  const shoulder = box.top + height * 0.42;
  return (u, v) => {
    const dx = Math.abs(u - cx);
    if (dx > half) return false;
    const top = box.top + height * 0.06 * (1 - (dx / half) ** 2);
    if (v < top || v > box.bottom) return false;
    if (v <= shoulder) return true;
    const t = (v - shoulder) / (box.bottom - shoulder);
    return dx <= half * Math.cos((t * Math.PI) / 2) ** 0.75;
  };
}

function segmentDistance(u: number, v: number, a: readonly [number, number], b: readonly [number, number]) {
  const [ax, ay] = a;
  const [bx, by] = b;
  const t = Math.max(
    0,
    Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay)));
}

/** A tick mark through three points, `width` thick, with round joins and ends. */
function tick(points: ReadonlyArray<readonly [number, number]>, width: number): Shape {
  return (u, v) => points.slice(1).some((p, i) => segmentDistance(u, v, points[i]!, p) <= width / 2);
}

/** Fraction of the pixel covered by the shape, by 8x8 supersampling (anti-aliased edges). */
function coverage(shape: Shape, x: number, y: number, size: number): number {
  const n = 8;
  let inside = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (shape((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size)) inside++;
  return inside / (n * n);
}

function paint(
  size: number,
  layers: ReadonlyArray<{ shape: Shape; colour: Rgb }>,
  background?: Rgb,
): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let [r, g, b] = background ?? WHITE;
      let a = background ? 1 : 0;
      for (const layer of layers) {
        const c = coverage(layer.shape, x, y, size);
        if (c === 0) continue;
        const outA = c + a * (1 - c);
        [r, g, b] = [0, 1, 2].map((k) => (layer.colour[k]! * c + [r, g, b][k]! * a * (1 - c)) / outA) as [
          number,
          number,
          number,
        ];
        a = outA;
      }
      data.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (y * size + x) * 4);
    }
  return { width: size, height: size, data };
}

const TICK_POINTS = [
  [0.385, 0.5],
  [0.47, 0.585],
  [0.625, 0.415],
] as const;

/** The colour icon: a white shield with a tick on the accent colour, edge to edge (Teams rounds it). */
export function colourIcon(size = 192): RgbaImage {
  return paint(
    size,
    [
      { shape: shield({ left: 0.26, right: 0.74, top: 0.19, bottom: 0.83 }), colour: WHITE },
      { shape: tick(TICK_POINTS, 0.075), colour: ACCENT_RGB },
    ],
    ACCENT_RGB,
  );
}

/** The outline icon: the same shield drawn as a white line with a white tick, on transparent. */
export function outlineIcon(size = 32): RgbaImage {
  const stroke = 2.2 / size;
  const outer = shield({ left: 0.16, right: 0.84, top: 0.08, bottom: 0.94 });
  const inner = shield({
    left: 0.16 + stroke,
    right: 0.84 - stroke,
    top: 0.08 + stroke,
    bottom: 0.94 - stroke * 1.8,
  });
  const ring: Shape = (u, v) => outer(u, v) && !inner(u, v);
  const mark = tick(
    [
      [0.34, 0.5],
      [0.46, 0.62],
      [0.67, 0.38],
    ],
    stroke,
  );
  return paint(size, [
    { shape: ring, colour: WHITE },
    { shape: mark, colour: WHITE },
  ]);
}
