// Gallery logic: the parts of the gallery filters that need no page.
//
// Everything here takes and returns plain data (strings, arrays, typed arrays), so the
// rules for views, matching, counting, sorting and paging can be tested in Node without
// a browser. gallery.js reads the page into this data and writes the answers back.
//
// A classic script, not a module: the site's CSP and Material's instant navigation
// both suit plain <script src> files, and Node reaches the same file through require().
//
// Shapes used throughout:
//   facet  { name, keys: [value key…], codes: [value code…] }   one per fieldset
//   card   { sets: [[value index…] per facet], year, title, text }   text already folded
//   view   { picked: [Uint8Array per facet, 1 = ticked], q, sort }
(function (root) {
  "use strict";

  const DEFAULT_SORT = "added";
  const SORTS = ["added", "year", "title"];
  // Showing a card costs a few tenths of a millisecond of style and layout, so a
  // change that showed a thousand cards at once would take several frames. A gallery
  // of up to ALL_AT_ONCE cases (about 50 ms of layout at most) shows every match; a
  // larger one shows them PAGE at a time, which keeps any one change within a frame.
  const ALL_AT_ONCE = 160;
  const PAGE = 24;
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  const numbers = new Intl.NumberFormat("en");

  // Case- and accent-insensitive: "basho" finds "Bashō".
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function searchWords(q) {
    return fold(q || "").split(/\s+/).filter(Boolean);
  }

  // Every word must appear somewhere in the text, in any order.
  function matchesText(text, words) {
    return words.every((word) => text.includes(word));
  }

  // --- the cards, as the page encodes them -------------------------------------------------

  // A card's data-k is "<codes> <year>": its facet values as fixed-width codes run
  // together (shorter than the keys, which the page would carry once per case).
  function cardKeyReader(facets, width) {
    const byCode = new Map();
    facets.forEach((facet, f) => facet.codes.forEach((code, v) => byCode.set(code, [f, v])));
    const size = Math.max(1, Math.floor(width) || 1);
    return (key) => {
      const [codes = "", year] = String(key || "").split(" ");
      const sets = facets.map(() => []);
      for (let at = 0; at < codes.length; at += size) {
        const found = byCode.get(codes.slice(at, at + size));
        if (found) sets[found[0]].push(found[1]);
      }
      return { sets, year: Number(year) };
    };
  }

  // --- the view: what is picked, typed and sorted ------------------------------------------

  function normalSort(sort) {
    return SORTS.includes(sort) ? sort : DEFAULT_SORT;
  }

  function emptyView(facets, sort = DEFAULT_SORT) {
    return { picked: facets.map((facet) => new Uint8Array(facet.keys.length)), q: "", sort };
  }

  // Anything the address holds that is not a known facet value, text or sort is
  // dropped: old bookmarks and hand-edited links still open a sensible view.
  function readView(query, facets) {
    const params = new URLSearchParams(query || "");
    const view = emptyView(facets, normalSort(params.get("sort")));
    facets.forEach((facet, f) => {
      for (const key of params.getAll(facet.name)) {
        const index = facet.keys.indexOf(key);
        if (index !== -1) view.picked[f][index] = 1;
      }
    });
    view.q = (params.get("q") || "").trim();
    return view;
  }

  // The default sort and empty text are left out, so every view has one address.
  function writeQuery(view, facets) {
    const params = new URLSearchParams();
    facets.forEach((facet, f) => facet.keys.forEach((key, v) => {
      if (view.picked[f][v]) params.append(facet.name, key);
    }));
    if (view.q) params.append("q", view.q);
    if (view.sort !== DEFAULT_SORT) params.append("sort", view.sort);
    return params.toString();
  }

  function isFiltered(view) {
    return Boolean(view.q) || view.picked.some((picked) => picked.includes(1));
  }

  // --- filtering and counting ------------------------------------------------------------

  // Values of one facet combine with OR, facets with AND. A value's count is the cases
  // it would give with every other facet as it is: for each card, a facet it fails
  // alone still counts towards that facet's values. One pass: O(cards × facets).
  function countMatches(cards, view) {
    const facetCount = view.picked.length;
    const counts = view.picked.map((picked) => new Int32Array(picked.length));
    const active = view.picked.map((picked) => picked.includes(1));
    const words = searchWords(view.q);
    const match = new Uint8Array(cards.length);
    let shown = 0;
    cards.forEach((card, c) => {
      if (words.length && !matchesText(card.text, words)) return;
      let misses = 0;
      let missed = -1;
      for (let f = 0; f < facetCount && misses < 2; f++) {
        if (active[f] && !card.sets[f].some((v) => view.picked[f][v])) {
          misses++;
          missed = f;
        }
      }
      if (misses === 0) {
        match[c] = 1;
        shown++;
        for (let f = 0; f < facetCount; f++) for (const v of card.sets[f]) counts[f][v]++;
      } else if (misses === 1) {
        for (const v of card.sets[missed]) counts[missed][v]++;
      }
    });
    return { counts, shown, match };
  }

  // --- sorting and paging ----------------------------------------------------------------

  // Card indices in the sort's order. "added" is the page's own order, which the
  // build already sorts newest first.
  function sortOrder(cards, sort) {
    const order = cards.map((card, index) => index);
    if (normalSort(sort) === "added") return order;
    const byTitle = (a, b) => collator.compare(cards[a].title, cards[b].title);
    const compare = sort === "year" ? (a, b) => cards[a].year - cards[b].year || byTitle(a, b) : byTitle;
    return order.sort(compare);
  }

  function pageSize(total) {
    return total > ALL_AT_ONCE ? PAGE : Infinity;
  }

  // The matching cards on show: the first `limit` of them in the given order.
  function pageOf(order, match, limit) {
    const shown = [];
    for (const index of order) {
      if (shown.length >= limit) break;
      if (match[index]) shown.push(index);
    }
    return shown;
  }

  // The label of the "Show more" button, or "" when every match is on show.
  function moreText(matches, limit, page) {
    const left = matches - limit;
    if (!(left > 0)) return "";
    return `Show ${numbers.format(Math.min(page, left))} more (${numbers.format(left)} not shown)`;
  }

  function formatNumber(n) {
    return numbers.format(n);
  }

  function statusText(shown, total, filtered) {
    const cases = (n) => `${numbers.format(n)} ${n === 1 ? "case" : "cases"}`;
    if (!filtered) return `All ${cases(total)}`;
    return `${numbers.format(shown)} of ${cases(total)}`;
  }

  // --- people --------------------------------------------------------------------------

  // people.json maps each case's slug to its people as search text. Anything else in
  // the file (a wrong shape, a non-text value) is skipped rather than trusted.
  function readPeople(data) {
    const people = new Map();
    if (!data || typeof data !== "object" || Array.isArray(data)) return people;
    for (const [slug, text] of Object.entries(data)) {
      if (typeof text === "string" && text) people.set(slug, fold(text));
    }
    return people;
  }

  const api = {
    DEFAULT_SORT, SORTS, ALL_AT_ONCE, PAGE,
    fold, searchWords, matchesText, cardKeyReader,
    normalSort, emptyView, readView, writeQuery, isFiltered,
    countMatches, sortOrder, pageSize, pageOf, moreText, formatNumber, statusText, readPeople,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ucGalleryLogic = api;
})(this);
