// frontlines web map: every event loaded once and filtered in the page (type, country, actor, time window),
// clustered on the map, counted in the trends chart, listed in the table; the evidence panel; areas of
// control at the window's end. Report text is only ever set with textContent (always escaped).
"use strict";
const COLORS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4"};
const state = {events: [], filtered: [], markers: new Map(), span: null, window: null, fit: true, control: null,
  playing: null};
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };

async function api(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

const map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 14}).setView([20, 20], 2);
const clusters = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45, showCoverageOnHover: false,
  iconCreateFunction: (c) => {
    const counts = {};
    for (const m of c.getAllChildMarkers()) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    const n = c.getChildCount(), size = 22 + Math.min(22, Math.log2(n) * 4);
    const div = el("div", String(n), "cluster");
    Object.assign(div.style, {width: `${size}px`, height: `${size}px`, background: COLORS[top] || "#777"});
    div.title = Object.entries(counts).map(([t, k]) => `${k} ${t}`).join("\n");
    return L.divIcon({html: div, className: "cluster-icon", iconSize: [size, size]});
  }}).addTo(map);

async function loadEvents() {
  const all = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await api(`/api/events?limit=5000&offset=${offset}`);
    all.push(...page.items);
    if (all.length >= page.total || !page.items.length) break;
  }
  return all;
}

function fittedSpan(events) {
  // the timeline covers the bulk of the events: a few far older background events do not squash it
  const days = events.map((e) => e.event_date).filter(Boolean).sort();
  if (!days.length) return null;
  const lo = days.length >= 20 ? days[Math.floor(days.length * 0.05)] : days[0];
  return [lo, days[days.length - 1]];
}

function addOptions(select, values) {
  for (const v of values) select.appendChild(el("option", v)).value = v;
}

async function setup() {
  const [f, events] = await Promise.all([api("/api/facets"), loadEvents()]);
  addOptions($("f-type"), [...f.event_types, ...f.sub_event_types.filter((s) => !f.event_types.includes(s))]);
  addOptions($("f-country"), f.countries);
  for (const a of f.actors) $("actors").appendChild(el("option")).value = a;
  state.events = events;
  state.span = fittedSpan(events);
  if (state.span) {
    const n = Math.round((toDay(state.span[1]) - toDay(state.span[0])) / DAY);
    $("f-date").max = String(n);
    $("f-date").value = String(n);
  }
  for (const ev of events) {
    if (ev.latitude == null) continue;
    const m = L.circleMarker([ev.latitude, ev.longitude], {
      radius: 5 + Math.min(10, Math.log2(1 + (ev.fatalities || 0)) * 2), color: "#333", weight: 1,
      fillColor: COLORS[ev.event_type] || "#777", fillOpacity: 0.85, className: "event-marker", eventType: ev.event_type});
    m.bindTooltip(el("span", `${ev.event_date} ${ev.sub_event_type} — ${ev.location || ""}`));  // a node: never parsed as HTML
    m.on("click", () => showEvent(ev.event_id));
    m.on("add", () => m.getElement() && m.getElement().setAttribute("data-event-id", ev.event_id));
    state.markers.set(ev.event_id, m);
  }
  const legend = L.control({position: "bottomleft"});
  legend.onAdd = () => {
    const div = el("div", null, "legend");
    for (const [t, c] of Object.entries(COLORS)) {
      const row = el("div"); const dot = el("i"); dot.style.background = c; row.append(dot, t); div.append(row);
    }
    return div;
  };
  legend.addTo(map);
  setupTable((ev) => showEvent(ev.event_id));
}

function sliderDate() {
  if (!state.span) return null;
  return isoDay(toDay(state.span[0]) + Number($("f-date").value) * DAY);
}

function setWindowFromSlider() {
  const to = sliderDate(), len = Number($("f-window").value);
  state.window = to ? [len ? isoDay(toDay(to) - (len - 1) * DAY) : "0000-01-01", to] : null;
}

function keep(ev, withTime) {
  const type = $("f-type").value, country = $("f-country").value, actor = $("f-actor").value.trim().toLowerCase();
  if (type && ev.event_type !== type && ev.sub_event_type !== type) return false;
  if (country && ev.country !== country) return false;
  if (actor && !`${ev.actor1 || ""}\n${ev.actor2 || ""}`.toLowerCase().includes(actor)) return false;
  if (withTime && state.window && (ev.event_date < state.window[0] || ev.event_date > state.window[1])) return false;
  return true;
}

function refresh() {
  const w = state.window;
  $("date-label").textContent = sliderDate() || "–";
  $("window-label").textContent = !w ? "all dates" : w[0] === "0000-01-01" ? `up to ${w[1]}` : `${w[0]} to ${w[1]}`;
  const untimed = state.events.filter((ev) => keep(ev, false));
  state.filtered = untimed.filter((ev) => keep(ev, true));
  const layers = state.filtered.map((ev) => state.markers.get(ev.event_id)).filter(Boolean);
  clusters.clearLayers();
  clusters.addLayers(layers);
  $("count").textContent = `${state.filtered.length} events` +
    (layers.length < state.filtered.length ? ` (${layers.length} on the map)` : "");
  if (state.fit && layers.length)   // the first view is set at once: the page is ready when it is drawn
    map.fitBounds(L.latLngBounds(layers.map((m) => m.getLatLng())).pad(0.3), {maxZoom: 6, animate: !!state.drawn});
  state.fit = false;
  state.drawn = true;
  if (state.span) drawTrends($("trends"), untimed, {span: state.span, window: w, colors: COLORS, onBrush: brushed});
  refreshTable();
  refreshControl().catch(console.error);
}

function refreshTable() {
  const b = map.getBounds();
  fillTable(state.filtered.filter((ev) => ev.latitude != null && b.contains([ev.latitude, ev.longitude])));
}

function brushed(from, to) {
  stop();
  if (!from) { reset(); return; }
  state.window = [from, to];
  const days = Math.round((toDay(to) - toDay(from)) / DAY) + 1;
  let opt = [...$("f-window").options].find((o) => o.value === String(days));
  if (!opt) { opt = el("option", `${days} days`); opt.value = String(days); opt.dataset.custom = "1"; $("f-window").append(opt); }
  $("f-window").value = opt.value;
  $("f-date").value = String(Math.round((toDay(to) - toDay(state.span[0])) / DAY));
  refresh();
}

function reset() {
  stop();
  state.window = null;
  $("f-window").value = "0";
  if (state.span) $("f-date").value = $("f-date").max;
  refresh();
}

function stop() {
  if (state.playing) { clearInterval(state.playing); state.playing = null; }
  $("play").textContent = "▶ play";
}

function play() {
  if (state.playing) { stop(); return; }
  if (!state.span) return;
  if (Number($("f-window").value) === 0) $("f-window").value = "30";
  const step = Math.max(1, Math.round((toDay(state.span[1]) - toDay(state.span[0])) / DAY / 60));
  if (Number($("f-date").value) >= Number($("f-date").max)) $("f-date").value = String(Number($("f-window").value));
  $("play").textContent = "❚❚ pause";
  const tick = () => {
    const next = Math.min(Number($("f-date").max), Number($("f-date").value) + step);
    $("f-date").value = String(next);
    setWindowFromSlider();
    refresh();
    if (next >= Number($("f-date").max)) stop();
  };
  tick();
  state.playing = setInterval(tick, 700);
}

function hashColor(s) {
  let h = 0; for (const c of s || "?") h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360}, 65%, 42%)`;
}

function hatch() {
  // a diagonal hatch for contested areas, defined once in the overlay's SVG
  const svg = map.getPane("overlayPane").querySelector("svg");
  if (!svg || svg.querySelector("#contested-hatch")) return;
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  const p = document.createElementNS(ns, "pattern");
  for (const [k, v] of Object.entries({id: "contested-hatch", width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"})) p.setAttribute(k, v);
  const line = document.createElementNS(ns, "rect");
  for (const [k, v] of Object.entries({width: 3, height: 8, fill: "#b00", "fill-opacity": 0.55})) line.setAttribute(k, v);
  p.appendChild(line); defs.appendChild(p); svg.insertBefore(defs, svg.firstChild);
}

let controlCall = 0;
async function refreshControl() {
  const call = ++controlCall;
  if (!$("f-control").checked) { if (state.control) { state.control.remove(); state.control = null; } return; }
  const at = state.window ? state.window[1] : null;
  if (state.control && state.control.at === at) return;   // a filter changed, not the date: the same areas
  const fc = await api("/api/control/areas" + (at ? `?at=${at}` : ""));
  if (call !== controlCall) return;
  if (state.control) state.control.remove();
  const group = L.layerGroup();
  for (const f of fc.features) {
    const p = f.properties;
    if (p.kind === "front") continue;
    const layer = L.geoJSON(f, {style: {color: p.contested ? "#b00" : "#333", weight: p.contested ? 2 : 1,
      dashArray: p.contested ? "4" : null, fillColor: hashColor(p.controller), fillOpacity: 0.45, className: "control-area"}});
    const tip = el("div");
    tip.append(el("strong", p.location), el("br"), `held by ${p.controller || "an unnamed actor"} since ${p.since}`);
    if (p.contested) tip.append(el("br"), el("span", "contested", "contested"));
    layer.bindTooltip(tip);
    layer.on("click", () => p.event_id && showEvent(p.event_id));
    group.addLayer(layer);
    if (p.contested) group.addLayer(L.geoJSON(f, {interactive: false, style: {stroke: false, fillOpacity: 1,
      fillColor: "url(#contested-hatch)", className: "contested-hatch"}}));
  }
  for (const f of fc.features.filter((x) => x.properties.kind === "front"))
    group.addLayer(L.geoJSON(f, {interactive: false, style: {color: "#111", weight: 3.5, className: "front-line"}}));
  const legend = L.control({position: "topright"});
  legend.onAdd = () => {
    const div = el("div", null, "legend control-legend");
    div.append(el("strong", `control${at ? " on " + at : ""}`));
    for (const h of fc.holders) { const row = el("div"); const sq = el("i", null, "sq"); sq.style.background = hashColor(h); row.append(sq, h); div.append(row); }
    const c = el("div"); const sq = el("i", null, "sq"); sq.style.background = "repeating-linear-gradient(45deg,#b00 0 2px,#fff 2px 5px)"; c.append(sq, "contested"); div.append(c);
    const fl = el("div", "━ front line"); div.append(fl);
    return div;
  };
  group.addTo(map);
  legend.addTo(map);
  hatch();   // the pattern the contested areas' fill names
  state.control = {at, remove: () => { group.remove(); legend.remove(); }};
}

function highlighted(text, start, end, evidence) {
  // The report's text around the evidence sentence, with the sentence marked (all as text nodes).
  const q = el("blockquote");
  while (text && end > start && /\s/.test(text[end - 1])) end--;
  if (text && start >= 0 && end <= text.length && end > start) {
    const a = Math.max(0, start - 240), b = Math.min(text.length, end + 240);
    q.append((a > 0 ? "… " : "") + text.slice(a, start), el("mark", text.slice(start, end)),
             text.slice(end, b) + (b < text.length ? " …" : ""));
  } else {
    q.append(el("mark", evidence || ""));
  }
  return q;
}

let shown = 0;   // the latest showEvent call: an older one that finishes later draws nothing

async function showEvent(id) {
  const call = ++shown;
  const ev = await api(`/api/events/${encodeURIComponent(id)}`);
  const texts = await Promise.all(ev.mentions.map((m) =>
    api(`/api/sources/${encodeURIComponent(m.report_id)}`).then((r) => r.text, () => null)));   // else evidence alone
  if (call !== shown) return;
  const parts = [el("h2", `${ev.sub_event_type}`), el("div", ev.event_type, "hint")];
  const dl = el("dl");
  const rows = [["date", `${ev.event_date} (precision ${ev.time_precision})`], ["actor 1", ev.actor1 || "–"],
    ["actor 2", ev.actor2 || "–"], ["place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")],
    ["fatalities", String(ev.fatalities)], ["sources", String(ev.n_sources)], ["event id", ev.event_id]];
  for (const [k, v] of rows) dl.append(el("dt", k), el("dd", v));
  parts.push(dl);
  ev.mentions.forEach((m, i) => {
    const box = el("div", null, "mention");
    box.append(el("div", `${m.published || "undated"} · ${m.url || m.source || m.doc_id}`, "src"));
    box.append(highlighted(texts[i], m.evidence_start, m.evidence_end, m.evidence));
    for (const a of m.also || []) box.append(el("div", `also: ${a.evidence}`, "also"));   // the report tells it again
    parts.push(box);
  });
  const panel = $("panel");
  panel.replaceChildren(...parts);   // all at once: the header and its evidence always belong together
  panel.dataset.eventId = ev.event_id;
  markRow(ev.event_id);
}

const timers = new Map();   // one pending call a function: a burst of inputs runs it once
const later = (fn = refresh) => {
  clearTimeout(timers.get(fn));
  timers.set(fn, setTimeout(() => { try { fn(); } catch (e) { console.error(e); } }, 120));
};
const refit = () => { state.fit = true; later(); };
for (const id of ["f-type", "f-country"]) $(id).addEventListener("change", refit);
$("f-actor").addEventListener("input", refit);
$("f-control").addEventListener("change", () => refreshControl().catch(console.error));
$("f-date").addEventListener("input", () => { stop(); setWindowFromSlider(); later(); });
$("f-window").addEventListener("change", () => { stop(); setWindowFromSlider(); later(); });
$("play").addEventListener("click", play);
$("reset").addEventListener("click", reset);
map.on("moveend", () => later(refreshTable));
window.addEventListener("resize", () => later());

(async () => {
  const settings = await api("/api/settings");
  await Promise.all([drawBaseMap(map, api, settings.tile_url), setup()]);
  refresh();
  document.body.dataset.ready = "1";
})().catch((e) => { $("count").textContent = "error: " + e.message; console.error(e); });
