// World maps: every state coloured by a value (agreement with a state) or by
// a category (its vote on a roll call). Shapes are Natural Earth's, from the
// world-atlas TopoJSON served by this server; the server says which shape is
// which state.
import {voteDomain, voteRange, sequential, fmt, votes} from "./palette.js";

export function drawMap(spec, {Plot, width, features}) {
  const byId = new Map(spec.rows.map((r) => [r.id, r]));
  const shapes = features.map((f) => ({f, r: byId.get(f.id)}));
  const categorical = spec.scale === "vote";
  const fill = (d) => {
    if (!d.r) return categorical ? "Not a member" : null;
    return categorical ? d.r.c : d.r.v;
  };
  const color = categorical
    ? {domain: voteDomain, range: voteRange, legend: true}
    : {scheme: sequential, domain: spec.yDomain || [0, 1], legend: true, label: spec.yLabel, unknown: "#ececec", tickFormat: spec.percent ? (v) => `${Math.round(v * 100)}%` : undefined};
  const title = (d) => {
    if (!d.r) return `${d.f.properties.name}\nno UN seat of its own`;
    if (categorical) return `${d.r.name}\n${d.r.c}`;
    if (d.r.v === null || d.r.v === undefined) return `${d.r.name}\nno roll call in common`;
    return `${d.r.name}\n${spec.yLabel}: ${fmt(d.r.v, spec)}\n${votes(d.r.n)}`;
  };
  const focus = spec.focus ? shapes.filter((d) => d.r && d.r.code === spec.focus) : [];
  return Plot.plot({
    width,
    height: Math.round(width * 0.5),
    projection: {type: "equal-earth"},
    color,
    marks: [
      Plot.sphere({stroke: "#bbb"}),
      Plot.geo(shapes, {geometry: (d) => d.f, fill, stroke: "white", strokeWidth: 0.4}),
      Plot.geo(focus, {geometry: (d) => d.f, fill: "none", stroke: "black", strokeWidth: 1.5}),
      Plot.tip(shapes, Plot.pointer(Plot.geoCentroid({geometry: (d) => d.f, title}))),
    ],
  });
}
