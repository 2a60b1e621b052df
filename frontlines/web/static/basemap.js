// frontlines base map, drawn without a tile server: country outlines (world-atlas), first-level areas
// and their names past zoom 5, town names by size as one zooms in (GeoNames, built by
// scripts/build_basemap.py). With a tile URL set on the server (FRONTLINES_TILE_URL) tiles replace it.
"use strict";

function unwrap(coords) {
  // rings that cross the antimeridian (Russia, Fiji) jump by 360°: keep them continuous, no lines across the map
  if (typeof coords[0] === "number") return coords;
  if (typeof coords[0][0] === "number") {
    let prev = coords[0][0];
    return coords.map(([lon, lat]) => { while (lon - prev > 180) lon -= 360; while (lon - prev < -180) lon += 360; prev = lon; return [lon, lat]; });
  }
  return coords.map(unwrap);
}

// the smallest town shown at each zoom: the map fills with names as one zooms in
const PLACE_MIN_POP = {3: 5e6, 4: 2e6, 5: 7e5, 6: 2.5e5, 7: 8e4, 8: 3e4, 9: 0};
const MAX_LABELS = 250;

async function drawBaseMap(map, api, tileUrl) {
  if (tileUrl) {
    L.tileLayer(tileUrl, {maxZoom: 18, attribution: "map tiles: see server settings"}).addTo(map);
    return;
  }
  map.createPane("basemap").style.zIndex = 200;
  map.createPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";
  const [topo, admin1, places] = await Promise.all([api("/vendor/world-atlas/countries-50m.json"),
    api("/static/basemap/admin1.geojson"), api("/static/basemap/places.json")]);
  const world = topojson.feature(topo, topo.objects.countries);
  for (const f of world.features) f.geometry.coordinates = unwrap(f.geometry.coordinates);
  L.geoJSON(world, {pane: "basemap", interactive: false,
    style: {color: "#7d8388", weight: 0.8, fillColor: "#f2efe9", fillOpacity: 1}}).addTo(map);
  const admin = L.geoJSON(admin1, {pane: "basemap", interactive: false,
    style: {color: "#a08db0", weight: 0.7, dashArray: "3 3", fill: false, className: "admin1"}});
  const labels = L.layerGroup().addTo(map);
  map.attributionControl.addAttribution("Natural Earth; GeoNames (CC BY 4.0)");

  function relabel() {
    labels.clearLayers();
    const z = map.getZoom(), b = map.getBounds().pad(0.05);
    if (z >= 5) { if (!map.hasLayer(admin)) admin.addTo(map); } else if (map.hasLayer(admin)) admin.remove();
    if (z >= 6) {
      for (const f of admin1.features) {
        const [lon, lat] = f.properties.label;
        if (b.contains([lat, lon]))
          L.marker([lat, lon], {pane: "labels", interactive: false, keyboard: false,
            icon: L.divIcon({className: "admin-label", html: "", iconSize: null})})
            .addTo(labels).getElement().textContent = f.properties.name;
      }
    }
    const min = PLACE_MIN_POP[Math.min(9, Math.max(3, z))];
    if (z < 3) return;
    let n = 0;
    const taken = new Set();   // screen cells already labelled: a bigger town's name is never covered
    for (const [name, lat, lon, pop] of places) {   // biggest first
      if (pop < min || n >= MAX_LABELS) break;
      if (!b.contains([lat, lon])) continue;
      const pt = map.latLngToContainerPoint([lat, lon]);
      const cx = Math.floor(pt.x / 90), cy = Math.floor(pt.y / 22);
      if ([-1, 0, 1].some((dx) => [-1, 0, 1].some((dy) => taken.has(`${cx + dx},${cy + dy}`)))) continue;
      taken.add(`${cx},${cy}`);
      const m = L.marker([lat, lon], {pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "place-label", html: "", iconSize: null})}).addTo(labels);
      m.getElement().textContent = name;   // a name is text, never markup
      n++;
    }
  }
  map.on("zoomend moveend", relabel);
  relabel();
}
