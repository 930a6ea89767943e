// Ranked dots (closest and farthest partners) and the tally bar.
import {okabeIto, voteDomain, voteRange, fmt, votes} from "./palette.js";

export function drawDots(spec, {Plot, width}) {
  const rows = spec.rows;
  const groups = [];
  for (const r of rows) if (!groups.includes(r.g)) groups.push(r.g);
  const order = [...rows].sort((a, b) => b.y - a.y).map((r) => r.label);
  const short = (s) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return Plot.plot({
    width,
    height: 24 * rows.length + 60,
    marginLeft: 190,
    marginRight: 50,
    x: {label: spec.yLabel, domain: spec.yDomain || undefined, grid: true, axis: "top", tickFormat: spec.percent ? (v) => `${Math.round(v * 100)}%` : undefined},
    y: {label: null, domain: order, tickFormat: short},
    color: {domain: groups, range: okabeIto.slice(0, groups.length), legend: true},
    symbol: {domain: groups, range: ["circle", "diamond"]},
    marks: [
      Plot.ruleY(rows, {y: "label", x1: spec.yDomain ? spec.yDomain[0] : 0, x2: "y", stroke: "#ccc"}),
      Plot.dot(rows, {y: "label", x: "y", fill: "g", symbol: "g", r: 5}),
      Plot.text(rows, {y: "label", x: "y", text: (d) => fmt(d.y, spec), dx: 9, textAnchor: "start", fontSize: 10}),
      Plot.tip(rows, Plot.pointer({y: "label", x: "y", title: (d) => `${d.label} (${d.g})\n${spec.yLabel}: ${fmt(d.y, spec)}\n${votes(d.n)}`})),
    ],
  });
}

export function drawTally(spec, {Plot, width}) {
  const rows = spec.rows;
  const total = rows.reduce((a, r) => a + r.y, 0);
  return Plot.plot({
    width,
    height: 90,
    marginLeft: 10,
    marginRight: 10,
    x: {label: "States", domain: [0, total]},
    color: {domain: voteDomain, range: voteRange},
    marks: [
      Plot.barX(rows, Plot.stackX({x: "y", fill: "label", stroke: "white", inset: 0.5, order: voteDomain})),
      Plot.text(rows, Plot.stackX({x: "y", z: "label", text: (d) => (d.y > total / 6 ? `${d.label} ${d.y}` : d.y > total / 40 ? `${d.y}` : ""), order: voteDomain, fill: (d) => (d.label === "Yes" || d.label === "No" ? "white" : "black"), fontWeight: "bold"})),
      Plot.tip(rows, Plot.pointerX(Plot.stackX({x: "y", z: "label", order: voteDomain, title: (d) => `${d.label}: ${d.y} of ${total} states`}))),
    ],
  });
}
