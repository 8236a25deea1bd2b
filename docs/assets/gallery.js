// Gallery filters: progressive enhancement of the server-rendered gallery.
//
// The page already lists every case and links each facet value to its tag page.
// This script turns those values into checkboxes, filters the cards in place, keeps
// the view in the URL query (one parameter per value), and shows beside each value
// how many cases it would give with the other facets as they are. Loaded on the
// gallery page only. On wide screens the filters sit open in a side column; on phones
// they fold behind a "Filters (n)" control.
//
// This file is the page side only: it reads the DOM, hands plain data to
// gallery-logic.js (window.ucGalleryLogic, loaded just before it) and writes the
// answers back, so the rules themselves can be tested without a browser.
(() => {
  "use strict";

  const logic = window.ucGalleryLogic;
  // Without the logic file the server-rendered gallery still works: leave it as it is.
  if (!logic) return;
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
    const panel = root.querySelector("[data-uc-panel]");
    const picked = root.querySelector("[data-uc-picked]");
    const wide = window.matchMedia("(min-width: 60em)");
    const search = form.elements.namedItem("q");
    const sorter = form.elements.namedItem("sort");
    const facets = [...form.querySelectorAll("fieldset[data-facet]")].map(upgradeFacet);
    const cards = readCards(list, facets, Number(root.dataset.codeWidth) || 1);
    const orders = {};
    const path = location.pathname;
    const page = logic.pageSize(cards.length);
    let view = logic.readView(location.search, facets);
    let match = new Uint8Array(cards.length).fill(1);
    let limit = page;
    let shownSearch = location.search;
    let typing = false;
    let urlMode = null;
    let peopleAdded = false;

    form.querySelector("[data-uc-tools]").hidden = false;
    // Open beside the cards where there is room; folded above them on a phone.
    panel.open = wide.matches;
    wide.addEventListener("change", () => { panel.open = wide.matches; });
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
    // Focus comes just before typing: starting the download then hides its latency.
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
        commit(logic.emptyView(facets, view.sort), "push");
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
        commit(logic.readView(link.search, facets), "push");
        showResults();
      }
    }

    function pickRandom(link) {
      const matching = cards.filter((card, index) => match[index]);
      if (matching.length) link.href = matching[Math.floor(Math.random() * matching.length)].link.href;
    }

    function showMore() {
      const first = orderOf(view.sort).find((index) => match[index] && !cards[index].visible);
      limit += page;
      render();
      // Keyboard users carry on from the first card that was just revealed.
      if (first !== undefined) cards[first].link.focus();
    }

    function showResults() {
      const heading = root.querySelector("#cases");
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }

    function viewFromControls() {
      const picked = facets.map((facet) => Uint8Array.from(facet.values, (value) => value.input.checked));
      return { picked, q: search.value.trim(), sort: logic.normalSort(sorter.value) };
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
      const query = logic.writeQuery(view, facets);
      const url = path + (query ? `?${query}` : "");
      if (url !== location.pathname + location.search) {
        const offset = { x: window.scrollX, y: window.scrollY };
        if (mode === "replace") history.replaceState(offset, "", url);
        else history.pushState(offset, "", url);
      }
      shownSearch = location.search;
    }

    // Each order is worked out once, on first use, then kept for the visit.
    function orderOf(sort) {
      orders[sort] = orders[sort] || logic.sortOrder(cards, sort);
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
      const result = logic.countMatches(cards, view);
      match = result.match;
      const onShow = logic.pageOf(orderOf(view.sort), match, limit);
      const visible = new Uint8Array(cards.length);
      for (const index of onShow) visible[index] = 1;
      cards.forEach((card, index) => {
        const show = visible[index] === 1;
        if (card.visible !== show) {
          card.el.hidden = !show;
          card.visible = show;
        }
      });
      const shown = onShow.map((index) => cards[index]);
      // Only the cards on show need to be in order: hidden ones take no place. Moving
      // just those keeps a new sort as cheap as a new filter.
      if (!inDocumentOrder(shown)) list.append(...shown.map((card) => card.el));
      facets.forEach((facet, f) => facet.values.forEach((value, v) => {
        const count = result.counts[f][v];
        if (value.shown === count) return;
        value.count.textContent = logic.formatNumber(count);
        value.item.classList.toggle("uc-zero", count === 0);
        value.shown = count;
      }));
      const label = logic.moreText(result.shown, limit, page);
      if (label) setText(more, label);
      setText(status, logic.statusText(result.shown, cards.length, logic.isFiltered(view)));
      const active = view.picked.reduce((sum, values) => sum + values.reduce((a, b) => a + b, 0), 0)
        + (view.q ? 1 : 0);
      setText(picked, active ? `(${logic.formatNumber(active)})` : "");
      more.hidden = !label;
      empty.hidden = result.shown > 0;
    }

    return {
      owns: (where) => root.isConnected && where.pathname === path && where.search !== shownSearch,
      show(query) {
        typing = false;
        urlMode = null;
        limit = page;
        view = logic.readView(query, facets);
        shownSearch = query;
        syncControls();
        render();
        if (view.q) addPeople();
      },
    };
  }

  // --- reading the page -------------------------------------------------------------

  // `keys` and `codes` make the facet the plain shape gallery-logic.js expects; the
  // values keep the elements to update.
  function upgradeFacet(fieldset) {
    const name = fieldset.dataset.facet;
    const values = [...fieldset.querySelectorAll("li[data-v]")].map((item) => upgradeValue(item, name));
    return { name, values, keys: values.map((value) => value.key), codes: values.map((value) => value.code) };
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
    const readKey = logic.cardKeyReader(facets, width);
    return [...list.querySelectorAll("li.uc-card")].map((el) => {
      const { sets, year } = readKey(el.dataset.k);
      const link = el.querySelector("h3 a");
      const title = link.textContent;
      const summary = el.querySelector("p")?.textContent || "";
      return { el, link, sets, year, title, text: logic.fold(`${title} ${summary}`), visible: true };
    });
  }

  // The people behind each case are not in the page, to keep it small: they come from
  // people.json, a slug-to-names index fetched once for the whole visit. If it cannot
  // be had, search still works on titles and summaries.
  function loadPeople(url) {
    people = people || (url ? fetch(url) : Promise.reject(new Error("no people index")))
      .then((response) => (response.ok ? response.json() : null))
      .then(logic.readPeople)
      .catch(() => new Map());
    return people;
  }

  function inDocumentOrder(cards) {
    for (let i = 1; i < cards.length; i++) {
      if (!(cards[i - 1].el.compareDocumentPosition(cards[i].el) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
    }
    return true;
  }

  // Only a real change is written: an unchanged write still costs style and layout.
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }
})();
