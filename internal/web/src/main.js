// The charts and maps of blocwatch's pages. Every chart is a <figure
// class="chart"> whose specification (kind, labels and data rows) the server
// writes into a <script type="application/json"> block; this file draws it
// with Observable Plot, adds hover tips and the SVG and PNG downloads. The
// same data are in the table beside each chart and behind its CSV link.
import * as Plot from "@observablehq/plot";
import {feature} from "topojson-client";
import {drawLines, drawFacets} from "./lines.js";
import {drawMap} from "./map.js";
import {drawHeatmap} from "./heatmap.js";
import {drawDots, drawTally} from "./bars.js";
import {enableDownloads} from "./download.js";

const kinds = {
  lines: drawLines,
  facets: drawFacets,
  map: drawMap,
  heatmap: drawHeatmap,
  dots: drawDots,
  tally: drawTally,
};

let worldPromise;

// world loads the country shapes once, from this server.
function world() {
  if (!worldPromise) {
    const url = document.body.dataset.world;
    worldPromise = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.json();
      })
      .then((topo) => feature(topo, topo.objects.countries).features);
  }
  return worldPromise;
}

async function draw(fig) {
  const target = fig.querySelector(".plot");
  const specEl = fig.querySelector("script[type='application/json']");
  if (!target || !specEl) return;
  const spec = JSON.parse(specEl.textContent);
  const fn = kinds[spec.kind];
  if (!fn) {
    target.textContent = `Unknown chart kind ${spec.kind}.`;
    return;
  }
  if (!spec.rows || spec.rows.length === 0) {
    target.textContent = spec.empty || "No data for this selection.";
    target.classList.add("empty");
    return;
  }
  const width = Math.max(320, Math.min(target.clientWidth || 640, spec.maxWidth || 1100));
  const ctx = {Plot, width};
  if (spec.kind === "map") ctx.features = await world();
  target.replaceChildren(fn(spec, ctx));
  target.dataset.drawn = "true";
  enableDownloads(fig, spec.name || "chart");
}

function autosubmit() {
  for (const el of document.querySelectorAll("form[data-autosubmit] select")) {
    el.addEventListener("change", () => el.form.requestSubmit());
  }
}

async function main() {
  autosubmit();
  const figs = [...document.querySelectorAll("figure.chart")];
  await Promise.all(
    figs.map((f) =>
      draw(f).catch((err) => {
        const t = f.querySelector(".plot");
        if (t) t.textContent = `The chart could not be drawn: ${err.message}`;
        console.warn(err);
      })
    )
  );
  document.body.dataset.charts = "ready";
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", main);
} else {
  main();
}
