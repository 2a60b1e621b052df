// The table of the events in view and filter: sortable by any column, drawn a page at a time, a row
// opens the evidence panel; CSV and GeoJSON downloads hold exactly the table's rows, in its order.
"use strict";

const TABLE_COLS = [["event_date", "date"], ["event_type", "type"], ["sub_event_type", "sub-event type"],
  ["actor1", "actor 1"], ["actor2", "actor 2"], ["location", "location"], ["admin1", "admin 1"],
  ["country", "country"], ["fatalities", "fatalities"], ["n_sources", "sources"]];
const PAGE = 200;
const EXPORT_COLS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
  "country", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "n_sources", "evidence"];

const table = {rows: [], sort: {key: "event_date", dir: -1}, page: 0, onOpen: null};

function sortRows(rows) {
  const {key, dir} = table.sort;
  return rows.slice().sort((a, b) => {
    const x = a[key], y = b[key];
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return (typeof x === "number" ? x - y : String(x).localeCompare(String(y))) * dir ||
      String(a.event_id).localeCompare(String(b.event_id));
  });
}

function setupTable(onOpen) {
  table.onOpen = onOpen;
  const tr = document.createElement("tr");
  for (const [key, label] of TABLE_COLS) {
    const th = document.createElement("th");
    th.textContent = label;
    th.dataset.key = key;
    th.addEventListener("click", () => {
      table.sort = {key, dir: table.sort.key === key ? -table.sort.dir : (key === "event_date" || key === "fatalities" ? -1 : 1)};
      table.page = 0;
      fillTable(table.rows);
    });
    tr.appendChild(th);
  }
  document.querySelector("#events-table thead").replaceChildren(tr);
  document.getElementById("prev").addEventListener("click", () => { table.page = Math.max(0, table.page - 1); drawPage(); });
  document.getElementById("next").addEventListener("click", () => { table.page++; drawPage(); });
  document.getElementById("dl-csv").addEventListener("click", () => download("frontlines-events.csv", toCSV(table.rows), "text/csv"));
  document.getElementById("dl-geojson").addEventListener("click", () =>
    download("frontlines-events.geojson", JSON.stringify(toGeoJSON(table.rows)), "application/geo+json"));
}

function fillTable(rows) {
  table.rows = sortRows(rows);
  const pages = Math.max(1, Math.ceil(table.rows.length / PAGE));
  table.page = Math.min(table.page, pages - 1);
  for (const th of document.querySelectorAll("#events-table th"))
    if (th.dataset.key === table.sort.key) th.setAttribute("aria-sort", table.sort.dir > 0 ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  document.getElementById("table-count").textContent = `${table.rows.length} events in view`;
  drawPage();
}

function drawPage() {
  const pages = Math.max(1, Math.ceil(table.rows.length / PAGE));
  table.page = Math.min(table.page, pages - 1);
  const body = [];
  for (const ev of table.rows.slice(table.page * PAGE, (table.page + 1) * PAGE)) {
    const tr = document.createElement("tr");
    tr.dataset.eventId = ev.event_id;
    for (const [key] of TABLE_COLS) {
      const td = document.createElement("td");
      td.textContent = ev[key] == null ? "–" : String(ev[key]);   // text, never markup
      tr.appendChild(td);
    }
    tr.addEventListener("click", () => table.onOpen(ev));
    body.push(tr);
  }
  document.querySelector("#events-table tbody").replaceChildren(...body);
  document.getElementById("page-label").textContent =
    `rows ${table.rows.length ? table.page * PAGE + 1 : 0}–${Math.min(table.rows.length, (table.page + 1) * PAGE)}`;
  document.getElementById("pager").style.visibility = pages > 1 ? "visible" : "hidden";
}

function markRow(id) {
  for (const tr of document.querySelectorAll("#events-table tr.selected")) tr.classList.remove("selected");
  const tr = document.querySelector(`#events-table tr[data-event-id="${CSS.escape(id)}"]`);
  if (tr) tr.classList.add("selected");
}

function csvCell(v) {
  if (v == null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? "'" : "") + s.replace(/"/g, '""')}"` : s;
}

function toCSV(rows) {
  return [EXPORT_COLS.join(","), ...rows.map((r) => EXPORT_COLS.map((k) => csvCell(r[k])).join(","))].join("\r\n") + "\r\n";
}

function toGeoJSON(rows) {
  return {type: "FeatureCollection", features: rows.map((r) => ({type: "Feature",
    geometry: r.latitude == null ? null : {type: "Point", coordinates: [r.longitude, r.latitude]},
    properties: Object.fromEntries(EXPORT_COLS.filter((k) => k !== "latitude" && k !== "longitude").map((k) => [k, r[k] ?? null]))}))};
}

function download(name, text, type) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], {type}));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
