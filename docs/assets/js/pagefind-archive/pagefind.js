/* Pagefind with the archive's query rules: the module Pagefind's UI loads (pagefind-search.js gives the UI this
   folder as its bundle path, and the UI imports `<bundle path>pagefind.js`). It passes every call to the real
   bundle (pagefind/pagefind.js, the folder named by #archive-pagefind's data-bundle) and changes two things:
   - the query is prepared as with Material's search (window.archivePrepareQuery: Traditional → Simplified, English
     de-inflected, a run of Chinese cut into words) before Pagefind sees it;
   - for a query holding Chinese, each result's text (its content and title, loaded with result.data()) is checked
     as the lunr worker (search-worker.js) checks it: a run of two characters or more must appear as written, or
     be covered by pieces of two characters or more that the story holds (金华婺城产业工人 → 金华 婺城 产业工人);
     a quoted Chinese phrase must appear as written. Pagefind matches a run that is no word of its index through
     single characters (外卖 listed stories holding 外 and 卖 apart); those results are dropped. The results that
     hold every run as written come first (工会法 first lists stories saying 工会法, not only 工会), each group in
     Pagefind's order.
   Each result checked costs a fragment of the index (a few KB), so results are checked in Pagefind's order, BATCH
   at a time, until ENOUGH have passed or MOST have been checked; past them Pagefind's own matches stand, in its
   order (a common word costs one batch; a non-word, whose results mostly fail, up to MOST). */
const BATCH = 20, ENOUGH = 10, MOST = 100;
const HAN = /[\u3400-\u9fff\u3007]+/g;
/* a quoted phrase all in Chinese (a phrase with English in it is left to Pagefind's own phrase search) */
const CHINESE_PHRASE = /"([\u3400-\u9fff\u3007\s]*[\u3400-\u9fff\u3007][\u3400-\u9fff\u3007\s]*)"/g;

const box = document.getElementById("archive-pagefind");
const bundle = new URL(box ? box.getAttribute("data-bundle") : "/pagefind/", window.location.href).pathname;
let real = null;
/* the calls Pagefind's UI makes (pagefind-ui.js 1.5.2: options, mergeIndex, filters, preload, search, destroy) */
function pagefind() {
  real = real || import(bundle + "pagefind.js");
  return real;
}

function prepare(term) {
  return window.archivePrepareQuery ? window.archivePrepareQuery(term, "pagefind") : term;
}

/* what a result must hold: the query's runs of Chinese (Simplified), and its quoted Chinese phrases */
function rules(term) {
  const simplified = window.archivePrepareQuery ? window.archivePrepareQuery(term, "lunr") : term;
  const phrases = [];
  const rest = simplified.replace(CHINESE_PHRASE, (_, phrase) => {
    const han = phrase.replace(/\s+/g, "");
    if (han.length > 1) phrases.push(han);
    return " ";
  });
  const runs = (rest.match(HAN) || []).filter((run) => run.length > 1);
  return { runs, phrases };
}

/* whether `run` is cut into pieces of two characters or more, each somewhere in `text` */
function covered(run, text) {
  const reach = new Array(run.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < run.length; i++) {
    if (!reach[i]) continue;
    for (let j = i + 2; j <= run.length; j++) {
      if (!reach[j] && text.includes(run.slice(i, j))) reach[j] = true;
    }
  }
  return reach[run.length];
}

/* 2: every run and phrase as written; 1: the runs covered by pieces; 0: dropped */
function grade(text, want) {
  if (want.phrases.some((p) => !text.includes(p))) return 0;
  if (want.runs.every((run) => text.includes(run))) return 2;
  return want.runs.every((run) => covered(run, text)) ? 1 : 0;
}

async function refine(response, want) {
  const results = response.results, grades = [];
  let passed = 0;
  while (grades.length < results.length && grades.length < MOST && passed < ENOUGH) {
    const batch = results.slice(grades.length, grades.length + BATCH);
    const graded = await Promise.all(batch.map(async (result) => {
      const data = await result.data();
      const text = ((data.meta && data.meta.title) || "") + " " + (data.content || "");
      return grade(text.replace(/\u200b/g, ""), want);
    }));
    graded.forEach((g) => { grades.push(g); if (g) passed++; });
  }
  const head = results.slice(0, grades.length);
  const kept = head.filter((_, i) => grades[i] === 2).concat(head.filter((_, i) => grades[i] === 1));
  const dropped = head.filter((_, i) => grades[i] === 0);
  return { ...response, results: kept.concat(results.slice(grades.length)),
           filters: await recount(response.filters, dropped) };
}

/* the counts beside the filters' values, less the dropped results that have each value */
async function recount(counts, dropped) {
  if (!counts || !dropped.length) return counts;
  const out = {};
  for (const name of Object.keys(counts)) out[name] = { ...counts[name] };
  for (const result of dropped) {
    const data = await result.data();
    for (const [name, values] of Object.entries(data.filters || {})) {
      for (const value of values) {
        if (out[name] && typeof out[name][value] === "number") out[name][value] = Math.max(0, out[name][value] - 1);
      }
    }
  }
  return out;
}

function queryFor(term) {
  /* a quoted Chinese phrase goes to Pagefind as its words (its own phrase search finds none in a segmented index);
     this module keeps only the results that hold it */
  const unquoted = term.replace(CHINESE_PHRASE, " $1 ");
  return prepare(unquoted);
}

export async function search(term, options) {
  const want = rules(term || "");
  const response = await (await pagefind()).search(queryFor(term || ""), options);
  if (!response || !response.results || (!want.runs.length && !want.phrases.length)) return response;
  return refine(response, want);
}

export async function preload(term, options) {
  return (await pagefind()).preload(queryFor(term || ""), options);
}

export async function options(value) { return (await pagefind()).options(value); }
export async function init() { return (await pagefind()).init(); }
export async function mergeIndex(path, value) { return (await pagefind()).mergeIndex(path, value); }
export async function filters() { return (await pagefind()).filters(); }
export async function destroy() { return (await pagefind()).destroy(); }
