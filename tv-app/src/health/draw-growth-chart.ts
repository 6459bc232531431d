// Draws the growth chart with Canvas 2D into an image the stage shows: the percentile bands 3–97 (inner bands
// darker), the curves with their percentile at the right end (3, 50, 97), the axes with 48 px labels, and the
// child's measurements as yellow points joined by a line, on top. One image instead of hundreds of nodes: it
// costs one texture, draws the same with WebGL and Canvas, and the curves can be smooth paths.
import type { GrowthCurves } from '../api/bridge-client.ts';
import type { ChartFrame, ChildPoint } from './growth-chart-frame.ts';
import { pointsUpTo } from './growth-chart-frame.ts';

export interface ChartPalette {
  background: string;
  /** Fills of the bands from the outermost (3–97) inwards. */
  bands: readonly string[];
  line: string;
  median: string;
  grid: string;
  text: string;
  point: string;
  pointOutline: string;
}

export const CHART_FONT_PX = 48;
const margin = { left: 190, right: 110, top: 30, bottom: 80 };

export interface ChartImageOptions {
  curves: GrowthCurves;
  points: readonly ChildPoint[];
  frame: ChartFrame;
  palette: ChartPalette;
  width: number;
  height: number;
  /** The font family the stage's texts use (loaded by the renderer into document.fonts). */
  font: string;
  /** Written at the top left of the plot, where growth curves leave room. */
  legend: string;
}

/**
 * Draws the chart and answers its pixels, which the stage takes as a texture as they are (a PNG round trip
 * through an object URL cost an encode, a fetch and a decode per opening).
 */
export function drawGrowthChart(options: ChartImageOptions): ImageData {
  const { curves, points, frame, palette, width, height } = options;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  // Read back once: a software canvas, not one drawn on the GPU and copied back (the renderer's texts do the same).
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas context');
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (age: number) => margin.left + (age / frame.ageMax) * plotW;
  const y = (value: number) =>
    margin.top + plotH - ((value - frame.valueMin) / (frame.valueMax - frame.valueMin)) * plotH;

  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `${CHART_FONT_PX}px ${options.font}`;
  ctx.textBaseline = 'middle';

  // Grid and value labels.
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 2;
  ctx.fillStyle = palette.text;
  ctx.textAlign = 'right';
  for (const tick of frame.valueTicks) {
    ctx.beginPath();
    ctx.moveTo(margin.left, y(tick.at));
    ctx.lineTo(margin.left + plotW, y(tick.at));
    ctx.stroke();
    ctx.fillText(tick.label, margin.left - 16, y(tick.at));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of frame.ageTicks) {
    ctx.beginPath();
    ctx.moveTo(x(tick.at), margin.top);
    ctx.lineTo(x(tick.at), margin.top + plotH);
    ctx.stroke();
    const labelX = Math.min(Math.max(x(tick.at), margin.left + 30), width - 80);
    ctx.fillText(tick.label, labelX, margin.top + plotH + 16);
  }

  // Bands, outermost first: between percentile i and its mirror n-1-i.
  const shown = pointsUpTo(curves, frame.ageMax);
  const n = curves.percentiles.length;
  for (let i = 0; i < Math.floor(n / 2); i++) {
    ctx.fillStyle = palette.bands[Math.min(i, palette.bands.length - 1)] as string;
    ctx.beginPath();
    shown.forEach((p, k) => {
      const px = x(p.ageMonths);
      const py = y(p.values[n - 1 - i] as number);
      if (k === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    for (const p of [...shown].reverse()) ctx.lineTo(x(p.ageMonths), y(p.values[i] as number));
    ctx.closePath();
    ctx.fill();
  }

  // Curves, and the outer ones and the median named at the right end.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  curves.percentiles.forEach((percentile, i) => {
    const median = percentile === 50;
    ctx.strokeStyle = median ? palette.median : palette.line;
    ctx.lineWidth = median ? 5 : 2;
    ctx.beginPath();
    shown.forEach((p, k) => {
      if (k === 0) ctx.moveTo(x(p.ageMonths), y(p.values[i] as number));
      else ctx.lineTo(x(p.ageMonths), y(p.values[i] as number));
    });
    ctx.stroke();
    if (i === 0 || i === n - 1 || median) {
      const end = shown[shown.length - 1] as (typeof shown)[number];
      ctx.fillStyle = palette.text;
      ctx.fillText(String(percentile), margin.left + plotW + 12, y(end.values[i] as number));
    }
  });

  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = palette.text;
  ctx.fillText(options.legend, margin.left + 20, margin.top + 12, plotW - 40);

  // The child's measurements on top.
  const inside = points.filter((p) => p.ageMonths <= frame.ageMax);
  ctx.strokeStyle = palette.point;
  ctx.lineWidth = 5;
  ctx.beginPath();
  inside.forEach((p, k) => {
    if (k === 0) ctx.moveTo(x(p.ageMonths), y(p.value));
    else ctx.lineTo(x(p.ageMonths), y(p.value));
  });
  ctx.stroke();
  for (const p of inside) {
    ctx.beginPath();
    ctx.arc(x(p.ageMonths), y(p.value), 14, 0, Math.PI * 2);
    ctx.fillStyle = palette.point;
    ctx.fill();
    ctx.lineWidth = 4;
    ctx.strokeStyle = palette.pointOutline;
    ctx.stroke();
  }

  return ctx.getImageData(0, 0, width, height);
}

/** The chart's colours for the display setting (bands and lines stay apart in both). */
export function chartPalette(highContrast: boolean): ChartPalette {
  return highContrast
    ? {
        background: '#000000',
        bands: ['#3a3a3a', '#575757', '#747474'],
        line: '#ffffff',
        median: '#ffffff',
        grid: '#5a5a5a',
        text: '#ffffff',
        point: '#ffff00',
        pointOutline: '#000000',
      }
    : {
        background: '#0b1020',
        bands: ['#233a63', '#2f4f85', '#3d64a6'],
        line: '#c8d0e0',
        median: '#ffffff',
        grid: '#2a3450',
        text: '#ffffff',
        point: '#ffd400',
        pointOutline: '#000000',
      };
}
