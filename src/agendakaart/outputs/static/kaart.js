/* agendakaart: the map's own code. Reads the columnar JSON in #kaart-data (see outputs/map.py), filters in one
 * pass over typed arrays, counts visible activities per point, clusters only the points still visible (weighted,
 * supercluster), and pages the list. Every scraped string goes into the page with textContent, never as markup.
 * The filters and the URL hash mirror agendakaart.outputs.filters (Python), so the export CLI can take the hash. */
(function () {
  "use strict";
  var TYPE_NAMES = { werkbezoek: "Werkbezoek", evenement: "Evenement", gesprek: "Gesprek", toespraak: "Toespraak",
    vergadering: "Vergadering", parlement: "Parlement", media: "Media", overig: "Overig" };
  var TYPE_COLOURS = { werkbezoek: "#1b7f5b", evenement: "#d98a00", gesprek: "#2d6cc0", toespraak: "#b8336a",
    vergadering: "#6b4fa3", parlement: "#8c2d19", media: "#0f8fa8", overig: "#7a7a7a" };
  var PRECISION_NAMES = { venue: "gebouw of instelling", woonplaats: "woonplaats", gemeente: "gemeente",
    regio: "regio", provincie: "provincie", land: "land", none: "onbekend" };
  var MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
  var PAGE = 50, NL_BOUNDS = [[50.75, 3.36], [53.56, 7.23]];
  var t0 = performance.now();

  var D = JSON.parse(document.getElementById("kaart-data").textContent);
  var A = D.a, S = D.s, N = A.d.length, NT = D.types.length, NP = D.persons.length, NPT = D.pts.length / 2;
  var day = Int32Array.from(A.d), pt = Int32Array.from(A.p), typ = Uint8Array.from(A.t);
  var mins = Int16Array.from(A.m), flags = Uint8Array.from(A.f), reg = Int8Array.from(A.r);
  var pOff = new Int32Array(N + 1), pListArr = [];
  for (var i = 0; i < N; i++) {
    var ps = A.ps[i];
    if (typeof ps === "number") pListArr.push(ps); else for (var k = 0; k < ps.length; k++) pListArr.push(ps[k]);
    pOff[i + 1] = pListArr.length;
  }
  var pList = Int32Array.from(pListArr);
  var ptOff = new Int32Array(NPT + 1), ptAct = new Int32Array(N), fill = new Int32Array(NPT);
  for (i = 0; i < N; i++) if (pt[i] >= 0) ptOff[pt[i] + 1]++;
  for (i = 0; i < NPT; i++) ptOff[i + 1] += ptOff[i];
  for (i = 0; i < N; i++) if (pt[i] >= 0) ptAct[ptOff[pt[i]] + fill[pt[i]]++] = i;

  var pass = new Uint8Array(N), ptCount = new Int32Array(NPT), ptType = new Int32Array(NPT * NT);
  var regionCount = new Int32Array(D.regions.length), typeCount = new Int32Array(NT);
  var counts = { visible: 0, npvr: 0, dh: 0, abroad: 0, unlocated: 0 };
  var state = emptyState(), sortKey = "date", sortDir = -1, page = 0, orders = {};
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  var str = function (idx) { return idx >= 0 ? S[idx] : ""; };
  var fmt = function (n) { return n.toLocaleString("nl-NL"); };
  var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };

  function emptyState() {
    return { persons: [], ministries: [], types: [], from: "", to: "", dh: false, npvr: false, abroad: "include", text: "" };
  }
  function dayOf(iso) { var t = Date.parse(iso + "T00:00:00Z"); return isNaN(t) ? null : Math.floor(t / 864e5); }
  function dateText(d) { var x = new Date(d * 864e5); return x.getUTCDate() + " " + MONTHS[x.getUTCMonth()] + " " + x.getUTCFullYear(); }
  function isoOf(d) { return new Date(d * 864e5).toISOString().slice(0, 10); }
  function personNames(i) {
    var out = [];
    for (var k = pOff[i]; k < pOff[i + 1]; k++) out.push(D.persons[pList[k]][1]);
    return out.join(", ");
  }

  /* ---- filtering: one pass, counts per point, per region, per type ---- */
  /* a selection of values (none = all); values the data lacks select nothing, as in outputs/filters.py */
  function mask(values, size, lookup) {
    if (!values.length) return null;
    var m = new Uint8Array(size);
    values.forEach(function (v) { var x = lookup(v); if (x >= 0) m[x] = 1; });
    return m;
  }
  /* free text: folded title + place + person names, built once on first use (same fields as filters.py) */
  var hay = null;
  function haystack(i) {
    if (!hay) { hay = new Array(N); for (var j = 0; j < N; j++) hay[j] = fold(A.ti[j] + " " + str(A.pl[j]) + " " + personNames(j).split(", ").join(" ")); }
    return hay[i];
  }
  var personIdx = {}; D.persons.forEach(function (p, j) { personIdx[p[0]] = j; });
  function compute() {
    var selP = mask(state.persons, NP, function (s) { return s in personIdx ? personIdx[s] : -1; });
    var selM = mask(state.ministries, D.ministries.length, function (m) { return D.ministries.indexOf(m); });
    var selT = mask(state.types, NT, function (t) { return D.types.indexOf(t); });
    var from = state.from ? dayOf(state.from) : null, to = state.to ? dayOf(state.to) : null;
    var lo = from === null ? -1e9 : from, hi = to === null ? 1e9 : to;
    var ab = state.abroad === "exclude" ? 1 : state.abroad === "only" ? 2 : 0, dh = state.dh, npvr = state.npvr;
    var q = fold(state.text.trim());
    pass.fill(0); ptCount.fill(0); ptType.fill(0); regionCount.fill(0); typeCount.fill(0);
    var c = { visible: 0, npvr: 0, dh: 0, abroad: 0, unlocated: 0 };
    for (var i = 0; i < N; i++) {
      var d = day[i];
      if (d < lo || d > hi) continue;
      if (selT && !selT[typ[i]]) continue;
      if (selM && (mins[i] < 0 || !selM[mins[i]])) continue;
      if (selP) {
        var ok = false;
        for (var k = pOff[i]; k < pOff[i + 1]; k++) if (selP[pList[k]]) { ok = true; break; }
        if (!ok) continue;
      }
      if (q && haystack(i).indexOf(q) < 0) continue;
      var p = pt[i];
      if (p < 0) { c.unlocated++; pass[i] = 2; continue; }  // 2: listed as "locatie onbekend", not on the map
      var f = flags[i], r = reg[i];
      if ((dh && (f & 1)) || (npvr && r < 0) || (ab === 1 && (f & 2)) || (ab === 2 && !(f & 2))) continue;
      pass[i] = 1; c.visible++; ptCount[p]++; ptType[p * NT + typ[i]]++; typeCount[typ[i]]++;
      if (r >= 0) { c.npvr++; regionCount[r]++; }
      if (f & 1) c.dh++;
      if (f & 2) c.abroad++;
    }
    counts = c;
  }

  /* ---- clusters: only points with visible activities, weighted by their count ---- */
  var map, markers, index;  // markers: the MarkerLayer below
  function props(p) { var o = { pt: p, c: ptCount[p] }; for (var t = 0; t < NT; t++) o["t" + t] = ptType[p * NT + t]; return o; }
  function buildIndex() {
    var feats = [];
    for (var p = 0; p < NPT; p++) if (ptCount[p] > 0)
      feats.push({ type: "Feature", properties: props(p), geometry: { type: "Point", coordinates: [D.pts[2 * p + 1], D.pts[2 * p]] } });
    index = new Supercluster({ radius: 70, minZoom: 2, maxZoom: 12,
      map: function (q) { var o = { c: q.c }; for (var t = 0; t < NT; t++) o["t" + t] = q["t" + t]; return o; },
      reduce: function (a, b) { a.c += b.c; for (var t = 0; t < NT; t++) a["t" + t] += b["t" + t]; } });
    index.load(feats);
  }
  function donut(q) {
    var stops = [], at = 0;
    for (var t = 0; t < NT; t++) {
      var n = q["t" + t]; if (!n) continue;
      var next = at + 100 * n / q.c;
      stops.push(TYPE_COLOURS[D.types[t]] + " " + at.toFixed(2) + "% " + next.toFixed(2) + "%"); at = next;
    }
    return "conic-gradient(" + stops.join(", ") + ")";
  }
  function dominant(q) { var best = 0; for (var t = 1; t < NT; t++) if (q["t" + t] > q["t" + best]) best = t; return D.types[best]; }
  /* Markers: one light DOM layer (a div per cluster/place, positioned by transform, one delegated listener)
   * instead of an L.Marker each — at 100+ markers per redraw that is the difference between ~2 and ~60 ms. */
  var MarkerLayer = L.Layer.extend({
    onAdd: function (m) {
      this._el = L.DomUtil.create("div", "kaart-markers leaflet-zoom-hide", m.getPanes().markerPane);
      L.DomEvent.disableClickPropagation(this._el);
      L.DomEvent.on(this._el, "click", this._activate, this);
      L.DomEvent.on(this._el, "keydown", function (e) { if (e.key === "Enter" || e.key === " ") { L.DomEvent.preventDefault(e); this._activate(e); } }, this);
    },
    onRemove: function () { L.DomUtil.remove(this._el); },
    _activate: function (e) {
      var box = e.target.closest && e.target.closest(".kaart-marker");
      if (box) openFeature(current[+box.getAttribute("data-k")]);
    }
  });
  var current = [];
  function markerEl(q, k, xy) {
    var size = q.c === 1 ? 16 : Math.round(24 + 7 * Math.log10(q.c)), box = el("div", "kaart-marker");
    box.style.width = box.style.height = size + "px";
    box.style.transform = "translate(" + Math.round(xy.x - size / 2) + "px," + Math.round(xy.y - size / 2) + "px)";
    box.style.background = q.c === 1 ? TYPE_COLOURS[dominant(q)] : donut(q);
    box.setAttribute("data-k", String(k)); box.tabIndex = 0; box.setAttribute("role", "button");
    box.setAttribute("aria-label", q.cluster ? fmt(q.c) + " activiteiten, inzoomen" : str(A.pl[ptAct[ptOff[q.pt]]]) + ": " + fmt(q.c) + " activiteiten");
    box.title = box.getAttribute("aria-label");
    if (q.c > 1) box.appendChild(el("span", null, q.c >= 10000 ? Math.round(q.c / 1000) + "k" : fmt(q.c)));
    return box;
  }
  function openFeature(f) {
    var q = f.properties, ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
    if (q.cluster) { map.setView(ll, Math.min(index.getClusterExpansionZoom(q.cluster_id), 16)); return; }
    L.popup({ maxWidth: 380, maxHeight: 360, offset: [0, -4] }).setLatLng(ll).setContent(popupFor(q.pt)).openOn(map);
  }
  function drawMarkers() {
    if (!map) return;
    var b = map.getBounds(), z = map.getZoom();
    var bbox = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    current = index.getClusters(bbox, Math.round(z));
    var frag = document.createDocumentFragment();
    current.forEach(function (f, k) {
      frag.appendChild(markerEl(f.properties, k, map.latLngToLayerPoint([f.geometry.coordinates[1], f.geometry.coordinates[0]])));
    });
    markers._el.textContent = ""; markers._el.appendChild(frag);
    window.__kaart.markers = current.length;
  }

  /* ---- details of one activity (popup and list share them) ---- */
  function sourceLink(i) {
    var url = str(A.u[i]);
    if (!/^https?:\/\//i.test(url)) return el("span", "zacht", "geen geldige bron-URL");
    var a = el("a", null, "bron"); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function placeText(i) {
    var place = str(A.pl[i]), prec = D.precisions[A.pr[i]];
    return (place || "onbekend") + " (" + (PRECISION_NAMES[prec] || prec) + ")";
  }
  function popupFor(p) {
    var box = el("div", "popup"), items = [];
    for (var k = ptOff[p]; k < ptOff[p + 1]; k++) if (pass[ptAct[k]]) items.push(ptAct[k]);
    items.sort(function (x, y) { return day[y] - day[x]; });
    box.appendChild(el("h3", null, str(A.pl[items[0]]) || "Plaats"));
    box.appendChild(el("p", "zacht", fmt(items.length) + (items.length === 1 ? " activiteit" : " activiteiten") + " met de huidige filters"));
    var ol = el("ol");
    items.slice(0, 25).forEach(function (i) {
      var li = el("li");
      li.appendChild(el("strong", null, A.ti[i]));
      li.appendChild(el("div", null, dateText(day[i]) + (str(A.h[i]) ? " " + str(A.h[i]) : "") + " · " + personNames(i) + " · " + TYPE_NAMES[D.types[typ[i]]]));
      var why = el("div", "zacht", placeText(i) + " · " + (str(A.re[i]) || "geen reden vastgelegd") + " · ");
      why.appendChild(sourceLink(i)); li.appendChild(why); ol.appendChild(li);
    });
    box.appendChild(ol);
    if (items.length > 25) box.appendChild(el("p", "zacht", "… en nog " + fmt(items.length - 25) + "; zie de lijst onder de kaart."));
    return box;
  }

  /* ---- the list: global sort orders built once per key, the page taken from the filtered order ---- */
  var COLUMNS = [["date", "Datum"], ["person", "Bewindspersoon"], ["type", "Soort"], ["title", "Activiteit"], ["place", "Plaats"], [null, "Waarom hier"]];
  function orderFor(key) {
    if (orders[key]) return orders[key];
    var idx = [];
    for (var i = 0; i < N; i++) idx.push(i);  // located and unlocated: the list shows both
    var keys;
    if (key === "person") keys = idx.map(function (i) { return D.persons[pList[pOff[i]]] ? D.persons[pList[pOff[i]]][1] : ""; });
    else if (key === "type") keys = idx.map(function (i) { return TYPE_NAMES[D.types[typ[i]]]; });
    else if (key === "title") keys = idx.map(function (i) { return A.ti[i]; });
    else if (key === "place") keys = idx.map(function (i) { return str(A.pl[i]); });
    if (keys) keys = keys.map(fold);  // plain comparisons on folded keys: ~10x faster than a Collator at 100k
    var pos = idx.map(function (_, j) { return j; });
    pos.sort(function (a, b) {
      var x = idx[a], y = idx[b];
      var c = keys ? (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0) : 0;
      return c || (day[x] - day[y]) || (str(A.h[x]) < str(A.h[y]) ? -1 : str(A.h[x]) > str(A.h[y]) ? 1 : x - y);
    });
    return (orders[key] = Int32Array.from(pos.map(function (j) { return idx[j]; })));
  }
  function pageRows() {
    var order = orderFor(sortKey), start = page * PAGE, seen = 0, out = [], n = order.length;
    for (var j = 0; j < n && out.length < PAGE; j++) {
      var i = order[sortDir > 0 ? j : n - 1 - j];
      if (!listed(i)) continue;
      if (seen++ >= start) out.push(i);
    }
    return out;
  }
  function renderHead() {
    var tr = $("l-head"); tr.textContent = "";
    COLUMNS.forEach(function (c) {
      var th = el("th"); th.scope = "col";
      if (!c[0]) { th.textContent = c[1]; tr.appendChild(th); return; }
      var b = el("button", "sorteer", c[1] + (sortKey === c[0] ? (sortDir > 0 ? " ▲" : " ▼") : ""));
      b.type = "button"; b.setAttribute("data-sort", c[0]);
      th.setAttribute("aria-sort", sortKey === c[0] ? (sortDir > 0 ? "ascending" : "descending") : "none");
      b.addEventListener("click", function () {
        sortDir = sortKey === c[0] ? -sortDir : (c[0] === "date" ? -1 : 1); sortKey = c[0]; page = 0;
        renderHead(); renderList(); writeHash();
      });
      th.appendChild(b); tr.appendChild(th);
    });
  }
  function renderList() {
    var body = $("l-body"), total = listTotal(), pages = Math.max(1, Math.ceil(total / PAGE));
    page = Math.min(page, pages - 1);
    var frag = document.createDocumentFragment();
    pageRows().forEach(function (i) {
      var tr = el("tr");
      tr.appendChild(el("td", "datum", dateText(day[i]) + (str(A.h[i]) ? " " + str(A.h[i]) : "")));
      tr.appendChild(el("td", null, personNames(i)));
      var tdT = el("td"), chip = el("span", "chip", TYPE_NAMES[D.types[typ[i]]]);
      chip.style.borderColor = TYPE_COLOURS[D.types[typ[i]]]; tdT.appendChild(chip); tr.appendChild(tdT);
      var tdA = el("td", "titel"); tdA.appendChild(el("span", null, A.ti[i] + " ")); tdA.appendChild(sourceLink(i)); tr.appendChild(tdA);
      var tdP = el("td");
      if (pt[i] < 0) tdP.appendChild(unknownPlace(i));
      else {
        var go = el("button", "naar", placeText(i)); go.type = "button"; go.title = "Toon op de kaart";
        go.addEventListener("click", function () { map.setView([D.pts[2 * pt[i]], D.pts[2 * pt[i] + 1]], 12); $("kaart").scrollIntoView({ block: "center" }); });
        tdP.appendChild(go);
      }
      tr.appendChild(tdP);
      tr.appendChild(el("td", "zacht", str(A.re[i])));
      frag.appendChild(tr);
    });
    body.textContent = ""; body.appendChild(frag);
    $("l-info").textContent = total ? "pagina " + fmt(page + 1) + " van " + fmt(pages) + " (" + listInfo(total) + ")" : "geen activiteiten met deze filters";
    $("l-prev").disabled = page <= 0; $("l-next").disabled = page >= pages - 1;
  }

  /* ---- counts, region table, legend ---- */
  function setCount(id, n) { var e = $(id); e.textContent = fmt(n); e.setAttribute("data-value", String(n)); }
  function renderCounts() {
    setCount("n-visible", counts.visible); setCount("n-npvr", counts.npvr); setCount("n-dh", counts.dh);
    setCount("n-abroad", counts.abroad); setCount("n-unlocated", counts.unlocated);
    var body = $("regio-body"), frag = document.createDocumentFragment(), total = 0;
    D.regions.map(function (r, j) { return [r, regionCount[j]]; }).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); })
      .forEach(function (r) { var tr = el("tr"); tr.appendChild(el("td", null, r[0])); tr.appendChild(el("td", "num", fmt(r[1]))); frag.appendChild(tr); total += r[1]; });
    body.textContent = ""; body.appendChild(frag); $("regio-totaal").textContent = fmt(total);
    var leg = $("legenda"); leg.textContent = "";
    D.types.forEach(function (t, j) {  // each legend entry is a toggle button for its type
      var item = el("button", "legenda-item"), dot = el("span", "stip"); dot.style.background = TYPE_COLOURS[t];
      item.type = "button"; item.setAttribute("data-type", t);
      item.setAttribute("aria-pressed", state.types.indexOf(t) >= 0 ? "true" : "false");
      item.title = "Alleen " + TYPE_NAMES[t] + " tonen (nog eens klikken: weer alles)";
      item.appendChild(dot); item.appendChild(el("span", null, TYPE_NAMES[t] + " " + fmt(typeCount[j]))); leg.appendChild(item);
    });
  }

  /* ---- form <-> state <-> URL hash (format of agendakaart.outputs.filters.Filters.to_hash) ---- */
  function selected(id) { return Array.prototype.filter.call($(id).options, function (o) { return o.selected; }).map(function (o) { return o.value; }); }
  function readForm() {
    state = { persons: selected("f-person"), ministries: selected("f-ministry"), types: selected("f-type"),
      from: $("f-from").value, to: $("f-to").value, dh: $("f-dh").checked, npvr: $("f-npvr").checked, abroad: $("f-abroad").value,
      text: $("f-text").value.trim() };
  }
  function writeForm() {
    [["f-person", state.persons], ["f-ministry", state.ministries], ["f-type", state.types]].forEach(function (x) {
      Array.prototype.forEach.call($(x[0]).options, function (o) { o.selected = x[1].indexOf(o.value) >= 0; });
    });
    $("f-from").value = state.from; $("f-to").value = state.to; $("f-dh").checked = state.dh; $("f-npvr").checked = state.npvr;
    $("f-abroad").value = state.abroad; $("f-text").value = state.text;
  }
  function enc(list) { return list.map(function (v) { return encodeURIComponent(v).replace(/%2D/gi, "-"); }).join(","); }
  function filterHash() {
    var parts = [];
    if (state.persons.length) parts.push("p=" + enc(state.persons));
    if (state.ministries.length) parts.push("m=" + enc(state.ministries));
    if (state.types.length) parts.push("t=" + enc(state.types));
    if (state.from) parts.push("van=" + state.from);
    if (state.to) parts.push("tot=" + state.to);
    if (state.dh) parts.push("dh=0");
    if (state.npvr) parts.push("npvr=1");
    if (state.abroad !== "include") parts.push("bl=" + (state.abroad === "exclude" ? "uit" : "alleen"));
    if (state.text) parts.push("q=" + enc([state.text]));
    return parts;
  }
  function writeHash() {
    var parts = filterHash(), h = "#" + parts.join("&");
    if (sortKey !== "date" || sortDir !== -1) parts.push("sort=" + sortKey + (sortDir > 0 ? "-op" : "-af"));
    viewHash(parts);
    if (map) { var c = map.getCenter(); parts.push("kaart=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4)); }
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { /* some file:// contexts refuse; the hash just is not kept */ }
    $("export-hint").textContent = "Exporteer deze selectie: agendakaart export --format csv --out selectie.csv --located-only --hash '" + h + "'";
  }
  function readHash() {
    var st = emptyState(), view = null, raw = location.hash.replace(/^#/, "");
    vw = defaultView();
    raw.split("&").forEach(function (kv) {
      var j = kv.indexOf("="); if (j < 0) return;
      var k = kv.slice(0, j), v = kv.slice(j + 1);
      var list = function () { return v.split(",").map(function (x) { try { return decodeURIComponent(x).trim(); } catch (e) { return ""; } }).filter(Boolean); };
      if (k === "p") st.persons = list(); else if (k === "m") st.ministries = list(); else if (k === "t") st.types = list();
      else if (k === "van" && dayOf(v) !== null) st.from = v; else if (k === "tot" && dayOf(v) !== null) st.to = v;
      else if (k === "dh") st.dh = v === "0"; else if (k === "npvr") st.npvr = v === "1";
      else if (k === "bl") st.abroad = v === "uit" ? "exclude" : v === "alleen" ? "only" : "include";
      else if (k === "q") st.text = (list()[0] || "").trim();
      else if (k === "sort") { var m = /^(date|person|type|title|place)-(op|af)$/.exec(v); if (m) { sortKey = m[1]; sortDir = m[2] === "op" ? 1 : -1; } }
      else if (k === "kaart") { var z = v.split("/").map(Number); if (z.length === 3 && z.every(isFinite)) view = z; }
      else readViewParam(k, v);
    });
    state = st;
    return view;
  }

  /* ---- CBS boundaries (D.geo, see outputs/map_geo.py): the offline base (country, provinces), the NPVR regions as
   * the union of their gemeenten (topojson.merge), a choropleth per gemeente or per region, the abroad panel, the
   * headline, and the list's "locatie onbekend" rows. View options live in `vw`, apart from the filter state. ---- */
  var G = D.geo, gem = G ? new Int16Array(N) : null, country = G ? new Int32Array(N).fill(-1) : null;
  var gemCount = new Int32Array(G ? G.codes.length : 0);
  if (G) {  // per activity: its point's gemeente, unless listed apart; the country only for those abroad
    for (i = 0; i < N; i++) gem[i] = pt[i] >= 0 ? G.pg[pt[i]] : -1;
    G.gx.forEach(function (x) { gem[x[0]] = x[1]; });
    G.co.forEach(function (x) { country[x[0]] = x[1]; });
  }
  var CLASSES = ["#fde0c5", "#facba6", "#f59e72", "#e4572e", "#a8261b"], ZERO = "#f4f4f1";
  var LAYERS = { punten: 1, gemeente: 1, regio: 1 }, MEASURES = { aantal: 1, inwoners: 1 }, UNKNOWN = { tonen: 1, verbergen: 1, alleen: 1 };
  var vw = defaultView(), basis = [], gmLayer = null, regionLayers = [];
  function defaultView() { return { layer: "punten", measure: "aantal", unknown: "tonen" }; }
  function listed(i) { return pass[i] === 1 ? vw.unknown !== "alleen" : pass[i] === 2 && vw.unknown !== "verbergen"; }
  function listTotal() { return (vw.unknown !== "alleen" ? counts.visible : 0) + (vw.unknown !== "verbergen" ? counts.unlocated : 0); }
  function listInfo(total) {
    var u = vw.unknown === "verbergen" ? 0 : counts.unlocated;
    return fmt(total) + " activiteiten" + (u ? ", waarvan " + fmt(u) + " met locatie onbekend" : "");
  }
  function unknownPlace(i) {
    var box = el("span", "onbekend", "locatie onbekend"), text = str(A.pl[i]);
    if (text) box.title = text;
    return box;
  }
  function pct(x, y) { return y ? (100 * x / y).toLocaleString("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + "%" : "–"; }
  function per100k(n, inw) { return inw ? n * 1e5 / inw : 0; }
  function num1(x) { return x.toLocaleString("nl-NL", { maximumFractionDigits: 1 }); }

  function regionMembers(j) {
    var geoms = G.gm.objects.a.geometries, out = G.rm[j].map(function (k) { return geoms[k]; });
    return G.uncertain ? out.concat(G.ru[j].map(function (k) { return geoms[k]; })) : out;
  }
  function drawBoundaries() {
    if (!G) return;
    map.createPane("basis").style.zIndex = 250;  // above tiles (200), below the choropleth and markers
    var canvas = L.canvas({ pane: "basis", padding: 0.3 }), pv = G.pv.objects.a;
    var land = L.geoJSON(topojson.feature(G.pv, pv), { pane: "basis", renderer: canvas, interactive: false,
      style: { stroke: false, fillColor: "#fbfaf6", fillOpacity: 1 } }).addTo(map);
    var borders = L.geoJSON(topojson.mesh(G.pv, pv, function (a, b) { return a !== b; }), { pane: "basis", renderer: canvas,
      interactive: false, style: { color: "#a3acb9", weight: 1 } }).addTo(map);
    var coast = L.geoJSON(topojson.mesh(G.pv, pv, function (a, b) { return a === b; }), { pane: "basis", renderer: canvas,
      interactive: false, style: { color: "#6f7b8c", weight: 1.4 } }).addTo(map);
    basis = [land, borders, coast];
    D.regions.forEach(function (r, j) {
      var members = regionMembers(j);
      if (!members.length) { regionLayers.push(null); return; }
      var layer = L.geoJSON(topojson.merge(G.gm, members), { interactive: false,
        style: { color: "#6a3d9a", weight: 2, fillColor: "#6a3d9a", fillOpacity: 0.08 } });
      layer.bindTooltip(el("span", null, r), { permanent: true, direction: "center", className: "regio-label" });
      layer.addTo(map); regionLayers.push(layer);
      if (!G.uncertain && G.ru[j].length)  // uncertain members: dashed, not counted (as in the counts)
        L.geoJSON(topojson.merge(G.gm, G.ru[j].map(function (k) { return G.gm.objects.a.geometries[k]; })), { interactive: false,
          style: { color: "#6a3d9a", weight: 1.5, dashArray: "4 4", fill: false } }).addTo(map);
    });
  }
  function baseOnline() { if (basis[0]) basis[0].setStyle({ fillOpacity: 0 }); }

  function computeAreas() {
    if (!gem) return;
    gemCount.fill(0);
    for (var i = 0; i < N; i++) if (pass[i] === 1 && gem[i] >= 0) gemCount[gem[i]]++;
  }
  function areaValues() {  // [[count, inwoners], ...] of the current layer
    if (vw.layer === "gemeente") return G.codes.map(function (_, k) { return [gemCount[k], G.inw[k]]; });
    return D.regions.map(function (_, j) { return [regionCount[j], G.rinw[j]]; });
  }
  function valueOf(x) { return vw.measure === "inwoners" ? per100k(x[0], x[1]) : x[0]; }
  function breaks(values) {  // five classes of the non-zero values, by quantile, rounded for the legend
    var v = values.filter(function (x) { return x > 0; }).sort(function (a, b) { return a - b; });
    if (!v.length) return [];
    var out = [];
    for (var q = 1; q < 5; q++) {
      var b = v[Math.min(v.length - 1, Math.floor(q * v.length / 5))];
      b = b >= 10 ? Math.round(b) : Math.round(b * 10) / 10;
      if (!out.length || b > out[out.length - 1]) out.push(b);
    }
    return out;
  }
  function colourOf(x, br) {
    if (!(x > 0)) return ZERO;
    var k = 0; while (k < br.length && x >= br[k]) k++;
    return CLASSES[Math.min(k + (CLASSES.length - 1 - br.length), CLASSES.length - 1)];
  }
  function areaTip(name, x) {
    var box = el("div");
    box.appendChild(el("strong", null, name));
    box.appendChild(el("div", null, fmt(x[0]) + (x[0] === 1 ? " activiteit" : " activiteiten") + " · " +
      num1(per100k(x[0], x[1])) + " per 100.000 inwoners (" + fmt(x[1]) + " inwoners)"));
    return box;
  }
  function ensureGemeenteLayer() {
    if (gmLayer) return gmLayer;
    var k = 0;
    gmLayer = L.geoJSON(topojson.feature(G.gm, G.gm.objects.a), { renderer: L.canvas({ padding: 0.3 }),
      style: { color: "#ffffff", weight: 0.5, fillOpacity: 0.85, fillColor: ZERO },
      onEachFeature: function (f, l) {
        var idx = k++; l._gm = idx;
        l.bindTooltip(function () { return areaTip(G.gm.names[idx], [gemCount[idx], G.inw[idx]]); }, { sticky: true });
      } });
    return gmLayer;
  }
  function renderAreas() {
    var on = G && vw.layer !== "punten";
    $("kaart").classList.toggle("vlakken", !!on);
    if (gmLayer && map.hasLayer(gmLayer) && vw.layer !== "gemeente") map.removeLayer(gmLayer);
    var values = on ? areaValues() : [], v = values.map(valueOf), br = breaks(v);
    regionLayers.forEach(function (layer, j) {
      if (!layer) return;
      layer.setStyle(vw.layer === "regio" ? { fillColor: colourOf(v[j], br), fillOpacity: 0.85 } : { fillColor: "#6a3d9a", fillOpacity: vw.layer === "gemeente" ? 0 : 0.08 });
    });
    if (vw.layer === "gemeente" && G) {
      var layer = ensureGemeenteLayer();
      if (!map.hasLayer(layer)) layer.addTo(map);
      layer.eachLayer(function (l) { l.setStyle({ fillColor: colourOf(v[l._gm], br) }); });
      regionLayers.forEach(function (l) { if (l) l.bringToFront(); });
    }
    renderChoroLegend(on, br, values);
    window.__kaart.areas = on ? { layer: vw.layer, measure: vw.measure, values: v } : null;  // test hook
  }
  function renderChoroLegend(on, br, values) {
    var box = $("vlak-legenda"); box.textContent = ""; box.hidden = !on;
    if (!on) return;
    var unit = vw.measure === "inwoners" ? "per 100.000 inwoners" : "activiteiten";
    box.appendChild(el("span", "vlak-titel", (vw.layer === "gemeente" ? "Per gemeente" : "Per NPVR-regio") + ", " + unit + ":"));
    var edges = [0].concat(br), cls = CLASSES.slice(CLASSES.length - br.length - 1);
    var add = function (colour, text) { var s = el("span", "vlak-klasse"), c = el("span", "vlak-kleur"); c.style.background = colour; s.appendChild(c); s.appendChild(el("span", null, text)); box.appendChild(s); };
    add(ZERO, "0");
    if (values.some(function (x) { return x[0] > 0; }))
      cls.forEach(function (c, k) { add(c, k < br.length ? (k ? "≥ " + num1(edges[k]) + " – " : "> 0 – ") + "< " + num1(edges[k + 1]) : "≥ " + num1(edges[k])); });
    box.setAttribute("data-classes", String(cls.length + 1));
  }

  function renderAbroad() {
    var body = $("buitenland-body"), by = {}, total = 0;
    if (!body) return;
    for (var i = 0; i < N; i++) {
      if (pass[i] !== 1 || !(flags[i] & 2)) continue;
      var name = country && country[i] >= 0 ? S[country[i]] : "onbekend land", x = by[name];
      if (!x) x = by[name] = { n: 0, p: pt[i] };
      x.n++; total++;
    }
    var frag = document.createDocumentFragment();
    Object.keys(by).sort(function (a, b) { return by[b].n - by[a].n || (a < b ? -1 : 1); }).forEach(function (name) {
      var tr = el("tr"), td = el("td"), go = el("button", "naar", name);
      go.type = "button"; go.title = "Toon op de kaart"; tr.setAttribute("data-country", name);
      go.addEventListener("click", function () { map.setView([D.pts[2 * by[name].p], D.pts[2 * by[name].p + 1]], 6); });
      td.appendChild(go); tr.appendChild(td); tr.appendChild(el("td", "num", fmt(by[name].n))); frag.appendChild(tr);
    });
    body.textContent = ""; body.appendChild(frag);
    setCount("buitenland-totaal", total);
  }

  function renderHeadline() {
    var box = $("npvr-kop"); if (!box) return;
    var elsewhere = counts.visible - counts.dh - counts.abroad, x = counts.npvr;
    var share = G ? G.rinw.reduce(function (a, b) { return a + b; }, 0) / G.nl : null;
    box.setAttribute("data-x", String(x)); box.setAttribute("data-y", String(elsewhere));
    box.textContent = "";
    box.appendChild(el("strong", null, fmt(x) + " van de " + fmt(elsewhere) + " activiteiten elders in Nederland (" + pct(x, elsewhere) + ")"));
    box.appendChild(document.createTextNode(" waren in een NPVR-regio" + (share === null ? "." : "; die regio's hebben " + pct(share, 1) + " van de inwoners.")));
    box.appendChild(el("span", "zacht", " Niet in de noemer: Den Haag " + fmt(counts.dh) + ", buitenland " + fmt(counts.abroad) +
      ", locatie onbekend " + fmt(counts.unlocated) + "."));
  }
  function renderExtras() { computeAreas(); if (map) renderAreas(); renderAbroad(); renderHeadline(); }

  /* view options <-> form and hash (keys laag, maat, lo; not filters, so the export ignores them) */
  function viewHash(parts) {
    if (vw.layer !== "punten") parts.push("laag=" + vw.layer);
    if (vw.measure !== "aantal") parts.push("maat=" + vw.measure);
    if (vw.unknown !== "tonen") parts.push("lo=" + vw.unknown);
  }
  function readViewParam(k, v) {
    if (k === "laag" && LAYERS[v]) vw.layer = v;
    else if (k === "maat" && MEASURES[v]) vw.measure = v;
    else if (k === "lo" && UNKNOWN[v]) vw.unknown = v;
  }
  function writeViewForm() {
    if (!$("v-layer")) return;
    $("v-layer").value = vw.layer; $("v-measure").value = vw.measure; $("l-unknown").value = vw.unknown;
    $("v-measure").disabled = vw.layer === "punten";
  }
  function wireView() {
    if (!G) { $("v-layer").disabled = true; $("v-measure").disabled = true; }
    var onView = function () {
      vw.layer = $("v-layer").value; vw.measure = $("v-measure").value; $("v-measure").disabled = vw.layer === "punten";
      var s = performance.now(); renderAreas(); writeHash(); window.__kaart.lastUpdateMs = performance.now() - s; window.__kaart.updates++;
    };
    $("v-layer").addEventListener("change", onView); $("v-measure").addEventListener("change", onView);
    $("l-unknown").addEventListener("change", function () {
      vw.unknown = $("l-unknown").value; page = 0; renderList(); writeHash(); window.__kaart.updates++;
    });
  }

  /* ---- wiring ---- */
  function update() {
    var s = performance.now(), phases = {}, t = s;
    var step = function (name, fn) { fn(); var n = performance.now(); phases[name] = n - t; t = n; };
    step("filter", compute); step("cluster", buildIndex); step("markers", drawMarkers); step("counts", renderCounts); step("areas", renderExtras);
    page = 0; step("list", renderList); step("hash", writeHash);
    window.__kaart.lastUpdateMs = performance.now() - s; window.__kaart.phases = phases; window.__kaart.updates++;
  }
  function fillSelects() {
    var groups = {};
    D.persons.forEach(function (p) {
      var m = p[2] >= 0 ? D.ministries[p[2]] : "Overig";
      if (!groups[m]) { groups[m] = el("optgroup"); groups[m].label = m; }
      var o = el("option", null, p[1] + " (" + fmt(p[3]) + ")"); o.value = p[0]; groups[m].appendChild(o);
    });
    Object.keys(groups).sort().forEach(function (m) { $("f-person").appendChild(groups[m]); });
    D.ministries.forEach(function (m) { var o = el("option", null, m); o.value = m; $("f-ministry").appendChild(o); });
    D.types.forEach(function (t) { var o = el("option", null, TYPE_NAMES[t] || t); o.value = t; $("f-type").appendChild(o); });
  }
  function subtitle() {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < N; i++) { if (day[i] < lo) lo = day[i]; if (day[i] > hi) hi = day[i]; }
    $("ondertitel").textContent = fmt(N) + " activiteiten van " + fmt(NP) + " bewindspersonen" +
      (N ? ", " + dateText(lo) + " – " + dateText(hi) : "") + ". Een punt is een plaats; de kleuren zijn de soorten activiteit.";
    $("voet-tekst").textContent = "Gemaakt op " + D.generated + " met agendakaart " + D.v + ". Plaatsen en soorten zijn automatisch bepaald; elke activiteit vermeldt waarom.";
    $("f-from").min = $("f-to").min = N ? isoOf(lo) : ""; $("f-from").max = $("f-to").max = N ? isoOf(hi) : "";
  }
  function initMap(view) {
    map = L.map("kaart", { zoomControl: true, worldCopyJump: true, minZoom: 2, zoomSnap: 0.25, zoomDelta: 0.5 });
    var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", { maxZoom: 18,
      attribution: "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>-bijdragers" });
    drawBoundaries();  // CBS country, provinces and NPVR regions: the base until real tiles arrive, then outlines
    tiles.once("tileload", function () { baseOnline(); document.body.classList.remove("offline"); });
    tiles.once("tileerror", function () { document.body.classList.add("offline"); map.attributionControl.addAttribution("offline: geen achtergrondkaart"); });
    tiles.addTo(map);
    map.attributionControl.setPrefix("Leaflet · grenzen en inwoners: CBS (CC BY 4.0) · GeoNames (CC BY 4.0)");
    markers = new MarkerLayer().addTo(map);
    if (view) map.setView([view[1], view[2]], view[0]); else map.fitBounds(NL_BOUNDS);
    var labels = function () { $("kaart").classList.toggle("toon-labels", map.getZoom() >= 8); };
    map.on("zoomend", labels); labels();
    map.on("moveend", function () { drawMarkers(); writeHash(); });
  }
  window.__kaart = { ready: false, updates: 0, markers: 0, lastUpdateMs: null, firstRenderMs: null };
  fillSelects(); subtitle();
  var view = readHash(); writeForm(); writeViewForm(); renderHead();
  compute(); buildIndex(); initMap(view); drawMarkers(); renderCounts(); renderExtras(); renderList(); writeHash();
  wireView();
  $("filters").addEventListener("change", function (e) { if (e.target.id !== "p-zoek") { readForm(); update(); } });
  var textTimer = null;
  $("f-text").addEventListener("input", function () {
    clearTimeout(textTimer); textTimer = setTimeout(function () { readForm(); update(); }, 250);
  });
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  $("f-reset").addEventListener("click", function () { state = emptyState(); writeForm(); update(); });
  $("f-copy").addEventListener("click", function () {
    var done = function (ok) { $("f-copy").textContent = ok ? "Link gekopieerd" : "Kopieer de adresbalk"; };
    try { navigator.clipboard.writeText(location.href).then(function () { done(true); }, function () { done(false); }); } catch (e) { done(false); }
  });
  $("legenda").addEventListener("click", function (e) {
    var b = e.target.closest("[data-type]"); if (!b) return;
    var t = b.getAttribute("data-type"), only = state.types.length === 1 && state.types[0] === t;
    state.types = only ? [] : [t]; writeForm(); update();
  });
  $("p-zoek").addEventListener("input", function () {
    var q = fold($("p-zoek").value.trim());
    Array.prototype.forEach.call($("f-person").querySelectorAll("optgroup"), function (g) {
      var any = false;
      Array.prototype.forEach.call(g.children, function (o) { o.hidden = !!q && fold(o.textContent).indexOf(q) < 0; any = any || !o.hidden; });
      g.hidden = !any;
    });
  });
  $("l-prev").addEventListener("click", function () { page--; renderList(); });
  $("l-next").addEventListener("click", function () { page++; renderList(); });
  window.addEventListener("hashchange", function () {
    var v = readHash(); writeForm(); writeViewForm(); renderHead(); update(); if (v) map.setView([v[1], v[2]], v[0]);
  });
  window.__kaart.firstRenderMs = performance.now() - t0;
  window.__kaart.ready = true;
})();
