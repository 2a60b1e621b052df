// Trends under the map: events per week (or month, for spans over half a year) stacked by type, and
// fatalities as a line, for the events the filters keep. Dragging across the chart sets the time window;
// a click without a drag clears it.
"use strict";

const DAY = 86400000;
const toDay = (s) => Date.parse(s + "T00:00:00Z");
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

function binStart(t, monthly) {
  const d = new Date(t);
  if (monthly) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return t - ((d.getUTCDay() + 6) % 7) * DAY;   // weeks start on Monday
}

function nextBin(t, monthly) {
  if (!monthly) return t + 7 * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function drawTrends(box, events, opts) {
  // opts: {span: [fromDay, toDay], window: [from, to] | null, colors, onBrush(from, to)}
  const w = Math.max(200, box.clientWidth), h = box.clientHeight || 120, pad = {l: 34, r: 34, t: 8, b: 18};
  const [lo, hi] = opts.span.map(toDay);
  const monthly = hi - lo > 183 * DAY;
  const bins = [];
  for (let t = binStart(lo, monthly); t <= hi; t = nextBin(t, monthly)) bins.push({t, end: nextBin(t, monthly), n: {}, total: 0, deaths: 0});
  const index = (t) => { let a = 0, b = bins.length - 1; while (a < b) { const m = (a + b + 1) >> 1; if (bins[m].t <= t) a = m; else b = m - 1; } return a; };
  let earlier = 0;
  for (const ev of events) {
    const t = toDay(ev.event_date);
    if (t < bins[0].t) { earlier++; continue; }
    if (t > hi) continue;
    const bin = bins[index(t)];
    bin.n[ev.event_type] = (bin.n[ev.event_type] || 0) + 1;
    bin.total++;
    bin.deaths += ev.fatalities || 0;
  }
  const maxN = Math.max(1, ...bins.map((b) => b.total)), maxD = Math.max(1, ...bins.map((b) => b.deaths));
  const x0 = bins[0].t, x1 = bins[bins.length - 1].end;
  const X = (t) => pad.l + (t - x0) / (x1 - x0) * (w - pad.l - pad.r);
  const T = (x) => x0 + (x - pad.l) / (w - pad.l - pad.r) * (x1 - x0);
  const Y = (v, max) => h - pad.b - v / max * (h - pad.t - pad.b);
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", w); svg.setAttribute("height", h);
  const add = (tag, attrs, parent = svg) => { const e = document.createElementNS(ns, tag); for (const k in attrs) e.setAttribute(k, attrs[k]); parent.appendChild(e); return e; };
  const bars = add("g", {class: "bars"});
  for (const b of bins) {
    let y = h - pad.b;
    for (const [type, color] of Object.entries(opts.colors)) {
      const n = b.n[type];
      if (!n) continue;
      const top = Y(n, maxN) - (h - pad.b - y);
      add("rect", {x: X(b.t) + 0.5, y: top, width: Math.max(1, X(b.end) - X(b.t) - 1), height: y - top, fill: color,
                   "data-bin": isoDay(b.t)}, bars).appendChild(document.createElementNS(ns, "title")).textContent =
        `${isoDay(b.t)}: ${n} ${type}`;
      y = top;
    }
  }
  const line = bins.map((b, i) => `${i ? "L" : "M"}${(X(b.t) + X(b.end)) / 2},${Y(b.deaths, maxD)}`).join("");
  add("path", {d: line, class: "deaths"});
  const text = (x, y, s, anchor = "start") => { add("text", {x, y, class: "axis", "text-anchor": anchor}).textContent = s; };
  text(2, pad.t + 8, String(maxN)); text(2, h - pad.b, "0");
  text(w - 2, pad.t + 8, `${maxD} †`, "end");
  const ticks = Math.min(8, bins.length);
  for (let i = 0; i < ticks; i++) {
    const b = bins[Math.round(i * (bins.length - 1) / Math.max(1, ticks - 1))];
    text(X(b.t), h - 4, isoDay(b.t).slice(0, monthly ? 7 : 10), i === 0 ? "start" : i === ticks - 1 ? "end" : "middle");
  }
  text(pad.l + 4, pad.t + 8, `events per ${monthly ? "month" : "week"} by type; line: fatalities` +
       (earlier ? ` (${earlier} earlier events not drawn)` : ""));
  const brush = add("rect", {class: "brush", y: pad.t, height: h - pad.t - pad.b, x: 0, width: 0, visibility: "hidden"});
  const show = (a, b) => { brush.setAttribute("x", Math.min(a, b)); brush.setAttribute("width", Math.abs(b - a)); brush.setAttribute("visibility", "visible"); };
  if (opts.window) show(X(toDay(opts.window[0])), X(toDay(opts.window[1]) + DAY));
  let start = null;
  const px = (e) => Math.max(pad.l, Math.min(w - pad.r, e.clientX - svg.getBoundingClientRect().left));
  svg.addEventListener("mousedown", (e) => { start = px(e); show(start, start); e.preventDefault(); });
  svg.addEventListener("mousemove", (e) => { if (start != null) show(start, px(e)); });
  const finish = (e) => {
    if (start == null) return;
    const a = Math.min(start, px(e)), b = Math.max(start, px(e));
    start = null;
    if (b - a < 3) opts.onBrush(null, null);
    else opts.onBrush(isoDay(T(a)), isoDay(T(b) - 1));
  };
  svg.addEventListener("mouseup", finish);
  svg.addEventListener("mouseleave", (e) => { if (start != null) finish(e); });
  box.replaceChildren(svg);
}
