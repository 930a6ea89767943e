// Lines over time: one line per series, each with its own colour, dash
// pattern and end label, an optional band (an interval), and a tip on hover
// with the exact figure and the number of roll calls behind it.
import {okabeIto, dashes, fmt, votes} from "./palette.js";

function seriesOf(rows) {
  const seen = [];
  for (const r of rows) if (!seen.includes(r.s)) seen.push(r.s);
  return seen;
}

function tipText(spec) {
  return (d) => {
    const lines = [`${d.s}`, `${spec.xLabel || "Year"} ${d.x}: ${fmt(d.y, spec)}`];
    if (d.lo !== undefined && d.lo !== null) lines.push(`interval ${fmt(d.lo, spec)} – ${fmt(d.hi, spec)}`);
    if (d.n !== undefined && d.n !== null) lines.push(spec.nLabel ? `${d.n} ${spec.nLabel}` : votes(d.n));
    if (d.partial) lines.push("partial year: the data cover it only in part");
    return lines.join("\n");
  };
}

// styleOf returns the colour and dash pattern of series i.
function styleOf(spec, s, i) {
  const color = spec.colors && spec.colors[s] ? spec.colors[s] : okabeIto[i % okabeIto.length];
  const dash = spec.dashes && spec.dashes[s] !== undefined ? spec.dashes[s] : dashes[i % dashes.length];
  return {color, dash: dash || null};
}

// withGaps returns the rows of one series by x, with a gap (y NaN) where
// years are missing, so that the line breaks instead of bridging them.
function withGaps(rows) {
  const sorted = [...rows].sort((a, b) => a.x - b.x);
  const out = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.x - prev.x > 1) out.push({...prev, x: prev.x + 1, y: NaN, lo: NaN, hi: NaN});
    out.push(r);
  }
  return out;
}

function lineMarks(Plot, spec, rows, series) {
  const marks = [];
  series.forEach((s, i) => {
    const data = withGaps(rows.filter((r) => r.s === s));
    const {color, dash} = styleOf(spec, s, i);
    if (data.some((d) => d.lo !== undefined && d.lo !== null)) {
      marks.push(Plot.areaY(data, {x: "x", y1: "lo", y2: "hi", fill: color, fillOpacity: 0.15, curve: "linear"}));
    }
    marks.push(Plot.lineY(data, {x: "x", y: "y", stroke: color, strokeWidth: 2, strokeDasharray: dash ?? undefined, curve: "linear"}));
    // A year the data cover only in part: a hollow point, never a full one.
    const partial = data.filter((d) => d.partial);
    if (partial.length) {
      marks.push(Plot.dot(partial, {x: "x", y: "y", r: 4.5, stroke: color, strokeWidth: 2, fill: "white"}));
    }
  });
  return marks;
}

// legend draws an SVG key of the series: a sample of each line, with its
// colour and dash pattern, and its name. It is an SVG so that the downloads
// carry it.
function legend(spec, series, width) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "line-legend");
  svg.setAttribute("font-family", "system-ui, sans-serif");
  svg.setAttribute("font-size", "12");
  let x = 0;
  let y = 14;
  series.forEach((s, i) => {
    const {color, dash} = styleOf(spec, s, i);
    const w = 40 + 7 * s.length + 18;
    if (x > 0 && x + w > width) {
      x = 0;
      y += 20;
    }
    const line = document.createElementNS(NS, "line");
    line.setAttribute("x1", x);
    line.setAttribute("x2", x + 32);
    line.setAttribute("y1", y - 4);
    line.setAttribute("y2", y - 4);
    line.setAttribute("stroke", color);
    line.setAttribute("stroke-width", 2.5);
    if (dash) line.setAttribute("stroke-dasharray", dash);
    const text = document.createElementNS(NS, "text");
    text.setAttribute("x", x + 38);
    text.setAttribute("y", y);
    text.textContent = s;
    svg.append(line, text);
    x += w;
  });
  svg.setAttribute("width", width);
  svg.setAttribute("height", y + 8);
  return svg;
}

export function drawLines(spec, {Plot, width}) {
  const rows = spec.rows;
  const series = seriesOf(rows);
  const div = document.createElement("div");
  div.append(legend(spec, series, width), linePlot(spec, Plot, width, rows, series));
  return div;
}

function linePlot(spec, Plot, width, rows, series) {
  return Plot.plot({
    width,
    height: spec.height || 340,
    marginRight: 20,
    marginLeft: 50,
    x: {label: spec.xLabel || "Year", tickFormat: "d"},
    y: {label: spec.yLabel, domain: spec.yDomain || undefined, grid: true, percent: false, tickFormat: spec.percent ? (v) => `${Math.round(v * 100)}%` : undefined},
    marks: [
      spec.rule !== undefined && spec.rule !== null ? Plot.ruleY([spec.rule], {stroke: "#888"}) : null,
      ...lineMarks(Plot, spec, rows, series),
      Plot.dot(rows, Plot.pointer({x: "x", y: "y", r: 4, fill: "black"})),
      Plot.tip(rows, Plot.pointer({x: "x", y: "y", title: tipText(spec)})),
    ],
  });
}

// drawFacets draws small multiples, one per facet (an issue), each with the
// same reference series in grey.
export function drawFacets(spec, {Plot, width}) {
  const rows = spec.rows;
  const facets = [];
  for (const r of rows) if (!facets.includes(r.f)) facets.push(r.f);
  const cols = Math.min(3, facets.length);
  const fxOf = new Map(facets.map((f, i) => [f, i % cols]));
  const fyOf = new Map(facets.map((f, i) => [f, Math.floor(i / cols)]));
  const data = rows.map((r) => ({...r, fx: fxOf.get(r.f), fy: fyOf.get(r.f)}));
  const series = seriesOf(rows);
  const marks = [];
  series.forEach((s, i) => {
    const color = i === 0 ? "#999999" : okabeIto[0];
    const sdata = facets.flatMap((f) => withGaps(data.filter((d) => d.s === s && d.f === f)));
    marks.push(Plot.lineY(sdata, {x: "x", y: "y", fx: "fx", fy: "fy", z: "f", stroke: color, strokeWidth: i === 0 ? 1.5 : 1.8, strokeDasharray: i === 0 ? "4,3" : undefined, clip: true}));
  });
  const titles = facets.map((f) => ({f, fx: fxOf.get(f), fy: fyOf.get(f)}));
  return Plot.plot({
    width,
    height: 200 * Math.ceil(facets.length / cols) + 40,
    marginLeft: 50,
    marginTop: 30,
    fx: {axis: null, padding: 0.08},
    fy: {axis: null, padding: 0.18},
    x: {label: spec.xLabel || "Year", tickFormat: "d", ticks: 5},
    y: {label: null, domain: spec.yDomain || undefined, grid: true, tickFormat: spec.percent ? (v) => `${Math.round(v * 100)}%` : undefined},
    marks: [
      Plot.frame({stroke: "#ddd"}),
      Plot.text(titles, {fx: "fx", fy: "fy", text: "f", frameAnchor: "top-left", dx: 4, dy: -16, fontWeight: "bold", fontSize: 12}),
      ...marks,
      Plot.tip(data, Plot.pointer({x: "x", y: "y", fx: "fx", fy: "fy", title: (d) => `${d.f} — ${d.s}\n${spec.xLabel || "Year"} ${d.x}: ${fmt(d.y, spec)}\n${votes(d.n)}`})),
    ],
  });
}
