// newsgraph UI: hash-routed pages over the JSON API. Plain DOM, no framework, no build step.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const main = $("#main");

// ---------- small helpers ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, body) {
  const init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  let data;
  try { data = await res.json(); } catch (_) { data = { error: `HTTP ${res.status}` }; }
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") u.set(k, v);
  const s = u.toString();
  return s ? "?" + s : "";
}

function fail(err) {
  main.replaceChildren(h("p", { class: "error", role: "alert" }, err.message || String(err)));
}

// The snippet is HTML with matched words in <b>; rebuild it from text nodes and <b> only, so
// nothing else in an article can become markup.
function snippet(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  const out = h("span", { class: "snip" });
  const walk = (node, into) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) into.append(c.textContent);
      else if (c.nodeName === "B") { const b = h("b"); walk(c, b); into.append(b); }
      else walk(c, into);
    }
  };
  walk(t.content, out);
  return out;
}

const TYPES = { PERSON: "person", ORGANIZATION: "organization", LOCATION: "place", NATIONALITY: "nationality", MISC: "other" };
const TYPE_COLOURS = { PERSON: "#2563eb", ORGANIZATION: "#ea580c", LOCATION: "#16a34a", NATIONALITY: "#0d9488", MISC: "#7c3aed" };
const entityHref = (idOrName) => "#/entity/" + encodeURIComponent(idOrName);
const articleHref = (id) => "#/article/" + encodeURIComponent(id);

// ---------- charts ----------

// Fills the gaps of a day or month series so the x axis is time, not a list of periods.
function fillPeriods(series) {
  if (series.length < 2) return series;
  const label = series[0].period;
  const counts = new Map(series.map((p) => [p.period, p.count]));
  const out = [];
  if (/^\d{4}-\d{2}$/.test(label)) {
    let [y, m] = series[0].period.split("-").map(Number);
    const last = series[series.length - 1].period;
    for (let guard = 0; guard < 2400; guard++) {
      const p = `${y}-${String(m).padStart(2, "0")}`;
      out.push({ period: p, count: counts.get(p) || 0 });
      if (p >= last) return out;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return series;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) {
    const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
    const end = day(series[series.length - 1].period);
    if ((end - day(label)) / 864e5 > 3660) return series;
    for (let t = day(label); t <= end; t += 864e5) {
      const p = new Date(t).toISOString().slice(0, 10);
      out.push({ period: p, count: counts.get(p) || 0 });
    }
    return out;
  }
  return series;
}

// A bar chart of counts per period; `onPick(period)` when a bar is clicked.
function barChart(series, onPick, title) {
  const data = fillPeriods(series);
  const W = 800, H = 140, padL = 34, padB = 22, padT = 8;
  const max = Math.max(1, ...data.map((d) => d.count));
  const bw = (W - padL) / Math.max(1, data.length);
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": title || "histogram" });
  chart.append(svg("text", { x: 2, y: padT + 8 }, String(max)), svg("text", { x: 2, y: H - padB }, "0"));
  chart.append(svg("line", { x1: padL, x2: W, y1: H - padB, y2: H - padB, stroke: "#d0d7de" }));
  const every = Math.ceil(data.length / 10);
  data.forEach((d, i) => {
    const bh = ((H - padB - padT) * d.count) / max;
    const x = padL + i * bw;
    const w = Math.max(1, Math.min(bw * 0.8, 48));
    const r = svg("rect", { class: "b", x: x + (bw - w) / 2, y: H - padB - bh, width: w, height: bh }, svg("title", {}, `${d.period}: ${d.count}`));
    if (onPick) r.addEventListener("click", () => onPick(d.period));
    chart.append(r);
    if (i % every === 0) chart.append(svg("text", { x: x + 1, y: H - 6 }, d.period));
  });
  return chart;
}

// The first and last day of a histogram period label (day, ISO week or month).
function periodRange(p) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(p)) return [p, p];
  if (/^\d{4}-\d{2}$/.test(p)) {
    const [y, m] = p.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return [`${p}-01`, last];
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(p);
  if (w) {
    const jan4 = Date.UTC(+w[1], 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7;
    const monday = jan4 - dow * 864e5 + (+w[2] - 1) * 7 * 864e5;
    return [new Date(monday).toISOString().slice(0, 10), new Date(monday + 6 * 864e5).toISOString().slice(0, 10)];
  }
  return [null, null];
}

// ---------- search page ----------

let selected = -1;

async function searchPage(params) {
  const q = params.get("q") || "";
  $("#q").value = q;
  const f = { q, from: params.get("from"), to: params.get("to"), entity: params.get("entity"), source: params.get("source"), offset: params.get("offset"), by: params.get("by"), limit: 20 };
  const go = (changes) => { location.hash = "#/search" + qs({ ...f, limit: undefined, ...changes }); };
  const from = h("input", { type: "date", name: "from", value: f.from || "" });
  const to = h("input", { type: "date", name: "to", value: f.to || "" });
  const ent = h("input", { type: "search", name: "entity", value: f.entity || "", placeholder: "entity name", list: "entity-list", autocomplete: "off" });
  const list = h("datalist", { id: "entity-list" });
  let timer;
  ent.addEventListener("input", () => {
    clearTimeout(timer);
    const v = ent.value.trim();
    if (v.length < 2) return;
    timer = setTimeout(async () => {
      try {
        const r = await api("/api/entities" + qs({ q: v, limit: 10 }));
        list.replaceChildren(...r.entities.map((e) => h("option", { value: e.name }, `${TYPES[e.type] || e.type} · ${e.articles}`)));
      } catch (_) { /* suggestions are optional */ }
    }, 150);
  });
  const by = h("select", { name: "by" }, ["month", "week", "day"].map((b) => h("option", { value: b, selected: (f.by || "month") === b }, b)));
  const form = h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); go({ q: $("#q").value.trim(), from: from.value, to: to.value, entity: ent.value.trim(), by: by.value, offset: undefined }); } },
    h("label", {}, "From", from), h("label", {}, "To", to), h("label", {}, "Entity", ent, list), h("label", {}, "Histogram by", by),
    h("button", { class: "primary", type: "submit" }, "Search"),
    (f.from || f.to || f.entity || f.source) ? h("button", { type: "button", onclick: () => go({ from: undefined, to: undefined, entity: undefined, source: undefined, offset: undefined }) }, "Clear filters") : null);
  const results = h("div", {}, h("p", { class: "muted" }, "Searching…"));
  const side = h("aside", { class: "side" });
  main.replaceChildren(form, h("div", { class: "layout" }, results, side));
  let r;
  try { r = await api("/api/search" + qs(f)); } catch (e) { results.replaceChildren(h("p", { class: "error", role: "alert" }, e.message)); return; }
  const offset = r.offset || 0;
  const head = h("p", { class: "muted", id: "total" }, `${r.total} article${r.total === 1 ? "" : "s"}` + (q ? ` for “${q}”` : "") + (f.entity ? ` mentioning ${f.entity}` : "") + (f.source ? ` from ${f.source}` : "") + (r.total ? ` · ${offset + 1}–${offset + r.hits.length}` : ""));
  const hist = r.histogram.length ? barChart(r.histogram, (p) => { const [a, b] = periodRange(p); go({ from: a, to: b, offset: undefined }); }, "articles per period") : null;
  const hits = h("ol", { class: "hits", id: "hits" }, r.hits.map((x) => h("li", { class: "hit" },
    h("a", { class: "t", href: articleHref(x.id) }, x.title || x.lead || x.id),
    h("div", { class: "meta" }, [x.date, x.source].filter(Boolean).join(" · ")),
    snippet(x.snippet))));
  const pager = h("div", { class: "pager" },
    offset > 0 ? h("button", { onclick: () => go({ offset: Math.max(0, offset - 20) || undefined }) }, "← Previous") : null,
    offset + r.hits.length < r.total ? h("button", { onclick: () => go({ offset: offset + 20 }) }, "Next →") : null);
  results.replaceChildren(head, hist || "", hits, pager);
  selected = -1;
  // The network takes the query and dates (not the entity or source filter).
  const netLabel = f.entity || f.source ? "Network of the query’s articles" : "Network of these articles";
  side.replaceChildren(...[
    r.total ? h("p", {}, h("a", { id: "to-network", href: "#/network" + qs({ q: q || undefined, from: f.from, to: f.to }) }, netLabel + " →")) : null,
    h("h2", {}, "Entities"),
    h("ul", { class: "facet" }, r.top_entities.map((e) => h("li", {},
      h("a", { href: "#/search" + qs({ ...f, limit: undefined, offset: undefined, entity: e.name }), title: "Filter by this entity" }, e.name),
      h("span", {}, h("span", { class: "muted" }, (TYPES[e.type] || e.type) + " "), e.count, " ", h("a", { href: entityHref(e.id), title: "Entity page" }, "›"))))),
    r.top_sources.length ? h("h2", {}, "Sources") : null,
    h("ul", { class: "facet" }, r.top_sources.map((s) => h("li", {},
      h("a", { href: "#/search" + qs({ ...f, limit: undefined, offset: undefined, source: s.name }) }, s.name), h("span", {}, s.count))))].filter(Boolean));
}

function moveSelection(d) {
  const items = [...document.querySelectorAll("#hits .hit")];
  if (!items.length) return;
  selected = Math.max(0, Math.min(items.length - 1, selected + d));
  items.forEach((el, i) => el.classList.toggle("sel", i === selected));
  items[selected].scrollIntoView({ block: "nearest" });
}

// ---------- article rendering (stored articles and the analyze page) ----------

// Renders `doc` (the output contract: code-point offsets) with its layers as nested spans.
function renderDoc(doc) {
  const cps = Array.from(doc.text);
  const anns = [];
  const ents = doc.entities || [];
  ents.forEach((e) => (e.mentions || []).forEach((m) => anns.push({ s: m.start, e: m.end, layer: 1, kind: "ent", ent: e, mkind: m.kind })));
  (doc.timexes || []).forEach((t, i) => anns.push({ s: t.start, e: t.end, layer: 2, kind: "timex", t, i }));
  (doc.amounts || []).forEach((a, i) => anns.push({ s: a.start, e: a.end, layer: 2, kind: "amount", a, i }));
  (doc.quotes || []).forEach((q, i) => {
    anns.push({ s: q.start, e: q.end, layer: 0, kind: "quote", q, i });
    if (q.speaker) anns.push({ s: q.speaker.start, e: q.speaker.end, layer: 0, kind: "speaker", q, i });
  });
  const cuts = new Set([0, cps.length]);
  anns.forEach((a) => { cuts.add(Math.max(0, Math.min(cps.length, a.s))); cuts.add(Math.max(0, Math.min(cps.length, a.e))); });
  const bounds = [...cuts].sort((x, y) => x - y);
  const byId = new Map(ents.map((e) => [e.id, e]));
  const body = h("div", { class: "doc", id: "doc" });
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [s, e] = [bounds[k], bounds[k + 1]];
    let node = document.createTextNode(cps.slice(s, e).join(""));
    const covering = anns.filter((a) => a.s <= s && a.e >= e).sort((x, y) => y.layer - x.layer);
    for (const a of covering) {
      let wrap;
      if (a.kind === "ent") {
        wrap = h("span", { class: `ent ${a.ent.type} ${a.mkind || "name"}`, "data-ent": a.ent.id, title: `${a.ent.name} (${TYPES[a.ent.type] || a.ent.type}${a.mkind && a.mkind !== "name" ? ", " + a.mkind : ""})` });
      } else if (a.kind === "timex") {
        wrap = h("span", { class: "timex", "data-timex": a.i, title: `${a.t.type} ${a.t.value}${a.t.mod ? " " + a.t.mod : ""}` });
      } else if (a.kind === "amount") {
        wrap = h("span", { class: "amount", "data-amount": a.i, title: `${a.a.value} ${a.a.unit || ""}${a.a.object ? " of " + a.a.object.text : ""}` });
      } else if (a.kind === "quote") {
        const sp = a.q.speaker ? (a.q.speaker.entity && byId.get(a.q.speaker.entity) ? byId.get(a.q.speaker.entity).name : a.q.speaker.text) : "unknown speaker";
        wrap = h("span", { class: "quote", "data-quote": a.i, title: `Speaker: ${sp}${a.q.cue ? " (" + a.q.cue.text + ")" : ""}` });
      } else {
        wrap = h("span", { class: "speaker", "data-speaker-of": a.i });
      }
      wrap.append(node);
      node = wrap;
    }
    body.append(node);
  }
  body.addEventListener("click", (ev) => {
    const q = ev.target.closest("[data-quote]");
    const en = ev.target.closest("[data-ent]");
    if (q) showQuote(doc, +q.dataset.quote, q, byId);
    else if (en) light(`[data-ent="${en.dataset.ent}"]`);
  });
  return body;
}

function light(sel) {
  document.querySelectorAll(".lit").forEach((el) => el.classList.remove("lit"));
  const els = document.querySelectorAll(sel);
  els.forEach((el) => el.classList.add("lit"));
  if (els[0]) els[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

function showQuote(doc, i, anchor, byId) {
  const q = doc.quotes[i];
  document.querySelectorAll(".pop").forEach((p) => p.remove());
  document.querySelectorAll(".lit").forEach((el) => el.classList.remove("lit"));
  document.querySelectorAll(`[data-speaker-of="${i}"]`).forEach((el) => el.classList.add("lit"));
  const ent = q.speaker && q.speaker.entity ? byId.get(q.speaker.entity) : null;
  const r = anchor.getBoundingClientRect();
  const pop = h("div", { class: "pop", role: "dialog", style: `left:${r.left + window.scrollX}px;top:${r.bottom + window.scrollY + 6}px` },
    h("div", {}, h("b", {}, "Speaker: "), ent ? h("a", { href: entityHref(ent.name) }, ent.name) : (q.speaker ? q.speaker.text : "unknown")),
    q.cue ? h("div", { class: "muted" }, `cue “${q.cue.text}” · ${q.kind}`) : h("div", { class: "muted" }, q.kind),
    typeof q.tone === "number" ? h("div", { class: "muted" }, `tone ${q.tone.toFixed(2)}`) : null);
  document.body.append(pop);
  setTimeout(() => document.addEventListener("click", function off(ev) { if (!pop.contains(ev.target)) { pop.remove(); document.removeEventListener("click", off); } }), 0);
}

function legend() {
  return h("div", { class: "legend" },
    Object.entries(TYPES).map(([t, name]) => h("span", { class: `ent ${t}` }, name)),
    h("span", { class: "timex" }, "time expression"), h("span", { class: "amount" }, "amount"), h("span", { class: "quote" }, "quote (click: speaker)"));
}

function factsPanel(doc) {
  const ents = doc.entities || [];
  const byId = new Map(ents.map((e) => [e.id, e]));
  const order = ["PERSON", "ORGANIZATION", "LOCATION", "NATIONALITY", "MISC"];
  const sorted = [...ents].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || b.mentions.length - a.mentions.length);
  const panel = h("aside", { class: "side", id: "facts" },
    h("h2", {}, `Entities (${ents.length})`),
    h("ul", { class: "facts" }, sorted.map((e) => h("li", {},
      h("span", { class: `ent ${e.type}`, onclick: () => light(`[data-ent="${e.id}"]`), title: "Show mentions" }, e.name), " ",
      h("span", { class: "v" }, `${TYPES[e.type] || e.type} · ${e.mentions.length}×`), " ",
      h("a", { href: entityHref(e.name), title: "Entity page across the corpus" }, "›"),
      e.link && e.link.lat !== undefined && e.link.lat !== null ? h("div", { class: "v" }, `${e.link.name || ""} ${e.link.country || ""} ${e.link.lat.toFixed(2)}, ${e.link.lon.toFixed(2)}`) : null))),
    h("h2", {}, `Time expressions (${(doc.timexes || []).length})`),
    h("ul", { class: "facts" }, (doc.timexes || []).map((t, i) => h("li", { onclick: () => light(`[data-timex="${i}"]`) }, h("span", { class: "timex" }, t.text), " ", h("span", { class: "v" }, `${t.type} ${t.value}`)))),
    h("h2", {}, `Quotes (${(doc.quotes || []).length})`),
    h("ul", { class: "facts" }, (doc.quotes || []).map((q, i) => {
      const who = q.speaker ? (q.speaker.entity && byId.get(q.speaker.entity) ? byId.get(q.speaker.entity).name : q.speaker.text) : "unknown";
      return h("li", { onclick: () => light(`[data-quote="${i}"]`) }, h("b", {}, who + ": "), `“${q.text.length > 140 ? q.text.slice(0, 140) + "…" : q.text}”`, h("div", { class: "v" }, q.kind + (q.cue ? ` · ${q.cue.text}` : "")));
    })),
    h("h2", {}, `Amounts (${(doc.amounts || []).length})`),
    h("ul", { class: "facts" }, (doc.amounts || []).map((a, i) => h("li", { onclick: () => light(`[data-amount="${i}"]`) }, h("span", { class: "amount" }, a.text), " ", h("span", { class: "v" }, `${a.value} ${a.unit || ""}${a.object ? " · " + a.object.text : ""}`)))),
    (doc.events || []).length ? h("h2", {}, `Events (${doc.events.length})`) : null,
    h("ul", { class: "facts" }, (doc.events || []).map((ev) => h("li", {}, `${ev.source ? ev.source.text : "?"} → ${ev.target ? ev.target.text : "?"}`, h("div", { class: "v" }, `CAMEO ${ev.code} · ${ev.date}${ev.modality ? " · " + ev.modality : ""}`)))),
    doc.tone ? h("h2", {}, "Tone") : null,
    doc.tone ? h("p", { class: "v" }, `tone ${doc.tone.tone.toFixed(2)} · compound ${doc.tone.compound.toFixed(2)} · ${doc.tone.word_count} words`) : null);
  return panel;
}

function articleView(doc) {
  const first = doc.sentences && doc.sentences[0] ? doc.sentences[0].text : doc.id;
  const title = doc.title || (first.length > 140 ? first.slice(0, first.lastIndexOf(" ", 140)) + " …" : first);
  return h("div", { class: "layout" },
    h("article", {},
      h("h1", { id: "title" }, title),
      h("p", { class: "muted" }, [doc.date, doc.source, doc.id].filter(Boolean).join(" · "), doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer" }, "original")] : null),
      legend(),
      renderDoc(doc)),
    factsPanel(doc));
}

async function articlePage(id) {
  main.replaceChildren(h("p", { class: "muted" }, "Loading article…"));
  const doc = await api("/api/articles/" + encodeURIComponent(id));
  main.replaceChildren(articleView(doc));
  document.title = (doc.title || "Article") + " · newsgraph";
}

// ---------- entity page ----------

function mapOf(link) {
  if (!link || link.lat === undefined || link.lat === null) return null;
  const x = ((link.lon + 180) / 360) * 240, y = ((90 - link.lat) / 180) * 120;
  const grid = [];
  for (let lon = -150; lon <= 150; lon += 30) grid.push(svg("line", { x1: ((lon + 180) / 360) * 240, x2: ((lon + 180) / 360) * 240, y1: 0, y2: 120, stroke: "#cfe0f5" }));
  for (let lat = -60; lat <= 60; lat += 30) grid.push(svg("line", { y1: ((90 - lat) / 180) * 120, y2: ((90 - lat) / 180) * 120, x1: 0, x2: 240, stroke: "#cfe0f5" }));
  return h("div", {},
    svg("svg", { class: "map", viewBox: "0 0 240 120", role: "img", "aria-label": "position" }, grid, svg("circle", { cx: x, cy: y, r: 4, fill: "#dc2626" })),
    h("div", { class: "muted", id: "coords" }, `${link.lat.toFixed(4)}, ${link.lon.toFixed(4)}${link.country ? " · " + link.country : ""}${link.geonames_id ? " · GeoNames " + link.geonames_id : ""}`));
}

async function entityPage(id, params) {
  main.replaceChildren(h("p", { class: "muted" }, "Loading entity…"));
  const by = params.get("by") || "month";
  const e = await api("/api/entities/" + encodeURIComponent(id) + qs({ by, limit: 30 }));
  document.title = e.name + " · newsgraph";
  const bySel = h("select", { onchange: (ev) => { location.hash = entityHref(id) + qs({ by: ev.target.value }); } }, ["day", "week", "month"].map((b) => h("option", { value: b, selected: b === by }, b)));
  const maxCo = Math.max(1, ...e.cooccurring.map((c) => c.count));
  main.replaceChildren(h("div", { class: "layout" },
    h("div", {},
      h("h1", { id: "entity-name" }, e.name, " ", h("span", { class: `chip` }, TYPES[e.type] || e.type)),
      e.aliases.length ? h("p", { class: "muted" }, "Also: " + e.aliases.join(", ")) : null,
      h("div", { class: "stats" }, h("div", {}, h("b", {}, e.articles), "articles"), h("div", {}, h("b", {}, e.mentions), "mentions"), h("div", {}, h("b", {}, e.first_date), "first"), h("div", {}, h("b", {}, e.last_date), "last")),
      h("h2", {}, "Mentions over time ", h("label", { class: "muted" }, "by ", bySel)),
      h("div", { id: "timeline" }, barChart(e.timeline, (p) => { const [a, b] = periodRange(p); location.hash = "#/search" + qs({ entity: e.id, from: a, to: b }); }, "articles per period")),
      h("h2", {}, `Quotes (${e.quotes.length})`),
      e.quotes.length ? h("ul", { class: "quotes", id: "entity-quotes" }, e.quotes.map((q) => h("li", {}, `“${q.text}”`, h("div", { class: "muted" }, `${q.date} · `, h("a", { href: articleHref(q.article_id) }, q.title || q.article_id))))) : h("p", { class: "muted" }, "No quotes attributed."),
      h("h2", {}, "Articles"),
      h("ol", { class: "hits" }, (e.article_hits || []).map((x) => h("li", { class: "hit" }, h("a", { class: "t", href: articleHref(x.id) }, x.title || x.lead || x.id), h("div", { class: "meta" }, [x.date, x.source].filter(Boolean).join(" · ")), snippet(x.snippet)))),
      h("p", {}, h("a", { href: "#/search" + qs({ entity: e.id }) }, "All articles mentioning " + e.name + " →"))),
    h("aside", { class: "side" },
      e.link ? h("h2", {}, "Place") : null, e.link ? h("p", { class: "muted" }, `${e.link.kind}: ${e.link.name || ""}`) : null, mapOf(e.link),
      h("h2", {}, "Co-occurring"),
      h("ul", { class: "facet", id: "cooccurring" }, e.cooccurring.map((c) => h("li", {},
        h("span", {}, h("a", { href: entityHref(c.id) }, c.name), h("div", { class: "bar", style: `width:${(100 * c.count) / maxCo}%` })),
        h("span", {}, c.count)))))));
}

// ---------- network page ----------

// Fruchterman-Reingold on one connected component (`ns` nodes, `ls` links of local indices):
// pairwise repulsion, springs along edges (softened for hubs, so a dense clique does not
// collapse), a pull to the centre; a fixed number of cooling steps from a deterministic spiral
// start, so the picture is stable.
function forceLayout(ns, ls) {
  // Positions and links in typed arrays, scratch arrays allocated once: 300 steps over a dense
  // 80-node graph (2,800 links) took 130–250 ms with objects and destructuring, most of the
  // network page's first paint.
  const n = ns.length, m = ls.length;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) { const a = i * 2.399963, r = 10 * Math.sqrt(i + 1); xs[i] = r * Math.cos(a); ys[i] = r * Math.sin(a); }
  const la = new Int32Array(m), lb = new Int32Array(m);
  const deg = new Float64Array(n);
  for (let l = 0; l < m; l++) { la[l] = ls[l][0]; lb[l] = ls[l][1]; deg[la[l]] += 1; deg[lb[l]] += 1; }
  const lw = new Float64Array(m);
  for (let l = 0; l < m; l++) lw[l] = Math.max(deg[la[l]], deg[lb[l]]);
  const k = 30, far = 36 * k * k, kk = k * k;
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let step = 0, temp = 60; step < 300; step++, temp *= 0.985) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const x = xs[i] - xs[j], y = ys[i] - ys[j];
      const d2 = Math.max(0.01, x * x + y * y);
      // Distant nodes do not push: otherwise a big clique drives its periphery far away.
      if (d2 > far) continue;
      const f = kk / d2;
      dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
    }
    for (let l = 0; l < m; l++) {
      const a = la[l], b = lb[l];
      const x = xs[a] - xs[b], y = ys[a] - ys[b];
      const f = Math.sqrt(x * x + y * y) / k / lw[l];
      dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= xs[i] * 0.15; dy[i] -= ys[i] * 0.15;
      const d = Math.max(0.01, Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])), s = Math.min(d, temp);
      xs[i] += (dx[i] / d) * s; ys[i] += (dy[i] / d) * s;
    }
  }
  for (let i = 0; i < n; i++) { ns[i].x = xs[i]; ns[i].y = ys[i]; }
}

// Lays out each connected component on its own, then packs the components in rows, largest
// first, and scales the whole to the drawing. One force layout over all components pushed
// small ones to the edges and left most of the drawing empty.
function layout(nodes, edges, W, H) {
  const idx = new Map(nodes.map((n, i) => [n.id, i]));
  const links = edges.map((e) => [idx.get(e.source), idx.get(e.target), e.weight]).filter((l) => l[0] !== undefined && l[1] !== undefined);
  const adj = nodes.map(() => []);
  links.forEach(([a, b], li) => { adj[a].push(li); adj[b].push(li); });
  const seen = new Uint8Array(nodes.length), comps = [];
  for (let i = 0; i < nodes.length; i++) {
    if (seen[i]) continue;
    const members = [i];
    seen[i] = 1;
    for (let q = 0; q < members.length; q++) for (const li of adj[members[q]]) for (const o of links[li].slice(0, 2)) if (!seen[o]) { seen[o] = 1; members.push(o); }
    comps.push(members);
  }
  comps.sort((a, b) => b.length - a.length || a[0] - b[0]);
  const pad = 34, labelPad = 90;
  const boxes = comps.map((members) => {
    const local = new Map(members.map((g, j) => [g, j]));
    const ls = [];
    members.forEach((g) => adj[g].forEach((li) => { const [a, b, w] = links[li]; if (a === g) ls.push([local.get(a), local.get(b), w]); }));
    const ns = members.map((g) => nodes[g]);
    forceLayout(ns, ls);
    const xs = ns.map((n) => n.x), ys = ns.map((n) => n.y);
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    return { ns, x0, y0, w: Math.max(...xs) - x0 + pad + labelPad, h: Math.max(...ys) - y0 + pad };
  });
  // Shelf packing: rows of components, largest first. Every row width from the widest component
  // to all in one row is tried; the one that lets the drawing be largest wins.
  const pack = (rowW) => {
    let x = 0, y = 0, rowH = 0, totalW = 0;
    const at = boxes.map((b) => {
      if (x > 0 && x + b.w > rowW) { x = 0; y += rowH; rowH = 0; }
      const p = [x, y];
      x += b.w; rowH = Math.max(rowH, b.h); totalW = Math.max(totalW, x);
      return p;
    });
    const totalH = y + rowH;
    // Fill the drawing, but do not blow a handful of nodes up to giant spacing.
    return { at, totalW, totalH, s: Math.min((W - 40) / totalW, (H - 40) / totalH, 2.5) };
  };
  let best = null, sum = 0;
  for (const b of boxes) {
    sum += b.w;
    const p = pack(Math.max(sum, boxes[0].w));
    if (!best || p.s > best.s) best = p;
  }
  const { at, totalW, totalH, s } = best;
  boxes.forEach((b, i) => { [b.ox, b.oy] = at[i]; });
  const offX = (W - totalW * s) / 2, offY = (H - totalH * s) / 2;
  for (const b of boxes) for (const n of b.ns) {
    n.x = offX + (b.ox + pad / 2 + n.x - b.x0) * s;
    n.y = offY + (b.oy + pad / 2 + n.y - b.y0) * s;
  }
  return links;
}

async function networkPage(params) {
  const f = { q: params.get("q"), from: params.get("from"), to: params.get("to"), min: params.get("min") || "1", nodes: params.get("nodes") || "80" };
  const query = h("input", { type: "search", value: f.q || "", placeholder: "all articles", id: "net-q", style: "width:16em" });
  const from = h("input", { type: "date", value: f.from || "" }), to = h("input", { type: "date", value: f.to || "" });
  const min = h("input", { type: "number", min: 1, value: f.min, style: "width:5em" }), count = h("input", { type: "number", min: 2, max: 400, value: f.nodes, style: "width:6em" });
  const form = h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); location.hash = "#/network" + qs({ q: query.value.trim(), from: from.value, to: to.value, min: min.value, nodes: count.value }); } },
    h("label", {}, "Articles matching", query), h("label", {}, "From", from), h("label", {}, "To", to), h("label", {}, "Min shared articles", min), h("label", {}, "Nodes", count), h("button", { class: "primary" }, "Draw"),
    f.q ? h("a", { href: "#/search" + qs({ q: f.q, from: f.from, to: f.to }) }, "These articles →") : null);
  const box = h("div", {}, h("p", { class: "muted" }, "Loading network…"));
  main.replaceChildren(h("h1", {}, "Co-occurrence network"), form, box);
  const g = await api("/api/graph" + qs(f));
  if (!g.nodes.length) { box.replaceChildren(h("p", { class: "muted" }, f.q ? `No entities share articles among the ${g.articles} matching “${f.q}” in this range.` : "No entities share articles in this range.")); return; }
  const W = 1200, H = 640;
  const links = layout(g.nodes, g.edges, W, H);
  const maxA = Math.max(1, ...g.nodes.map((n) => n.articles)), maxW = Math.max(1, ...g.edges.map((e) => e.weight));
  const net = svg("svg", { class: "net", id: "network", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "entity network" });
  const lines = links.map(([a, b, w]) => svg("line", { x1: g.nodes[a].x, y1: g.nodes[a].y, x2: g.nodes[b].x, y2: g.nodes[b].y, "stroke-width": 0.5 + (2.5 * w) / maxW, "stroke-opacity": 0.25 + (0.5 * w) / maxW, "data-a": a, "data-b": b }));
  net.append(...lines);
  const labelled = new Set([...g.nodes.keys()].sort((a, b) => g.nodes[b].articles - g.nodes[a].articles).slice(0, 40));
  g.nodes.forEach((n, i) => {
    const r = 4 + 10 * Math.sqrt(n.articles / maxA);
    const c = svg("circle", { cx: n.x, cy: n.y, r, fill: TYPE_COLOURS[n.type] || "#888", tabindex: 0, "data-i": i }, svg("title", {}, `${n.name} (${TYPES[n.type] || n.type}) · ${n.articles} articles`));
    c.addEventListener("click", () => { location.hash = entityHref(n.id); });
    c.addEventListener("keydown", (ev) => { if (ev.key === "Enter") location.hash = entityHref(n.id); });
    c.addEventListener("mouseenter", () => { lines.forEach((l) => l.classList.toggle("dim", +l.dataset.a !== i && +l.dataset.b !== i)); });
    c.addEventListener("mouseleave", () => lines.forEach((l) => l.classList.remove("dim")));
    net.append(c);
    if (labelled.has(i)) net.append(svg("text", { x: n.x + r + 2, y: n.y + 4 }, n.name));
  });
  const scope = f.q ? `${g.articles} article${g.articles === 1 ? "" : "s"} matching “${f.q}”: ` : "";
  const linkCount = g.total_edges === null || g.total_edges === undefined ? `${g.edges.length} links` : `${g.edges.length} of ${g.total_edges} links`;
  box.replaceChildren(h("p", { class: "muted", id: "net-summary" }, `${scope}${g.nodes.length} of ${g.total_nodes} entities, ${linkCount}. Click a node for its page.`),
    h("div", { class: "legend" }, Object.entries(TYPES).map(([t, name]) => h("span", { style: `color:${TYPE_COLOURS[t]}` }, "● " + name))), net);
}

// ---------- analyze page ----------

function analyzePage() {
  const date = h("input", { type: "date", id: "an-date", required: true });
  const title = h("input", { type: "text", id: "an-title", placeholder: "optional headline", style: "width:100%" });
  const text = h("textarea", { id: "an-text", placeholder: "Paste an article here. Ctrl+Enter analyses it.", required: true });
  const out = h("div", { id: "an-out" });
  const run = async (e) => {
    if (e) e.preventDefault();
    out.replaceChildren(h("p", { class: "muted" }, "Analysing…"));
    try {
      const doc = await api("/api/analyze", { date: date.value, text: text.value, title: title.value || undefined });
      out.replaceChildren(articleView(doc));
    } catch (err) { out.replaceChildren(h("p", { class: "error", role: "alert" }, err.message)); }
  };
  text.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(e); });
  main.replaceChildren(h("h1", {}, "Analyze text"),
    h("p", { class: "muted" }, "Nothing is stored. Relative dates (“last Tuesday”) are resolved against the publication date."),
    h("form", { onsubmit: run }, h("div", { class: "filters" }, h("label", {}, "Publication date", date), h("label", { style: "flex:1" }, "Title", title)), text, h("p", {}, h("button", { class: "primary", id: "an-run" }, "Analyze"))),
    out);
  text.focus();
}

// ---------- routing and keys ----------

async function route() {
  document.querySelectorAll(".pop").forEach((p) => p.remove());
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean);
  const page = parts[0] || "search";
  document.querySelectorAll("nav a[data-nav]").forEach((a) => a.classList.toggle("on", a.dataset.nav === page));
  document.title = "newsgraph";
  try {
    if (page === "search") await searchPage(params);
    else if (page === "article" && parts[1]) await articlePage(decodeURIComponent(parts[1]));
    else if (page === "entity" && parts[1]) await entityPage(decodeURIComponent(parts[1]), params);
    else if (page === "network") await networkPage(params);
    else if (page === "analyze") analyzePage();
    else throw new Error("No such page: " + hash);
  } catch (e) { fail(e); }
  window.scrollTo(0, 0);
  // "page painted": after the next frame has been drawn (the browser test reads these marks to
  // time each page from navigation start).
  requestAnimationFrame(() => setTimeout(() => performance.mark("painted:" + page), 0));
}

$("#topsearch").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = $("#q").value.trim();
  // Keep the filters when searching again from the search page.
  const cur = location.hash.startsWith("#/search") ? new URLSearchParams(location.hash.split("?")[1] || "") : new URLSearchParams();
  cur.set("q", q); cur.delete("offset");
  location.hash = "#/search?" + cur.toString();
  $("#q").blur();
});

document.addEventListener("keydown", (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (e.key === "Escape") { document.activeElement.blur(); document.querySelectorAll(".pop").forEach((p) => p.remove()); return; }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "/") { e.preventDefault(); $("#q").focus(); $("#q").select(); }
  else if (e.key === "j") moveSelection(1);
  else if (e.key === "k") moveSelection(-1);
  else if (e.key === "Enter" && selected >= 0) { const a = document.querySelectorAll("#hits .hit a.t")[selected]; if (a) location.hash = a.getAttribute("href"); }
  else if (e.key === "g") location.hash = "#/network";
  else if (e.key === "a") location.hash = "#/analyze";
});

window.addEventListener("hashchange", route);
route();
