/* The site's only script: the finder for places and pages, and the little page behaviour Material's own
 * JavaScript gave (the menu and search buttons from the keyboard, Escape, "/"), which the site does not load.
 * Finder: nothing is downloaded until someone types in the search box:
 * then one small file of places whose name has a word starting with the same two letters
 * (cari/nama/xx.json), or the places of one regency when a village code is typed
 * (cari/kode/kkkk.json), and the index of the programme pages in the page's language (search/search_index.json,
 * or search/search_index.en.json on English pages).
 * Partial names match by word prefix; slightly misspelled words still match (edit distance). Pages are found
 * in the page's own language (English pages: lang="en", under en/), and the finder speaks it. */
(function () {
  "use strict";

  var LIMIT = 20;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function words(text) {
    var folded = fold(text);
    return folded ? folded.split(" ") : [];
  }

  var KINDS = ["desa", "kelurahan", "kecamatan", "kec", "kabupaten", "kab", "kota", "provinsi", "prov"];

  /* The words of a query about a place, without a leading "desa", "kecamatan", ... */
  function placeWords(query) {
    var typed = words(query);
    return typed.length > 1 && KINDS.indexOf(typed[0]) >= 0 ? typed.slice(1) : typed;
  }

  /* Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
  function distance(a, b) {
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }

  /* How far a typed word is from a word of a name: 0 for a prefix, else the edit distance allowed
   * for its length (1 from four letters, 2 from eight), or -1 when it does not match. */
  function wordCost(typed, word) {
    if (word.indexOf(typed) === 0) { return 0; }
    var allowed = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
    if (!allowed) { return -1; }
    var best = Math.min(distance(typed, word), distance(typed, word.slice(0, typed.length)));
    return best <= allowed ? best : -1;
  }

  /* Places matching a query: its first word must match a word of the name, the others a word of the
   * name or of where the place lies. Best first: fewer corrections, exact names, shorter names. */
  function searchPlaces(records, query) {
    var typed = placeWords(query);
    if (!typed.length) { return []; }
    var found = [];
    records.forEach(function (record) {
      var name = words(record[0]);
      var all = name.concat(words(record[1]));
      var cost = 0;
      for (var i = 0; i < typed.length; i++) {
        var pool = i === 0 ? name : all;
        var best = -1;
        for (var k = 0; k < pool.length; k++) {
          var c = wordCost(typed[i], pool[k]);
          if (c >= 0 && (best < 0 || c < best)) { best = c; }
        }
        if (best < 0) { return; }
        cost += best;
      }
      var exact = name.slice(1).join(" ") === typed.join(" ") ? 0 : 1;
      found.push({ record: record, rank: [cost, exact, record[0].length, record[0] + record[1]] });
    });
    found.sort(function (a, b) {
      for (var i = 0; i < a.rank.length; i++) {
        if (a.rank[i] < b.rank[i]) { return -1; }
        if (a.rank[i] > b.rank[i]) { return 1; }
      }
      return 0;
    });
    return found.map(function (f) { return f.record; });
  }

  /* Programme pages (sections) whose title or text has every typed word as a word prefix. */
  function searchPages(docs, query) {
    var typed = words(query).filter(function (w) { return w.length >= 3; });
    if (!typed.length) { return []; }
    var found = [];
    docs.forEach(function (doc) {
      var title = words(doc.title.replace(/<[^>]*>/g, " "));
      var text = title.concat(words(doc.text.replace(/<[^>]*>/g, " ")));
      var inTitle = 0;
      for (var i = 0; i < typed.length; i++) {
        var prefix = function (w) { return w.indexOf(typed[i]) === 0; };
        if (!text.some(prefix)) { return; }
        if (title.some(prefix)) { inTitle++; }
      }
      found.push({ doc: doc, rank: -inTitle });
    });
    found.sort(function (a, b) { return a.rank - b.rank; });
    return found.map(function (f) { return f.doc; });
  }

  /* The shard a query needs: a village code typed in full, or the first two letters of its first word. */
  function shardOf(query) {
    var digits = query.replace(/[\s.]/g, "");
    if (/^\d{10}$/.test(digits) || /^\d{6}$/.test(digits)) {
      return { kind: "kode", key: digits.slice(0, 4), code: digits };
    }
    var first = placeWords(query)[0];
    return first && first.length >= 2 ? { kind: "nama", key: first.slice(0, 2) } : null;
  }

  if (typeof module !== "undefined") {
    module.exports = { fold: fold, distance: distance, searchPlaces: searchPlaces, searchPages: searchPages,
      shardOf: shardOf };
  }
  if (typeof document === "undefined") { return; }

  /* What Material's own JavaScript did on every page; the site does not load it (overrides/main.html).
   * The menu and the search dialog are labels of hidden checkboxes and open with CSS alone. */
  var root = document.documentElement;
  root.className = root.className.replace(/\bno-js\b/, "js");  /* shows the search button */
  var drawer = document.getElementById("__drawer");
  var toggle = document.getElementById("__search");
  var narrow = window.matchMedia("(max-width: 59.984375em)");
  var scrolled = 0;

  /* The header's menu and search buttons (named by their hidden text): a place in the Tab order (Enter opens
   * them, below). */
  ["__drawer", "__search"].forEach(function (id) {
    var label = document.querySelector(".md-header__button[for='" + id + "']");
    if (label) { label.setAttribute("tabindex", "0"); }
  });

  function setSearch(open) {
    if (!toggle || toggle.checked === open) { return; }
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  /* While the search covers a phone's screen, the page under it stays where it was. */
  if (toggle) {
    toggle.addEventListener("change", function () {
      var body = document.body;
      if (toggle.checked && narrow.matches) {
        scrolled = window.scrollY;
        body.style.top = -scrolled + "px";
        body.setAttribute("data-md-scrolllock", "");
      } else if (body.hasAttribute("data-md-scrolllock")) {
        body.removeAttribute("data-md-scrolllock");
        body.style.top = "";
        window.scrollTo(0, scrolled);
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
    if ((event.key === "Enter" || event.key === " ") && target.tagName === "LABEL" && target.hasAttribute("tabindex")) {
      event.preventDefault();
      target.click();  /* a focused menu or search button opens like a button */
    } else if (event.key === "Escape") {
      if (drawer) { drawer.checked = false; }
      if (toggle && toggle.checked) { setSearch(false); target.blur(); }
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[/sf]$/.test(event.key)) {
      event.preventDefault();  /* "/", "s" or "f" opens the search, as on other sites built with Material */
      setSearch(true);
    }
  });

  /* A table still wider than its box scrolls inside it: reachable from the keyboard to scroll it too. */
  Array.prototype.forEach.call(document.querySelectorAll("article table"), function (table) {
    if (table.scrollWidth > table.clientWidth + 1 && !table.closest("[tabindex]")) {
      table.setAttribute("tabindex", "0");
    }
  });

  /* A link to a section of this page closes the menu it was chosen from. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-sidebar--primary a[href*='#']");
    if (link && drawer && link.pathname === location.pathname) { drawer.checked = false; }
  });

  var input = document.getElementById("cari-masukan");
  var list = document.getElementById("cari-hasil");
  var meta = document.getElementById("cari-keterangan");
  if (!input || !list || !meta) { return; }
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var cache = {};
  var timer = null;
  var SAID = {
    id: {
      none: "Tidak ada yang cocok dengan \u201c{q}\u201d.",
      many: "{n} tempat cocok; ketik juga nama kecamatan atau kabupaten untuk mempersempit.",
      found: "{n} hasil",
      one: "1 hasil",
      start: "Ketik nama desa, kecamatan atau kabupaten, kode desa, atau kata seperti \u201cklaim\u201d.",
      offline: "Pencarian tidak bisa dipakai di salinan offline. Buka halaman kabupaten (tautan di atas halaman), " +
        "lalu pilih kecamatan dan desa.",
      searching: "Mencari\u2026"
    },
    en: {
      none: "Nothing matches \u201c{q}\u201d.",
      many: "{n} places match; type the district or regency too to narrow them down.",
      found: "{n} results",
      one: "1 result",
      start: "Type the name of a village, district or regency, a village code, or a word such as \u201cclaim\u201d.",
      offline: "Search does not work in the offline copy. Open the regency's page (linked at the top of the page), " +
        "then choose a district and a village.",
      searching: "Searching\u2026"
    }
  };
  var english = document.documentElement.lang === "en";
  var said = english ? SAID.en : SAID.id;
  var PAGES_INDEX = english ? "search/search_index.en.json" : "search/search_index.json";  /* generator/write/finder.py */

  function say(key, n, q) {
    return said[key].replace("{n}", n).replace("{q}", function () { return q; });  /* "$&" in a query stays as typed */
  }

  function fetchJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base)).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return cache[path];
  }

  function item(href, title, text) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = new URL(href, base).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = title;
    var p = document.createElement("p");
    p.textContent = text;
    article.appendChild(h);
    article.appendChild(p);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function show(query, places, pages) {
    list.textContent = "";
    places.slice(0, LIMIT).forEach(function (r) { list.appendChild(item(r[2], r[0], r[1])); });
    pages.slice(0, 10).forEach(function (d) {
      var text = d.text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
      list.appendChild(item(d.location, d.title.replace(/<[^>]*>/g, ""), text.slice(0, 140)));
    });
    var total = places.length + pages.length;
    meta.textContent = total === 0 ? say("none", 0, query) : places.length > LIMIT ? say("many", places.length, query) :
      say(total === 1 ? "one" : "found", total, query);
  }

  function run() {
    var query = input.value;
    var shard = shardOf(query);
    if (!shard) {
      list.textContent = "";
      meta.textContent = say("start");
      return;
    }
    if (location.protocol === "file:") {  /* an offline bundle: a browser reads no file from a page opened from files */
      meta.textContent = say("offline");
      return;
    }
    meta.textContent = say("searching");
    Promise.all([fetchJson("cari/" + shard.kind + "/" + shard.key + ".json"), fetchJson(PAGES_INDEX)])
      .then(function (found) {
        if (input.value !== query) { return; }
        var places = shard.kind === "kode" ? [found[0] && found[0][shard.code]].filter(Boolean)
          : searchPlaces(found[0] || [], query);
        show(query, places, found[1] ? searchPages(found[1].docs, query) : []);
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) { location.href = first.href; }
  });
  if (toggle) {
    toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); } });
  }
  input.addEventListener("focus", function () { setSearch(true); });  /* wide screens: the box is in the header */
})();
