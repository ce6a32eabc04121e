/* The index page: start an interview, and the list of past ones (newest first). */
(function () {
  "use strict";
  const sdi = window.sdi;
  const $ = (id) => document.getElementById(id);

  const titles = new Map(); // scenario id -> title
  const statements = new Map();
  let listing = 0; // the latest list request: older answers are dropped

  sdi.captureFragment(null);

  function option(value, text) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  function showStatement() {
    const id = $("scenario").value;
    $("scenario-statement").textContent = id ? `“${statements.get(id)}”` : "";
  }

  async function loadScenarios() {
    const scenarios = await sdi.api("/api/v1/scenarios");
    const select = $("scenario");
    select.replaceChildren(option("", "Choose a problem…"));
    for (const s of scenarios) {
      titles.set(s.id, s.title);
      statements.set(s.id, s.statement);
      select.append(option(s.id, s.title));
      $("filter").append(option(s.id, s.title));
    }
    const wanted = new URLSearchParams(location.search).get("scenario");
    if (wanted && titles.has(wanted)) $("filter").value = wanted;
    showStatement();
  }

  async function start(event) {
    event.preventDefault();
    const error = $("start-error");
    sdi.clearError(error);
    const scenarioId = $("scenario").value;
    if (!scenarioId) {
      sdi.showError(error, "Choose a problem first.");
      $("scenario").focus();
      return;
    }
    const button = $("start");
    button.disabled = true;
    try {
      const created = await sdi.api("/api/v1/interviews", {
        method: "POST",
        body: { scenario_id: scenarioId },
      });
      sdi.setToken(created.id, created.token);
      location.assign(`/interview/${encodeURIComponent(created.id)}`);
    } catch (err) {
      sdi.showError(error, err);
      button.disabled = false;
    }
  }

  /* The grade's score, or null when there is none (404, or 409: not finished). */
  async function score(id) {
    try {
      const grade = await sdi.api(`/api/v1/interviews/${encodeURIComponent(id)}/grade`);
      return grade.score;
    } catch (err) {
      if (err.status === 404 || err.status === 409) return null;
      throw err;
    }
  }

  function row(interview) {
    const tr = document.createElement("tr");
    tr.dataset.id = interview.id;
    tr.dataset.status = interview.status;
    const title = titles.get(interview.scenario_id) || interview.scenario_id;
    const cells = [];
    for (let i = 0; i < 5; i++) cells.push(document.createElement("td"));
    cells[0].textContent = title;
    const time = document.createElement("time");
    time.dateTime = interview.created_at;
    time.textContent = sdi.formatDate(interview.created_at);
    cells[1].append(time);
    const badge = document.createElement("span");
    const finished = interview.status === "finished";
    badge.className = `badge ${finished ? "ok" : "warn"}`;
    badge.textContent = finished ? "finished" : "in progress";
    cells[2].append(badge);
    cells[3].className = "score";
    cells[3].textContent = finished ? "…" : "—";
    const link = document.createElement("a");
    link.href = `/${finished ? "review" : "interview"}/${encodeURIComponent(interview.id)}`;
    link.textContent = finished ? "Review" : "Resume";
    link.setAttribute("aria-label", `${finished ? "Review" : "Resume"} ${title}, ${time.textContent}`);
    cells[4].append(link);
    tr.append(...cells);
    return tr;
  }

  async function loadList() {
    const mine = ++listing;
    const error = $("list-error");
    sdi.clearError(error);
    const scenarioId = $("filter").value;
    const query = scenarioId ? `?scenario_id=${encodeURIComponent(scenarioId)}` : "";
    const interviews = await sdi.api(`/api/v1/interviews${query}`);
    if (mine !== listing) return;
    const body = $("interview-rows");
    body.replaceChildren(...interviews.map(row));
    $("empty").hidden = interviews.length > 0;
    $("interviews").hidden = interviews.length === 0;
    // Scores, a few at a time: one GET /grade per finished interview.
    const finished = interviews.filter((i) => i.status === "finished");
    const worker = async () => {
      while (finished.length && mine === listing) {
        const interview = finished.shift();
        const cell = body.querySelector(`tr[data-id="${CSS.escape(interview.id)}"] .score`);
        try {
          const value = await score(interview.id);
          if (cell) cell.textContent = value === null ? "—" : `${value}/100`;
        } catch (err) {
          if (cell) cell.textContent = "?";
          sdi.showError(error, err);
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  function filterChanged() {
    const url = new URL(location.href);
    if ($("filter").value) url.searchParams.set("scenario", $("filter").value);
    else url.searchParams.delete("scenario");
    history.replaceState(null, "", url.pathname + url.search);
    loadList().catch((err) => sdi.showError($("list-error"), err));
  }

  async function main() {
    $("start-form").addEventListener("submit", start);
    $("scenario").addEventListener("change", showStatement);
    $("filter").addEventListener("change", filterChanged);
    try {
      await loadScenarios();
      await loadList();
    } catch (err) {
      if (err.status !== 401) sdi.showError($("page-error"), err); // 401: the key form shows
    }
  }

  main();
})();
