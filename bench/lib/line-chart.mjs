import { writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

/**
 * Renders a line chart (one line per series, shared x axis) as SVG, then to PNG with resvg,
 * and writes it to `file`.
 */
export function writeLineChart(file, { title, xLabel, yLabel, series }) {
  const W = 900;
  const H = 520;
  const pad = { left: 80, right: 30, top: 50, bottom: 70 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = Math.max(...xs);
  const yMax = niceCeiling(Math.max(...ys));
  const px = (x) => pad.left + (x / xMax) * (W - pad.left - pad.right);
  const py = (y) => H - pad.bottom - (y / yMax) * (H - pad.top - pad.bottom);
  const ticks = Array.from({ length: 6 }, (_, i) => (yMax * i) / 5);
  const xTicks = Array.from({ length: 6 }, (_, i) => Math.round((xMax * i) / 5));
  const text = (x, y, s, extra = "") =>
    `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" ${extra.includes("font-size") ? "" : 'font-size="14"'} ${extra}>${s}</text>`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/>`,
    text(W / 2, 28, title, 'text-anchor="middle" font-size="18"'),
    ...ticks.map(
      (t) =>
        `<line x1="${pad.left}" x2="${W - pad.right}" y1="${py(t)}" y2="${py(t)}" stroke="#ddd"/>${text(pad.left - 8, py(t) + 5, t.toFixed(1), 'text-anchor="end"')}`,
    ),
    ...xTicks.map((t) => text(px(t), H - pad.bottom + 22, t, 'text-anchor="middle"')),
    `<line x1="${pad.left}" x2="${pad.left}" y1="${pad.top}" y2="${H - pad.bottom}" stroke="#333"/>`,
    `<line x1="${pad.left}" x2="${W - pad.right}" y1="${H - pad.bottom}" y2="${H - pad.bottom}" stroke="#333"/>`,
    text(W / 2, H - 20, xLabel, 'text-anchor="middle"'),
    text(22, H / 2, yLabel, `text-anchor="middle" transform="rotate(-90 22 ${H / 2})"`),
    ...series.map((s, i) => {
      const color = COLORS[i % COLORS.length];
      const path = s.points
        .map((p, j) => `${j ? "L" : "M"}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`)
        .join(" ");
      return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2.5"/>${text(pad.left + 16, pad.top + 18 + i * 22, `■ ${s.name}`, `fill="${color}"`)}`;
    }),
    "</svg>",
  ];
  const png = new Resvg(parts.join(""), { font: { loadSystemFonts: true } }).render().asPng();
  writeFileSync(file, png);
}

function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value || 1));
  return Math.ceil(value / magnitude) * magnitude;
}
