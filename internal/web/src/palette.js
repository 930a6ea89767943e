// Colours and line styles that stay apart for readers with a colour vision
// deficiency: the Okabe–Ito palette (Okabe & Ito 2008), with a dash pattern
// and a label per line so that no chart relies on colour alone.

export const okabeIto = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];

export const dashes = [null, "6,3", "2,2", "8,3,2,3", "1,3", "12,4", "4,2,1,2", "3,6"];

// Votes: yes blue, no vermillion, abstain yellow, non-voting grey; the
// letters Y, N, A, X go with them in every table and tip.
export const voteDomain = ["Yes", "No", "Abstain", "Not voting", "Not a member"];
export const voteRange = ["#0072B2", "#D55E00", "#F0E442", "#8c8c8c", "#ececec"];

// Sequential scheme for agreement: cividis (Nuñez, Anderton & Renslow 2018),
// designed to read alike with and without a colour vision deficiency.
export const sequential = "cividis";

export function fmt(v, spec) {
  if (v === null || v === undefined || Number.isNaN(v)) return "NA";
  if (spec && spec.percent) return `${(v * 100).toFixed(1)}%`;
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3);
}

export function votes(n) {
  return n === 1 ? "1 roll call" : `${n} roll calls`;
}
