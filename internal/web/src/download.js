// SVG and PNG downloads of a drawn chart. The SVG is the chart itself with
// its colour legend above it; the PNG is that SVG drawn at twice the size.

function chartSVG(fig) {
  const root = fig.querySelector(".plot");
  const top = [...root.querySelectorAll("svg")].filter((s) => !s.parentElement.closest("svg") && !s.closest("[class*='-swatches']"));
  if (top.length === 0) return null;
  const NS = "http://www.w3.org/2000/svg";
  const out = document.createElementNS(NS, "svg");
  out.setAttribute("xmlns", NS);
  let y = 0;
  let width = 0;
  const parts = [];
  // A legend of swatches is HTML: write it as text lines.
  const swatches = root.querySelector("div[class*='-swatches']");
  if (swatches) {
    const labels = [...swatches.querySelectorAll("span[class*='-swatch']")];
    let x = 0;
    for (const l of labels) {
      const sw = l.querySelector("svg");
      const fill = sw ? sw.getAttribute("fill") : null;
      const rect = document.createElementNS(NS, "rect");
      rect.setAttribute("x", x);
      rect.setAttribute("y", 2);
      rect.setAttribute("width", 12);
      rect.setAttribute("height", 12);
      rect.setAttribute("fill", fill || "#ccc");
      rect.setAttribute("stroke", "#666");
      const text = document.createElementNS(NS, "text");
      text.setAttribute("x", x + 16);
      text.setAttribute("y", 12);
      text.setAttribute("font-family", "system-ui, sans-serif");
      text.setAttribute("font-size", "11");
      text.textContent = l.textContent.trim();
      parts.push(rect, text);
      x += 24 + 7 * l.textContent.trim().length;
    }
    y = 20;
    width = x;
  }
  for (const s of top) {
    const c = s.cloneNode(true);
    const w = +s.getAttribute("width") || s.getBoundingClientRect().width;
    const h = +s.getAttribute("height") || s.getBoundingClientRect().height;
    c.setAttribute("x", 0);
    c.setAttribute("y", y);
    c.setAttribute("width", w);
    c.setAttribute("height", h);
    parts.push(c);
    y += h + 4;
    width = Math.max(width, w);
  }
  out.setAttribute("width", width);
  out.setAttribute("height", y);
  out.setAttribute("viewBox", `0 0 ${width} ${y}`);
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "white");
  out.append(bg, ...parts);
  return {svg: out, width, height: y};
}

function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function svgBlob(svg) {
  const text = new XMLSerializer().serializeToString(svg);
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n`, text], {type: "image/svg+xml"});
}

async function pngBlob(svg, width, height) {
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext("2d");
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise((ok) => canvas.toBlob(ok, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function enableDownloads(fig, name) {
  for (const b of fig.querySelectorAll("button[data-download]")) {
    b.disabled = false;
    b.addEventListener("click", async () => {
      const c = chartSVG(fig);
      if (!c) return;
      if (b.dataset.download === "svg") save(svgBlob(c.svg), `${name}.svg`);
      else save(await pngBlob(c.svg, c.width, c.height), `${name}.png`);
    });
  }
}
