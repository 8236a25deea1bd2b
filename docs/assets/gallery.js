// Gallery filters: progressive enhancement of the server-rendered gallery.
//
// The page already lists every case and links each facet value to its tag page.
// This script turns those values into checkboxes, filters the cards in place, keeps
// the view in the URL query (one parameter per value), and shows beside each value
// how many cases it would give with the other facets as they are. Loaded on every
// page, it does nothing where there is no gallery.
(() => {
  "use strict";

  const DEFAULT_SORT = "added";
  const SORTS = ["added", "year", "title"];
  // Showing a card costs a few tenths of a millisecond of style and layout, so a
  // change that showed a thousand cards at once would take several frames. A small
  // gallery shows every match; a large one shows them PAGE at a time, which keeps
  // any one change within a frame.
  const ALL_AT_ONCE = 100;
  const PAGE = 12;
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  const numbers = new Intl.NumberFormat("en");
  let gallery = null;
  let people = null;

  function start() {
    const root = document.querySelector("[data-uc-gallery]");
    if (!root) {
      gallery = null;
      return;
    }
    // Instant navigation brings a fresh root; the same root is never set up twice.
    if (root.hasAttribute("data-uc-ready")) return;
    gallery = createGallery(root);
    root.setAttribute("data-uc-ready", "");
  }

  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  // Stepping back or forward between two views of the gallery only redraws it. Material
  // hears the step too: it fetches the page again only if it has not yet seen this
  // page's address itself (after a direct load), and the fresh gallery then starts
  // from the address like any other.
  window.addEventListener("popstate", () => {
    if (gallery && gallery.owns(location)) gallery.show(location.search);
  });

  function createGallery(root) {
    const form = root.querySelector("[data-uc-form]");
    const list = root.querySelector("ol.uc-gallery");
    const status = root.querySelector(".uc-status");
    const empty = root.querySelector("[data-uc-empty]");
    const more = root.querySelector("[data-uc-more]");
    const search = form.elements.namedItem("q");
    const sorter = form.elements.namedItem("sort");
    const facets = [...form.querySelectorAll("fieldset[data-facet]")].map(upgradeFacet);
    const cards = readCards(list, facets, Number(root.dataset.codeWidth) || 1);
    const orders = { added: cards };
    const path = location.pathname;
    const page = cards.length > ALL_AT_ONCE ? PAGE : Infinity;
    let view = readView(location.search, facets);
    let limit = page;
    let shownSearch = location.search;
    let typing = false;
    let urlMode = null;
    let peopleAdded = false;

    form.querySelector("[data-uc-tools]").hidden = false;
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      if (event.target === search) return;
      typing = false;
      commit(viewFromControls(), "push");
    });
    search.addEventListener("input", () => {
      addPeople();
      commit(viewFromControls(), typing ? "replace" : "push");
      typing = true;
    });
    search.addEventListener("focus", addPeople);
    search.addEventListener("blur", () => { typing = false; });
    root.addEventListener("click", onClick);
    more.addEventListener("click", showMore);

    syncControls();
    render();
    if (view.q) addPeople();

    function onClick(event) {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      if (target.closest("[data-uc-clear]")) {
        const hides = target.closest("[data-uc-empty]");
        typing = false;
        commit(emptyView(facets, view.sort), "push");
        if (hides) search.focus();
        return;
      }
      const link = target.closest("a");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      if (link.hasAttribute("data-uc-random")) {
        pickRandom(link);
      } else if (link.closest("[data-uc-views]") && link.pathname === path) {
        // Stopped here so that Material's instant navigation does not also handle it.
        event.preventDefault();
        event.stopPropagation();
        typing = false;
        commit(readView(link.search, facets), "push");
        showResults();
      }
    }

    function pickRandom(link) {
      const matching = cards.filter((card) => card.match);
      if (matching.length) link.href = matching[Math.floor(Math.random() * matching.length)].link.href;
    }

    function showMore() {
      const first = orderOf(view.sort).find((card) => card.match && !card.visible);
      limit += page;
      render();
      // Keyboard users carry on from the first card that was just revealed.
      if (first) first.link.focus();
    }

    function showResults() {
      const heading = root.querySelector("#cases");
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }

    function viewFromControls() {
      const picked = facets.map((facet) => Uint8Array.from(facet.values, (value) => value.input.checked));
      return { picked, q: search.value.trim(), sort: SORTS.includes(sorter.value) ? sorter.value : DEFAULT_SORT };
    }

    function syncControls() {
      facets.forEach((facet, f) => facet.values.forEach((value, v) => {
        value.input.checked = view.picked[f][v] === 1;
      }));
      if (search.value.trim() !== view.q) search.value = view.q;
      if (sorter.value !== view.sort) sorter.value = view.sort;
    }

    function commit(next, mode) {
      view = next;
      limit = page;
      syncControls();
      render();
      if (!urlMode) requestAnimationFrame(() => setTimeout(writeUrl, 0));
      // The first change since the address was last written decides push or replace.
      urlMode = urlMode || mode;
    }

    // The address follows the view once the frame is drawn: writing history forces a
    // layout, which right after the DOM writes of render() would hold the frame up.
    function writeUrl() {
      const mode = urlMode;
      urlMode = null;
      if (!mode || !root.isConnected || location.pathname !== path) return;
      const query = writeQuery(view, facets);
      const url = path + (query ? `?${query}` : "");
      if (url !== location.pathname + location.search) {
        const offset = { x: window.scrollX, y: window.scrollY };
        if (mode === "replace") history.replaceState(offset, "", url);
        else history.pushState(offset, "", url);
      }
      shownSearch = location.search;
    }

    function orderOf(sort) {
      orders[sort] = orders[sort] || sortCards(cards, sort);
      return orders[sort];
    }

    // Once, on first use of the search box: the names then join the searchable text.
    function addPeople() {
      if (peopleAdded) return;
      peopleAdded = true;
      loadPeople(root.dataset.people).then((who) => {
        for (const card of cards) {
          const names = who.get(card.el.dataset.slug);
          if (names) card.text += ` ${names}`;
        }
        if (view.q && root.isConnected) render();
      });
    }

    function render() {
      const result = countMatches(cards, facets, view);
      const shown = [];
      for (const card of orderOf(view.sort)) {
        const visible = card.match && shown.length < limit;
        if (visible) shown.push(card);
        if (card.visible !== visible) {
          card.el.hidden = !visible;
          card.visible = visible;
        }
      }
      // Only the cards on show need to be in order: hidden ones take no place. Moving
      // just those keeps a new sort as cheap as a new filter.
      if (!inDocumentOrder(shown)) list.append(...shown.map((card) => card.el));
      facets.forEach((facet, f) => facet.values.forEach((value, v) => {
        const count = result.counts[f][v];
        if (value.shown === count) return;
        value.count.textContent = numbers.format(count);
        value.item.classList.toggle("uc-zero", count === 0);
        value.shown = count;
      }));
      const left = result.shown - limit;
      setText(more, `Show ${numbers.format(Math.min(page, left))} more (${numbers.format(left)} not shown)`);
      setText(status, describe(result.shown, cards.length, isFiltered(view)));
      more.hidden = left <= 0;
      empty.hidden = result.shown > 0;
    }

    return {
      owns: (where) => root.isConnected && where.pathname === path && where.search !== shownSearch,
      show(query) {
        typing = false;
        urlMode = null;
        limit = page;
        view = readView(query, facets);
        shownSearch = query;
        syncControls();
        render();
        if (view.q) addPeople();
      },
    };
  }

  // --- reading the page -------------------------------------------------------------

  function upgradeFacet(fieldset) {
    const name = fieldset.dataset.facet;
    const values = [...fieldset.querySelectorAll("li[data-v]")].map((item) => upgradeValue(item, name));
    return { name, values, byKey: new Map(values.map((value, index) => [value.key, index])) };
  }

  // Without JavaScript the value is a link to its tag page; here it becomes a checkbox
  // whose label carries the live count.
  function upgradeValue(item, name) {
    const input = document.createElement("input");
    input.type = "checkbox";
    input.name = name;
    input.value = item.dataset.v;
    const count = item.querySelector(".uc-n");
    const label = document.createElement("label");
    label.append(input, ` ${item.firstElementChild.textContent} `, count);
    item.replaceChildren(label);
    return { key: input.value, code: item.dataset.c, item, input, count, shown: -1 };
  }

  function readCards(list, facets, width) {
    const byCode = new Map();
    facets.forEach((facet, f) => facet.values.forEach((value, v) => byCode.set(value.code, [f, v])));
    return [...list.querySelectorAll("li.uc-card")].map((el) => {
      const [codes, year] = (el.dataset.k || "").split(" ");
      const sets = facets.map(() => []);
      for (let at = 0; at < codes.length; at += width) {
        const found = byCode.get(codes.slice(at, at + width));
        if (found) sets[found[0]].push(found[1]);
      }
      const link = el.querySelector("h3 a");
      const title = link.textContent;
      const summary = el.querySelector("p")?.textContent || "";
      return { el, link, sets, year: Number(year), title, text: fold(`${title} ${summary}`), visible: true, match: true };
    });
  }

  // The people behind each case are not in the page, to keep it small: they come from
  // cases.json, fetched once for the whole visit. Search still works on titles and
  // summaries if it fails.
  function loadPeople(url) {
    people = people || fetch(url)
      .then((response) => (response.ok ? response.json() : []))
      .then((records) => new Map(records.map((record) => [record.slug, fold(record.who || "")])))
      .catch(() => new Map());
    return people;
  }

  // --- the view: what is picked, typed and sorted --------------------------------------

  function emptyView(facets, sort = DEFAULT_SORT) {
    return { picked: facets.map((facet) => new Uint8Array(facet.values.length)), q: "", sort };
  }

  function readView(query, facets) {
    const params = new URLSearchParams(query);
    const view = emptyView(facets, SORTS.includes(params.get("sort")) ? params.get("sort") : DEFAULT_SORT);
    facets.forEach((facet, f) => {
      for (const key of params.getAll(facet.name)) {
        const index = facet.byKey.get(key);
        if (index !== undefined) view.picked[f][index] = 1;
      }
    });
    view.q = (params.get("q") || "").trim();
    return view;
  }

  function writeQuery(view, facets) {
    const params = new URLSearchParams();
    facets.forEach((facet, f) => facet.values.forEach((value, v) => {
      if (view.picked[f][v]) params.append(facet.name, value.key);
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
  function countMatches(cards, facets, view) {
    const counts = facets.map((facet) => new Int32Array(facet.values.length));
    const active = view.picked.map((picked) => picked.includes(1));
    const words = fold(view.q).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const card of cards) {
      card.match = false;
      if (words.length && !words.every((word) => card.text.includes(word))) continue;
      let misses = 0;
      let missed = -1;
      for (let f = 0; f < facets.length && misses < 2; f++) {
        if (active[f] && !card.sets[f].some((v) => view.picked[f][v])) {
          misses++;
          missed = f;
        }
      }
      if (misses === 0) {
        card.match = true;
        shown++;
        for (let f = 0; f < facets.length; f++) for (const v of card.sets[f]) counts[f][v]++;
      } else if (misses === 1) {
        for (const v of card.sets[missed]) counts[missed][v]++;
      }
    }
    return { counts, shown };
  }

  function inDocumentOrder(cards) {
    for (let i = 1; i < cards.length; i++) {
      if (!(cards[i - 1].el.compareDocumentPosition(cards[i].el) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
    }
    return true;
  }

  function sortCards(cards, sort) {
    const byTitle = (a, b) => collator.compare(a.title, b.title);
    const compare = sort === "year" ? (a, b) => a.year - b.year || byTitle(a, b) : byTitle;
    return [...cards].sort(compare);
  }

  function describe(shown, total, filtered) {
    const cases = (n) => `${numbers.format(n)} ${n === 1 ? "case" : "cases"}`;
    if (!filtered) return `All ${cases(total)}`;
    return `${numbers.format(shown)} of ${cases(total)}`;
  }

  // Only a real change is written: an unchanged write still costs style and layout.
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  // Case- and accent-insensitive: "basho" finds "Bashō".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
})();
