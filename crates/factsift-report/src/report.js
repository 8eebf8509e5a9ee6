"use strict";
(function () {
  var PAGE = 100;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var docIndex = new Map();
  data.docs.forEach(function (d, i) {
    d.n = i;
    d.keptp = d.bytes ? Math.round((100 * d.kept) / d.bytes) : 0;
    docIndex.set(d.id, i);
  });
  var gold = data.gold;
  var factKey = new Map();
  data.facts.forEach(function (f, i) {
    f.n = i;
    f.nsources = f.sources.length;
    f.nconflicts = f.conflicts.length;
    f.status = gold ? gold.status[i] : "";
    f.sources.forEach(function (s) {
      var k = s[0] + "\u0000" + s[1] + "\u0000" + s[2];
      if (!factKey.has(k)) factKey.set(k, []);
      factKey.get(k).push(i);
    });
  });
  var factById = new Map();
  data.facts.forEach(function (f) { if (f.id) factById.set(f.id, f.n); });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.href = href;
    return a;
  }
  function fmt(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(+v.toPrecision(6));
    return String(v);
  }
  function pct(v) { return (100 * v).toFixed(1) + "%"; }
  function sourceHref(s) {
    var i = docIndex.get(s[0]);
    return i === undefined ? null : "#doc/" + i + "/" + s[1] + "/" + s[2];
  }

  // Header.
  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  var nFacts = 0;
  data.docs.forEach(function (d) { nFacts += d.facts; });
  var stats = data.docs.length + " documents, " + data.skipped.length + " skipped, " +
    nFacts + " fact mentions, " + data.facts.length + " merged facts";
  if (gold) {
    stats += "; strict F1 " + pct(gold.summary.strict.f1) + ", lenient F1 " + pct(gold.summary.lenient.f1);
    document.getElementById("nav-gold").hidden = false;
    document.getElementById("facts-status").hidden = false;
  } else {
    document.querySelectorAll(".goldcol").forEach(function (e) { e.remove(); });
  }
  document.getElementById("stats").textContent = stats;

  // A sortable, filterable, paged table.
  function Table(id, pagerId, rows, renderRow) {
    this.table = document.getElementById(id);
    this.body = this.table.tBodies[0];
    this.pager = document.getElementById(pagerId);
    this.all = rows;
    this.rows = rows;
    this.page = 0;
    this.renderRow = renderRow;
    this.sortKey = null;
    this.sortDir = 1;
    var self = this;
    this.table.querySelectorAll("th[data-key]").forEach(function (th) {
      th.addEventListener("click", function () { self.sort(th); });
    });
  }
  Table.prototype.sort = function (th) {
    var key = th.getAttribute("data-key");
    this.sortDir = this.sortKey === key ? -this.sortDir : 1;
    this.sortKey = key;
    this.table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
    th.classList.add(this.sortDir > 0 ? "asc" : "desc");
    this.applySort();
    this.page = 0;
    this.render();
  };
  Table.prototype.applySort = function () {
    if (!this.sortKey) return;
    var key = this.sortKey, dir = this.sortDir;
    this.rows = this.rows.slice().sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x === y) return a.n - b.n;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
      return String(x).localeCompare(String(y)) * dir;
    });
  };
  Table.prototype.filter = function (pred) {
    this.rows = this.all.filter(pred);
    this.applySort();
    this.page = 0;
    this.render();
  };
  Table.prototype.render = function () {
    var self = this;
    var pages = Math.max(1, Math.ceil(this.rows.length / PAGE));
    if (this.page >= pages) this.page = pages - 1;
    var frag = document.createDocumentFragment();
    this.rows.slice(this.page * PAGE, (this.page + 1) * PAGE).forEach(function (r) {
      frag.appendChild(self.renderRow(r));
    });
    this.body.replaceChildren(frag);
    this.pager.replaceChildren();
    var prev = el("button", null, "\u2039 prev"), next = el("button", null, "next \u203a");
    prev.disabled = this.page === 0;
    next.disabled = this.page >= pages - 1;
    prev.addEventListener("click", function () { self.page--; self.render(); });
    next.addEventListener("click", function () { self.page++; self.render(); });
    this.pager.append(prev, el("span", null, "page " + (this.page + 1) + " of " + pages +
      " (" + this.rows.length + " rows)"), next);
  };
  Table.prototype.show = function (i) {
    var pos = this.rows.indexOf(this.all[i]);
    if (pos < 0) { this.rows = this.all; this.applySort(); pos = this.rows.indexOf(this.all[i]); }
    this.page = Math.floor(pos / PAGE);
    this.render();
    var tr = this.body.querySelector('tr[data-n="' + i + '"]');
    if (tr) { tr.classList.add("flash"); tr.scrollIntoView({ block: "center" }); }
  };
  function td(tr, v, cls) { var c = el("td", cls, v); tr.appendChild(c); return c; }

  // Index of documents.
  var indexTable = new Table("index-table", "index-pager", data.docs, function (d) {
    var tr = el("tr");
    tr.setAttribute("data-n", d.n);
    td(tr, d.n, "num");
    var c = td(tr, "");
    c.appendChild(link("#doc/" + d.n, d.id));
    if (d.source && d.source !== d.id) c.appendChild(el("div", "muted", d.source));
    td(tr, d.date || "");
    td(tr, d.bytes, "num");
    td(tr, d.keptp, "num");
    td(tr, d.dropped, "num");
    td(tr, d.entities, "num");
    td(tr, d.quantities, "num");
    td(tr, d.times, "num");
    td(tr, d.facts, "num");
    return tr;
  });
  document.getElementById("index-filter").addEventListener("input", function (ev) {
    var q = ev.target.value.toLowerCase();
    indexTable.filter(function (d) {
      return !q || d.id.toLowerCase().indexOf(q) >= 0 || d.source.toLowerCase().indexOf(q) >= 0;
    });
  });
  indexTable.render();
  if (data.skipped.length) {
    var sk = document.getElementById("skipped");
    sk.appendChild(el("h3", null, "Skipped inputs (" + data.skipped.length + ")"));
    var ul = el("ul");
    data.skipped.slice(0, 1000).forEach(function (s) { ul.appendChild(el("li", null, s.source + ": " + s.reason)); });
    sk.appendChild(ul);
  }

  // Source links, one per document (its first span), at most MAX_SOURCES.
  var MAX_SOURCES = 6;
  function sourceLinks(c, sources) {
    var seen = new Set(), shown = 0;
    sources.forEach(function (s) {
      if (seen.has(s[0])) return;
      seen.add(s[0]);
      if (shown++ >= MAX_SOURCES) return;
      var h = sourceHref(s);
      c.appendChild(h ? link(h, s[0], "src") : el("span", "src muted", s[0]));
    });
    if (shown > MAX_SOURCES) c.appendChild(el("span", "muted", "+" + (shown - MAX_SOURCES) + " more documents"));
  }

  // Facts table.
  function statusBadge(s) {
    var names = { hit: "hit", lenient: "lenient hit", fp: "false positive", optional: "optional", miss: "miss" };
    return el("span", "badge st-" + s, names[s] || s);
  }
  var factsTable = new Table("facts-table", "facts-pager", data.facts, function (f) {
    var tr = el("tr");
    tr.setAttribute("data-n", f.n);
    td(tr, f.n, "num");
    td(tr, f.id || "");
    td(tr, f.subject);
    td(tr, f.metric);
    td(tr, f.value_max === null || f.value_max === undefined ? fmt(f.value) : fmt(f.value) + ".." + fmt(f.value_max), "num");
    td(tr, f.unit);
    td(tr, f.period || "");
    td(tr, f.per || "");
    td(tr, f.scope || "");
    td(tr, f.support === null ? "" : f.support, "num");
    var c = td(tr, "");
    sourceLinks(c, f.sources);
    c = td(tr, "");
    f.conflicts.forEach(function (id) {
      var a = link("#fact/" + encodeURIComponent(id), id, "src");
      c.appendChild(a);
    });
    if (gold) td(tr, "").appendChild(statusBadge(f.status));
    return tr;
  });
  var metrics = new Set();
  data.facts.forEach(function (f) { metrics.add(f.metric); });
  var dl = document.getElementById("metrics");
  Array.from(metrics).sort().forEach(function (m) { var o = el("option"); o.value = m; dl.appendChild(o); });
  var fSubject = document.getElementById("facts-subject"),
    fMetric = document.getElementById("facts-metric"),
    fStatus = document.getElementById("facts-status");
  function filterFacts() {
    var s = fSubject.value.toLowerCase(), m = fMetric.value.toLowerCase(), st = fStatus.value;
    factsTable.filter(function (f) {
      return (!s || f.subject.toLowerCase().indexOf(s) >= 0) &&
        (!m || f.metric.toLowerCase().indexOf(m) >= 0) && (!st || f.status === st);
    });
  }
  [fSubject, fMetric, fStatus].forEach(function (e) { e.addEventListener("input", filterFacts); });
  factsTable.render();

  // Gold summary and misses.
  if (gold) {
    var sb = document.querySelector("#gold-summary tbody");
    ["strict", "lenient"].forEach(function (mode) {
      var c = gold.summary[mode], tr = el("tr");
      td(tr, mode);
      [pct(c.precision), pct(c.recall), pct(c.f1), c.tp, c.fp, c.fn, c.dropped_optional].forEach(function (v) { td(tr, v, "num"); });
      sb.appendChild(tr);
    });
    var sr = gold.summary.source_recall;
    document.getElementById("gold-extra").textContent = gold.summary.gold + " gold facts (" +
      gold.summary.gold_optional + " optional), " + gold.summary.predicted + " predicted; source recall " +
      pct(sr.recall) + " (" + sr.hits + "/" + sr.total + ")";
    var mb = document.querySelector("#gold-misses tbody");
    gold.misses.forEach(function (m) {
      var tr = el("tr");
      var c = td(tr, "");
      c.appendChild(m.lenient_miss ? statusBadge("miss") : el("span", "badge st-lenient", "strict miss, lenient hit"));
      c.appendChild(document.createTextNode(" " + m.gold));
      c = td(tr, "");
      if (m.near !== null && m.near !== undefined && data.facts[m.near]) {
        var f = data.facts[m.near];
        c.appendChild(link("#fact/" + m.near, "#" + m.near + " " + f.subject + " | " + f.metric + " | " +
          fmt(f.value) + " " + f.unit + " | " + (f.period || "-")));
      }
      c = td(tr, "");
      sourceLinks(c, m.sources);
      mb.appendChild(tr);
    });
  }

  // Per-document view, rendered on demand from its JSON block.
  var current = { n: -1, doc: null, segs: [], map: null };
  function byteToIndex(text) {
    // map[b] = UTF-16 index of UTF-8 byte offset b.
    var map = new Int32Array(text.length * 3 + 1), b = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i), n;
      if (c < 0x80) n = 1;
      else if (c < 0x800) n = 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        map[b] = i; map[b + 1] = i; map[b + 2] = i; map[b + 3] = i; b += 4; i++; continue;
      } else n = 3;
      for (var k = 0; k < n; k++) map[b + k] = i;
      b += n;
    }
    map[b] = text.length;
    return map.subarray(0, b + 1);
  }
  function loadDoc(n) {
    var node = document.getElementById("doc-" + n);
    return node ? JSON.parse(node.textContent) : null;
  }
  function renderDoc(n) {
    if (current.n === n) return true;
    var doc = loadDoc(n);
    if (!doc) return false;
    var text = doc.text, map = byteToIndex(text), len = map.length - 1;
    function u(b) { return map[Math.max(0, Math.min(b, len))]; }
    var spans = [];
    doc.dropped.forEach(function (d) { spans.push({ s: d[0], e: d[1], cls: "drop", tip: "dropped: " + d[2], drop: d[2] }); });
    if (doc.title) spans.push({ s: doc.title[0], e: doc.title[1], cls: "title-span", tip: "title" });
    doc.entities.forEach(function (d) { spans.push({ s: d[0], e: d[1], cls: "ent ent-" + d[2], tip: d[2] + ": " + d[3], lab: d[2] }); });
    doc.quantities.forEach(function (d) { spans.push({ s: d[0], e: d[1], cls: "qty qty-" + d[2], tip: d[2] + ": " + d[3], lab: d[2] }); });
    doc.times.forEach(function (d) { spans.push({ s: d[0], e: d[1], cls: "time", tip: "time: " + d[2], lab: "time" }); });
    var bset = new Set([0, len]);
    spans.forEach(function (s) { bset.add(s.s); bset.add(s.e); });
    doc.sentences.forEach(function (x) { bset.add(x[0]); bset.add(x[1]); });
    doc.facts.forEach(function (f) { bset.add(f[0]); bset.add(f[1]); });
    var bounds = Array.from(bset).filter(function (b) { return b >= 0 && b <= len; }).sort(function (a, b) { return a - b; });
    var segIdx = new Map();
    bounds.forEach(function (b, i) { segIdx.set(b, i); });
    var segCls = bounds.map(function () { return []; }), segTip = bounds.map(function () { return []; });
    var endLabs = bounds.map(function () { return []; }), startLabs = bounds.map(function () { return []; });
    spans.forEach(function (sp) {
      var a = segIdx.get(sp.s), z = segIdx.get(sp.e);
      if (a === undefined || z === undefined || a >= z) return;
      for (var i = a; i < z; i++) { segCls[i].push(sp.cls); segTip[i].push(sp.tip); }
      if (sp.lab) endLabs[z].push(sp.lab);
      if (sp.drop) startLabs[a].push(sp.drop);
    });
    var box = document.getElementById("doc-text"), frag = document.createDocumentFragment(), segs = [];
    for (var i = 0; i < bounds.length; i++) {
      endLabs[i].forEach(function (l) { frag.appendChild(el("span", "lab", l)); });
      startLabs[i].forEach(function (l) { frag.appendChild(el("span", "droplab", l)); });
      if (i + 1 >= bounds.length) break;
      var s = el("span", segCls[i].join(" "), text.slice(u(bounds[i]), u(bounds[i + 1])));
      if (segTip[i].length) s.title = segTip[i].join("\n");
      segs.push({ b: bounds[i], e: bounds[i + 1], el: s });
      frag.appendChild(s);
    }
    box.replaceChildren(frag);
    current = { n: n, doc: doc, segs: segs };
    document.getElementById("doc-title").textContent = doc.id;
    var meta = [doc.source];
    if (doc.url) meta.push(doc.url);
    if (doc.date) meta.push(doc.date);
    var d = data.docs[n];
    meta.push(d.bytes + " bytes, " + d.keptp + "% kept, " + d.dropped + " dropped blocks, " + d.entities +
      " entities, " + d.quantities + " numbers, " + d.times + " times, " + d.facts + " facts");
    document.getElementById("doc-meta").textContent = meta.join(" \u00b7 ");
    document.getElementById("doc-prev").href = n > 0 ? "#doc/" + (n - 1) : "#index";
    document.getElementById("doc-next").href = n + 1 < data.docs.length ? "#doc/" + (n + 1) : "#index";
    var ol = document.getElementById("doc-facts");
    ol.replaceChildren();
    if (!doc.facts.length) ol.appendChild(el("li", "muted", "no facts"));
    doc.facts.forEach(function (f, k) {
      var li = el("li", "doc-fact");
      li.setAttribute("data-k", k);
      li.appendChild(el("span", null, f[2]));
      (factKey.get(doc.id + "\u0000" + f[0] + "\u0000" + f[1]) || []).forEach(function (fi) {
        var fact = data.facts[fi];
        var parts = f[2].split(" | "), v = parseFloat(parts[2]);
        if (fact.metric !== parts[1] || Math.abs(fact.value - v) > 0.005 * Math.abs(fact.value)) return;
        li.appendChild(document.createTextNode(" "));
        li.appendChild(link("#fact/" + fi, fact.id || "#" + fi, "src"));
        if (gold) li.appendChild(statusBadge(fact.status));
      });
      li.addEventListener("click", function (ev) {
        if (ev.target.tagName === "A") return;
        ol.querySelectorAll("li.active").forEach(function (x) { x.classList.remove("active"); });
        li.classList.add("active");
        history.replaceState(null, "", "#doc/" + n + "/" + f[0] + "/" + f[1]);
        highlight(f[0], f[1]);
      });
      ol.appendChild(li);
    });
    return true;
  }
  function highlight(s, e) {
    var doc = current.doc;
    doc.sentences.forEach(function (x) { if (x[0] <= s && s < x[1]) { s = Math.min(s, x[0]); e = Math.max(e, x[1]); } });
    var first = null;
    current.segs.forEach(function (g) {
      var on = g.b < e && s < g.e;
      g.el.classList.toggle("hl", on);
      g.el.toggleAttribute("data-hl", on);
      if (on && !first) first = g.el;
    });
    if (first) requestAnimationFrame(function () { first.scrollIntoView({ block: "center" }); });
  }

  // Routing.
  var views = ["index", "facts", "gold", "doc"];
  function show(view) {
    views.forEach(function (v) {
      document.getElementById("view-" + v).hidden = v !== view;
      var nav = document.getElementById("nav-" + v);
      if (nav) nav.classList.toggle("active", v === view);
    });
  }
  function route() {
    var parts = location.hash.replace(/^#/, "").split("/");
    var v = parts[0];
    if (v === "doc") {
      var n = parseInt(parts[1], 10);
      if (!(n >= 0) || !renderDoc(n)) { show("index"); return; }
      show("doc");
      if (parts.length >= 4) highlight(parseInt(parts[2], 10), parseInt(parts[3], 10));
      else window.scrollTo(0, 0);
    } else if (v === "fact") {
      var id = decodeURIComponent(parts[1] || "");
      var i = /^[0-9]+$/.test(id) ? parseInt(id, 10) : factById.get(id);
      show("facts");
      if (i !== undefined && data.facts[i]) factsTable.show(i);
    } else if (v === "facts") {
      show("facts");
      if (parts[1] && gold) { fStatus.value = parts[1]; filterFacts(); }
    } else if (v === "gold" && gold) {
      show("gold");
    } else {
      show("index");
    }
  }
  window.addEventListener("hashchange", route);
  route();
  document.body.setAttribute("data-load-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "1");
})();
