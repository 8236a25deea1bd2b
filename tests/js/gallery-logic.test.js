// Unit tests for docs/assets/gallery-logic.js: run with `node --test tests/js/`.
//
// The browser tests check the gallery against the real build; these pin the rules
// themselves on a small hand-made gallery, where every expected number can be read
// off the fixture below.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const LOGIC = path.join(__dirname, "..", "..", "docs", "assets", "gallery-logic.js");
const logic = require(LOGIC);

const FACETS = [
  { name: "constraint", keys: ["compute", "memory", "energy"], codes: ["a", "b", "c"] },
  { name: "move", keys: ["subtract", "reuse"], codes: ["d", "e"] },
  { name: "era", keys: ["1990s", "2000s"], codes: ["f", "g"] },
];

// [title, summary, data-k]; the index in this list is the page's ("added") order.
const PAGE = [
  ["Zebra relay", "Trims a relay.", "adf 1995"],
  ["apple Pump", "Shares one pump.", "beg 2003"],
  ["Bashō haiku", "Seventeen syllables.", "abef 1995"],
  ["item 10", "No move at all.", "cg 2010"],
  ["item 9", "Cuts the energy.", "cdg 2003"],
];

function makeCards(page = PAGE) {
  const readKey = logic.cardKeyReader(FACETS, 1);
  return page.map(([title, summary, key]) => ({ ...readKey(key), title, text: logic.fold(`${title} ${summary}`) }));
}

function view(picks = {}, q = "", sort = "added") {
  const result = logic.emptyView(FACETS, sort);
  FACETS.forEach((facet, f) => {
    for (const key of picks[facet.name] || []) result.picked[f][facet.keys.indexOf(key)] = 1;
  });
  result.q = q;
  return result;
}

const matched = (result) => [...result.match.keys()].filter((index) => result.match[index]);
const counts = (result) => result.counts.map((row) => [...row]);

// --- the script loads both ways -------------------------------------------------------

test("as a classic script it sets window.ucGalleryLogic and needs no DOM", () => {
  const sandbox = {};
  vm.runInNewContext(fs.readFileSync(LOGIC, "utf8"), sandbox);
  assert.deepEqual(Object.keys(sandbox), ["ucGalleryLogic"]);
  assert.deepEqual(Object.keys(sandbox.ucGalleryLogic).sort(), Object.keys(logic).sort());
});

// --- reading cards -----------------------------------------------------------------------

test("a card's key gives its value indices per facet and its year", () => {
  assert.deepEqual(makeCards()[2].sets, [[0, 1], [1], [0]]);
  assert.equal(makeCards()[2].year, 1995);
  assert.deepEqual(makeCards()[3].sets, [[2], [], [1]]);
});

test("wider codes are read in steps of the width, and unknown codes are skipped", () => {
  const facets = [{ name: "x", keys: ["one", "two"], codes: ["aa", "ab"] }];
  const read = logic.cardKeyReader(facets, 2);
  assert.deepEqual(read("abzzaa 1969"), { sets: [[1, 0]], year: 1969 });
  assert.deepEqual(read(undefined).sets, [[]]);
  assert.ok(Number.isNaN(read("").year));
});

// --- the view in the address ---------------------------------------------------------------

test("a view is written as one parameter per value, the text, then a non-default sort", () => {
  const written = logic.writeQuery(view({ constraint: ["compute", "energy"], move: ["reuse"] }, "ship it", "year"), FACETS);
  assert.equal(written, "constraint=compute&constraint=energy&move=reuse&q=ship+it&sort=year");
});

test("the default view has an empty query", () => {
  assert.equal(logic.writeQuery(logic.emptyView(FACETS), FACETS), "");
});

test("reading what was written gives the same view back", () => {
  const views = [
    logic.emptyView(FACETS),
    view({ era: ["2000s"] }),
    view({ constraint: ["compute", "memory", "energy"], move: ["subtract", "reuse"], era: ["1990s"] }, "", "title"),
    view({}, "Bashō & co = 100% ?#", "year"),
  ];
  for (const original of views) {
    const query = logic.writeQuery(original, FACETS);
    assert.deepEqual(logic.readView(query, FACETS), original, query);
    assert.deepEqual(logic.readView(`?${query}`, FACETS), original, query);
  }
});

test("unknown facets, values and sorts and broken escapes in the address are ignored", () => {
  const read = logic.readView("?constraint=nope&constraint=compute&colour=red&sort=random&q=%20%20x%20&%zz&move", FACETS);
  assert.deepEqual(read, view({ constraint: ["compute"] }, "x"));
  assert.deepEqual(logic.readView("", FACETS), logic.emptyView(FACETS));
  assert.deepEqual(logic.readView("?sort=year&sort=title", FACETS).sort, "year");
  assert.deepEqual(logic.readView("?CONSTRAINT=compute&constraint=Compute", FACETS), logic.emptyView(FACETS));
});

test("a view is filtered when a value is ticked or text is typed, not by its sort", () => {
  assert.equal(logic.isFiltered(view({}, "", "year")), false);
  assert.equal(logic.isFiltered(view({ era: ["1990s"] })), true);
  assert.equal(logic.isFiltered(view({}, "x")), true);
});

test("only known sorts are kept", () => {
  assert.deepEqual(["added", "year", "title", "Title", "", undefined].map(logic.normalSort),
    ["added", "year", "title", "added", "added", "added"]);
});

// --- filtering and counting --------------------------------------------------------------

test("with nothing picked every card matches and each value counts its cards", () => {
  const result = logic.countMatches(makeCards(), logic.emptyView(FACETS));
  assert.deepEqual(matched(result), [0, 1, 2, 3, 4]);
  assert.equal(result.shown, 5);
  assert.deepEqual(counts(result), [[2, 2, 2], [2, 2], [2, 3]]);
});

test("a picked value narrows the cards; its own facet still counts as if it were not picked", () => {
  const result = logic.countMatches(makeCards(), view({ constraint: ["compute"] }));
  assert.deepEqual(matched(result), [0, 2]);
  assert.deepEqual(counts(result), [[2, 2, 2], [1, 1], [2, 0]]);
});

test("values of one facet combine with OR, facets with AND", () => {
  const either = logic.countMatches(makeCards(), view({ constraint: ["compute", "energy"] }));
  assert.deepEqual(matched(either), [0, 2, 3, 4]);
  const both = logic.countMatches(makeCards(), view({ constraint: ["compute", "energy"], move: ["reuse"] }));
  assert.deepEqual(matched(both), [2]);
  // Constraint counts: cards with reuse (1, 2). Move counts: cards with compute or energy (0, 2, 3, 4).
  assert.deepEqual(counts(both), [[1, 2, 0], [2, 1], [1, 0]]);
});

test("a card that fails two facets counts towards neither", () => {
  const result = logic.countMatches(makeCards(), view({ constraint: ["memory"], move: ["subtract"] }));
  assert.deepEqual(matched(result), []);
  assert.equal(result.shown, 0);
  // Card 4 (energy, subtract) fails only the constraint; card 3 (energy, no move) fails both.
  assert.deepEqual(counts(result), [[1, 0, 1], [0, 2], [0, 0]]);
});

test("text matches every word, in any order, ignoring case and accents", () => {
  const cards = makeCards();
  const find = (q, picks) => matched(logic.countMatches(cards, view(picks, q)));
  assert.deepEqual(find("basho"), [2]);
  assert.deepEqual(find("BASHŌ Seventeen"), [2]);
  assert.deepEqual(find("PUMP apple"), [1]);
  assert.deepEqual(find("relay zebra nowhere"), []);
  assert.deepEqual(find("item", { era: ["2000s"] }), [3, 4]);
  assert.deepEqual(find("   "), [0, 1, 2, 3, 4]);
});

test("text narrows the counts like a facet does", () => {
  const result = logic.countMatches(makeCards(), view({}, "item"));
  assert.deepEqual(counts(result), [[0, 0, 2], [1, 0], [0, 2]]);
});

test("people folded in from the index are searched like the rest of the card", () => {
  const people = logic.readPeople({ "case-b": "Matsuo BASHŌ", "case-x": 7, "case-y": "" });
  assert.deepEqual([...people], [["case-b", "matsuo basho"]]);
  const cards = makeCards();
  cards[1].text += ` ${people.get("case-b")}`;
  assert.deepEqual(matched(logic.countMatches(cards, view({}, "Bashō"))), [1, 2]);
});

test("a missing or malformed people index gives no people", () => {
  for (const data of [null, undefined, [], [{ slug: "a", who: "x" }], "text", 3]) {
    assert.equal(logic.readPeople(data).size, 0);
  }
});

test("fold agrees with the Python index's fold", () => {
  // The same cases as tests/test_people_index.py, less its whitespace collapsing.
  assert.equal(logic.fold("Matsuo Bashō"), "matsuo basho");
  assert.equal(logic.fold("İstanbul Metro"), "istanbul metro");
  assert.equal(logic.fold("Straße"), "straße");
  assert.equal(logic.fold("Ørsted École"), "ørsted ecole");
});

// --- sorting -----------------------------------------------------------------------------

test("added keeps the page's order", () => {
  assert.deepEqual(logic.sortOrder(makeCards(), "added"), [0, 1, 2, 3, 4]);
});

test("title sorts without regard to case or accents, and numbers by value", () => {
  assert.deepEqual(logic.sortOrder(makeCards(), "title"), [1, 2, 4, 3, 0]);
});

test("year sorts oldest first, then by title", () => {
  assert.deepEqual(logic.sortOrder(makeCards(), "year"), [2, 0, 1, 4, 3]);
});

test("an unknown sort keeps the page's order and sorting never changes the cards", () => {
  const cards = makeCards();
  assert.deepEqual(logic.sortOrder(cards, "random"), [0, 1, 2, 3, 4]);
  assert.deepEqual(cards.map((card) => card.title), PAGE.map(([title]) => title));
});

// --- paging ----------------------------------------------------------------------------

test("a gallery of up to ALL_AT_ONCE cases shows every match, a larger one PAGE at a time", () => {
  assert.equal(logic.pageSize(logic.ALL_AT_ONCE), Infinity);
  assert.equal(logic.pageSize(logic.ALL_AT_ONCE + 1), logic.PAGE);
  assert.equal(logic.pageSize(0), Infinity);
});

test("a page is the first matches in the sort's order", () => {
  const order = [4, 3, 2, 1, 0];
  const match = Uint8Array.from([1, 0, 1, 1, 1]);
  assert.deepEqual(logic.pageOf(order, match, 2), [4, 3]);
  assert.deepEqual(logic.pageOf(order, match, 10), [4, 3, 2, 0]);
  assert.deepEqual(logic.pageOf(order, match, Infinity), [4, 3, 2, 0]);
  assert.deepEqual(logic.pageOf(order, new Uint8Array(5), 12), []);
});

test("the more button offers the next page and says how many are left", () => {
  assert.equal(logic.moreText(150, 12, 12), "Show 12 more (138 not shown)");
  assert.equal(logic.moreText(20, 12, 12), "Show 8 more (8 not shown)");
  assert.equal(logic.moreText(5000, 24, 12), "Show 12 more (4,976 not shown)");
  assert.equal(logic.moreText(12, 12, 12), "");
  assert.equal(logic.moreText(3, 12, 12), "");
  assert.equal(logic.moreText(80, Infinity, Infinity), "");
});

test("the status line counts cases in words", () => {
  assert.equal(logic.statusText(5, 1234, false), "All 1,234 cases");
  assert.equal(logic.statusText(1, 1, false), "All 1 case");
  assert.equal(logic.statusText(1, 48, true), "1 of 48 cases");
  assert.equal(logic.statusText(0, 1, true), "0 of 1 case");
});
