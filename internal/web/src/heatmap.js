// The agreement matrix of a year as a heat map, states in the order the
// server gives (by ideal point, else by the first axis of the agreement
// matrix).
import {sequential, fmt, votes} from "./palette.js";

export function drawHeatmap(spec, {Plot, width}) {
  const order = spec.order;
  const n = order.length;
  const size = Math.max(320, Math.min(width, 1000));
  const step = Math.max(1, Math.ceil(n / 70));
  const ticks = order.filter((_, i) => i % step === 0);
  const names = new Map(spec.names ? Object.entries(spec.names) : []);
  return Plot.plot({
    width: size,
    height: size,
    marginLeft: 40,
    marginBottom: 40,
    marginTop: 10,
    padding: 0,
    x: {domain: order, ticks, tickRotate: -90, label: null, tickSize: 2},
    y: {domain: order, ticks, label: null, tickSize: 2},
    color: {scheme: sequential, domain: spec.yDomain || [0, 1], legend: true, label: spec.yLabel, tickFormat: spec.percent ? (v) => `${Math.round(v * 100)}%` : undefined},
    style: {fontSize: "8px"},
    marks: [
      Plot.cell(spec.rows, {x: "a", y: "b", fill: "v", inset: 0}),
      Plot.tip(spec.rows, Plot.pointer({x: "a", y: "b", title: (d) => `${names.get(d.a) || d.a} – ${names.get(d.b) || d.b}\n${spec.yLabel}: ${fmt(d.v, spec)}\n${votes(d.n)}`})),
    ],
  });
}
