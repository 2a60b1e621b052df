// frontlines web map: events on world outlines (no tile server), filters, a timeline, evidence panel,
// and a territorial-control layer. Report text is only ever set with textContent (always escaped).
"use strict";
const COLORS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4"};
const state = {dates: [], events: [], layer: null, controlLayer: null};
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };

async function api(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

const map = L.map("map", {worldCopyJump: true, minZoom: 1}).setView([20, 20], 2);

function unwrap(coords) {
  // rings that cross the antimeridian (Russia, Fiji) jump by 360°: keep them continuous, no lines across the map
  if (typeof coords[0] === "number") return coords;
  if (typeof coords[0][0] === "number") {
    let prev = coords[0][0];
    return coords.map(([lon, lat]) => { while (lon - prev > 180) lon -= 360; while (lon - prev < -180) lon += 360; prev = lon; return [lon, lat]; });
  }
  return coords.map(unwrap);
}

async function drawWorld() {
  const topo = await api("/vendor/world-atlas/countries-110m.json");
  const world = topojson.feature(topo, topo.objects.countries);
  for (const f of world.features) f.geometry.coordinates = unwrap(f.geometry.coordinates);
  L.geoJSON(world,
    {style: {color: "#8a8f94", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1}, interactive: false}).addTo(map);
}

function addOptions(select, values) {
  for (const v of values) select.appendChild(el("option", v)).value = v;
}

async function setup() {
  const f = await api("/api/facets");
  addOptions($("f-type"), [...f.event_types, ...f.sub_event_types.filter((s) => !f.event_types.includes(s))]);
  addOptions($("f-country"), f.countries);
  for (const a of f.actors) $("actors").appendChild(el("option")).value = a;
  if (f.first_date) {
    const days = [];
    for (let d = new Date(f.first_date); d <= new Date(f.last_date); d.setUTCDate(d.getUTCDate() + 1))
      days.push(d.toISOString().slice(0, 10));
    state.dates = days;
    $("f-date").max = String(days.length - 1);
    $("f-date").value = String(days.length - 1);
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
}

function currentDate() { return state.dates[Number($("f-date").value)] || null; }

function query() {
  const p = new URLSearchParams({limit: "5000"});
  if ($("f-type").value) p.set("type", $("f-type").value);
  if ($("f-country").value) p.set("country", $("f-country").value);
  if ($("f-actor").value.trim()) p.set("actor", $("f-actor").value.trim());
  const until = currentDate();
  if (until) {
    p.set("until", until);
    const w = Number($("f-window").value);
    if (w) { const d = new Date(until); d.setUTCDate(d.getUTCDate() - w); p.set("since", d.toISOString().slice(0, 10)); }
  }
  return p;
}

async function refresh() {
  $("date-label").textContent = currentDate() || "–";
  const res = await api("/api/events?" + query());
  state.events = res.items;
  if (state.layer) state.layer.remove();
  state.layer = L.layerGroup().addTo(map);
  let shown = 0;
  for (const ev of res.items) {
    if (ev.latitude == null) continue;
    const m = L.circleMarker([ev.latitude, ev.longitude], {
      radius: 5 + Math.min(10, Math.log2(1 + (ev.fatalities || 0)) * 2), color: "#333", weight: 1,
      fillColor: COLORS[ev.event_type] || "#777", fillOpacity: 0.85, className: "event-marker"});
    m.bindTooltip(el("span", `${ev.event_date} ${ev.sub_event_type} — ${ev.location || ""}`));  // a node: never parsed as HTML
    m.on("click", () => showEvent(ev.event_id));
    m.addTo(state.layer);
    m.getElement && m.getElement() && m.getElement().setAttribute("data-event-id", ev.event_id);
    shown++;
  }
  $("count").textContent = `${res.total} events` + (shown < res.total ? ` (${shown} on the map)` : "");
  if (state.fit && shown) map.fitBounds(L.featureGroup(state.layer.getLayers()).getBounds().pad(0.3), {maxZoom: 6});
  state.fit = false;
  await refreshControl();
}

function hashColor(s) {
  let h = 0; for (const c of s || "?") h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360}, 65%, 42%)`;
}

async function refreshControl() {
  if (state.controlLayer) { state.controlLayer.remove(); state.controlLayer = null; }
  if (!$("f-control").checked) return;
  const rows = await api("/api/control" + (currentDate() ? `?at=${currentDate()}` : ""));
  state.controlLayer = L.layerGroup().addTo(map);
  for (const r of rows) {
    if (r.latitude == null) continue;
    const sq = L.rectangle([[r.latitude - 0.25, r.longitude - 0.25], [r.latitude + 0.25, r.longitude + 0.25]], {
      color: r.contested ? "#b00" : "#222", weight: r.contested ? 3 : 1, dashArray: r.contested ? "4" : null,
      fillColor: hashColor(r.controller), fillOpacity: 0.6, className: "control-area"});
    const tip = el("div");
    tip.append(el("strong", r.location), el("br"), `held by ${r.controller || "an unnamed actor"} since ${r.since}`);
    if (r.contested) tip.append(el("br"), el("span", "contested", "contested"));
    sq.bindTooltip(tip);
    sq.addTo(state.controlLayer);
  }
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
}

let timer = null;
const later = () => { clearTimeout(timer); timer = setTimeout(() => refresh().catch(console.error), 150); };
const refit = () => { state.fit = true; later(); };
for (const id of ["f-type", "f-country"]) $(id).addEventListener("change", refit);
for (const id of ["f-window", "f-control"]) $(id).addEventListener("change", later);
$("f-actor").addEventListener("input", refit);
$("f-date").addEventListener("input", later);

(async () => {
  await Promise.all([drawWorld(), setup()]);
  await refresh();
  document.body.dataset.ready = "1";
})().catch((e) => { $("count").textContent = "error: " + e.message; });
