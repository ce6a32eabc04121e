/* The review page: a finished interview's score, per-step chart, criteria with evidence, the
 * time per step (the export's figures), the timeline of steps and facts, the facts missed, and
 * the transcript. Evidence links (#turn-N) scroll to their turn, highlight it and move focus
 * there; the same works for a URL's hash.
 * Exports download from the server's export endpoint, so they match `sdi transcripts export`.
 * Message text is rendered with sdi.renderMarkdown (marked + DOMPurify, else plain text);
 * everything else goes in with textContent. */
(function () {
  "use strict";
  const sdi = window.sdi;
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";

  const STEP_TITLES = {
    requirements: "1. Requirements",
    data_api_scale: "2. Data types, API and scale",
    design: "3. Design",
    process: "Process",
    wrap_up: "Wrap-up",
    done: "Closing",
  };
  const SHORT_TITLES = {
    requirements: "Requirements",
    data_api_scale: "Data, API, scale",
    design: "Design",
    wrap_up: "Wrap-up",
    done: "Closing",
  };
  const GRADED_STEPS = ["requirements", "data_api_scale", "design", "process"];

  const id = sdi.interviewIdFromPath();
  const base = `/api/v1/interviews/${encodeURIComponent(id)}`;

  // --- small DOM helpers ---------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function turnLink(turn, text) {
    const a = el("a", "turn-link", text);
    a.href = `#turn-${turn}`;
    a.dataset.turn = String(turn);
    return a;
  }

  function band(score) {
    return score >= 70 ? "good" : score >= 40 ? "fair" : "poor";
  }

  function timeOf(message) {
    if (!message || !message.at) return null;
    const date = new Date(message.at);
    if (Number.isNaN(date.getTime())) return null;
    const time = el("time", null, date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    time.dateTime = message.at;
    return time;
  }

  /* The step of each message: its own, else the one before (a candidate speaks in the step the
     interviewer last named). Same rule as app/core/export.py. */
  function messageSteps(messages) {
    let current = null;
    return messages.map((m) => (current = m.step || current));
  }

  function stepStarts(messages) {
    const starts = [];
    messageSteps(messages).forEach((step, turn) => {
      if (step && !starts.some((s) => s.step === step)) starts.push({ step, turn });
    });
    return starts;
  }

  // --- score and chart -----------------------------------------------------------------------

  function drawScoreChart(grade) {
    const svg = $("score-chart");
    const rowH = 36;
    const labelW = 240;
    const trackW = 190;
    svg.setAttribute("viewBox", `0 0 480 ${GRADED_STEPS.length * rowH + 4}`);
    const summary = [];
    GRADED_STEPS.forEach((step, i) => {
      const score = grade.steps[step] ? grade.steps[step].score : 0;
      const y = 4 + i * rowH;
      const width = Math.max(0, Math.min(100, score)) * (trackW / 100);
      svg.append(
        svgEl("text", { x: 0, y: y + 19, class: "chart-label" }, STEP_TITLES[step]),
        svgEl("rect", { x: labelW, y: y + 4, width: trackW, height: 22, rx: 3, class: "track" }),
        svgEl("rect", {
          x: labelW,
          y: y + 4,
          width: width.toFixed(1),
          height: 22,
          rx: 3,
          class: `bar ${band(score)}`,
          "data-step": step,
        }),
        svgEl("text", { x: labelW + trackW + 8, y: y + 20, class: "chart-value" }, score)
      );
      summary.push(`${STEP_TITLES[step]} ${score} of 100`);
    });
    $("chart-title").textContent = `Scores by step: ${summary.join("; ")}.`;
  }

  function fillStepTable(grade) {
    const rows = GRADED_STEPS.map((step) => {
      const tr = el("tr");
      const th = el("th", null, STEP_TITLES[step]);
      th.scope = "row";
      const criteria = grade.criteria.filter((c) => c.step === step);
      const met = criteria.filter((c) => c.met).length;
      tr.append(
        th,
        el("td", "num", grade.steps[step] ? grade.steps[step].score : "–"),
        el("td", "num", `${met} of ${criteria.length}`)
      );
      return tr;
    });
    $("step-rows").replaceChildren(...rows);
  }

  // --- time per step -------------------------------------------------------------------------

  /* "12 min 05 s", "45 s": as the Markdown export writes a step's time. */
  function duration(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return minutes ? `${minutes} min ${String(rest).padStart(2, "0")} s` : `${rest} s`;
  }

  /* How long each step took and its share, as the export's `time_per_step` gives them (the
     server computes them from the message times); a step not reached says so. Figures only:
     no budget, no warning. Hidden when the messages carry no times. */
  function renderTimes(times) {
    if (!times || times.total_seconds === null || times.total_seconds === undefined) return;
    const total = times.total_seconds;
    const svg = $("time-chart");
    const width = 960;
    let x = 0;
    const rows = [];
    const spoken = [];
    for (const s of times.steps) {
      const name = STEP_TITLES[s.step] || s.title || s.step;
      const tr = el("tr");
      tr.dataset.step = s.step;
      const th = el("th");
      th.scope = "row";
      const swatch = el("span", `swatch seg-${s.step}`);
      swatch.setAttribute("aria-hidden", "true");
      th.append(swatch, name);
      if (!s.reached) {
        tr.classList.add("not-reached");
        tr.append(th, el("td", "time muted", "not reached"), el("td", "share num muted", "–"));
        spoken.push(`${name} not reached`);
      } else {
        const time = s.seconds === null ? "no times" : duration(s.seconds);
        const share = s.percent === null ? "–" : `${s.percent}%`;
        tr.append(th, el("td", "time num", time), el("td", "share num", share));
        spoken.push(s.percent === null ? `${name} ${time}` : `${name} ${time} (${share})`);
        if (total > 0 && s.seconds) {
          const w = (s.seconds / total) * width;
          const rect = svgEl("rect", {
            x: x.toFixed(1),
            y: 0,
            width: Math.max(1, w - 2).toFixed(1),
            height: 24,
            class: `seg seg-${s.step}`,
            "data-step": s.step,
          });
          rect.append(svgEl("title", {}, `${name}: ${time}, ${share}`));
          svg.append(rect);
          x += w;
        }
      }
      rows.push(tr);
    }
    $("time-rows").replaceChildren(...rows);
    $("time-total").textContent = duration(total);
    $("time-chart-title").textContent = `Time per step: ${spoken.join("; ")}. Total ${duration(total)}.`;
    $("time-section").hidden = false;
  }

  // --- timeline ------------------------------------------------------------------------------

  function timelineEvents(messages, grade, topics) {
    const events = stepStarts(messages).map(({ step, turn }) => ({
      turn,
      order: 0,
      kind: "step",
      text: `${STEP_TITLES[step] || step} began`,
    }));
    const uncoveredAt = (grade.facts && grade.facts.uncovered_at) || {};
    for (const [fact, turn] of Object.entries(uncoveredAt)) {
      events.push({
        turn,
        order: 1,
        kind: "fact",
        text: `Uncovered ${topics[fact] || fact}`,
        fact,
      });
    }
    return events.sort((a, b) => a.turn - b.turn || a.order - b.order);
  }

  function drawTimeline(messages, events) {
    const svg = $("timeline-chart");
    const width = 960;
    const n = Math.max(1, messages.length);
    const x = (turn) => (turn / n) * width;
    const starts = stepStarts(messages);
    starts.forEach(({ step, turn }, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].turn : n;
      const w = Math.max(1, x(end) - x(turn) - 2);
      svg.append(
        svgEl("rect", { x: x(turn).toFixed(1), y: 4, width: w.toFixed(1), height: 30, class: `seg seg-${step}` })
      );
      const label = SHORT_TITLES[step] || step;
      if (w > label.length * 8.5 + 12) {
        svg.append(svgEl("text", { x: (x(turn) + 8).toFixed(1), y: 24, class: "seg-label" }, label));
      }
    });
    const facts = events.filter((e) => e.kind === "fact");
    for (const e of facts) {
      svg.append(svgEl("circle", { cx: (x(e.turn) + width / n / 2).toFixed(1), cy: 50, r: 6, class: "fact-dot" }));
    }
    const stepsText = starts.map((s) => `${SHORT_TITLES[s.step] || s.step} from turn ${s.turn}`);
    $("timeline-chart-title").textContent =
      `Timeline of ${messages.length} turns: ${stepsText.join(", ")}; ` +
      `${facts.length} facts uncovered (dots).`;
  }

  function fillTimeline(messages, events) {
    const items = events.map((e) => {
      const li = el("li", `event ${e.kind}`);
      li.append(turnLink(e.turn, `Turn ${e.turn}`));
      const time = timeOf(messages[e.turn]);
      if (time) li.append(" ", time);
      li.append(el("span", "event-text", e.text));
      return li;
    });
    $("timeline").replaceChildren(...items);
  }

  // --- criteria and facts --------------------------------------------------------------------

  function criterionItem(c) {
    const li = el("li", `criterion ${c.met ? "is-met" : "is-unmet"}`);
    li.dataset.id = c.id;
    const head = el("p", "criterion-head");
    const mark = el("span", `mark ${c.met ? "met" : "unmet"}`, c.met ? "✓" : "✗");
    mark.setAttribute("aria-hidden", "true");
    head.append(
      mark,
      el("span", "visually-hidden", c.met ? "Met: " : "Not met: "),
      el("strong", null, c.title || c.id),
      " ",
      el("code", "criterion-id", c.id),
      " ",
      el("span", "points", `${c.points}/${c.max_points}`)
    );
    if (c.applicable === false) head.append(" ", el("span", "muted small", "(not applicable)"));
    li.append(head, el("p", "advice", c.advice));
    if (c.evidence && c.evidence.length) {
      const list = el("ul", "evidence");
      list.setAttribute("aria-label", `Evidence for ${c.title || c.id}`);
      for (const e of c.evidence) {
        const item = el("li");
        const link = turnLink(e.turn, "");
        link.classList.add("evidence-link");
        link.append(el("span", "evidence-turn", `Turn ${e.turn}: `), el("q", null, e.quote));
        item.append(link);
        const line = diagramLine(e.quote);
        if (line) {
          // A quote that is a line of the final diagram points into it.
          const into = el("a", "evidence-diagram", `in the diagram, line ${line}`);
          into.href = `#diagram-line-${line}`;
          into.dataset.diagramLine = String(line);
          into.addEventListener("click", (event) => {
            event.preventDefault();
            pointIntoDiagram(line);
          });
          item.append(into);
        }
        list.append(item);
      }
      li.append(list);
    }
    return li;
  }

  function renderCriteria(grade) {
    const parts = [];
    for (const step of GRADED_STEPS) {
      const criteria = grade.criteria.filter((c) => c.step === step);
      if (!criteria.length) continue;
      const score = grade.steps[step] ? grade.steps[step].score : "–";
      const h = el("h3", null, `${STEP_TITLES[step]} · ${score}/100`);
      const list = el("ul", "criteria-list");
      list.append(...criteria.map(criterionItem));
      parts.push(h, list);
    }
    $("criteria").replaceChildren(...parts);
  }

  function renderFacts(messages, grade, topics) {
    const facts = grade.facts || { uncovered: [], missed: [] };
    const uncoveredAt = facts.uncovered_at || {};
    const uncovered = facts.uncovered.map((fact) => {
      const li = el("li");
      li.append(el("code", null, fact), " ", topics[fact] || "");
      if (uncoveredAt[fact] !== undefined) {
        li.append(" (", turnLink(uncoveredAt[fact], `turn ${uncoveredAt[fact]}`), ")");
      }
      return li;
    });
    const missed = facts.missed.map((fact) => {
      const li = el("li");
      li.append(el("code", null, fact), " ", topics[fact] || "");
      return li;
    });
    $("uncovered").replaceChildren(...(uncovered.length ? uncovered : [el("li", "muted", "None.")]));
    $("missed").replaceChildren(...(missed.length ? missed : [el("li", "muted", "None: well asked.")]));
    $("uncovered-count").textContent = String(facts.uncovered.length);
    $("missed-count").textContent = String(facts.missed.length);
  }

  // --- transcript ----------------------------------------------------------------------------

  // --- the final diagram ---------------------------------------------------------------------

  let finalDiagram = null; // {turn, kind, mermaid, lines}: the last diagram the candidate wrote

  function lastDiagram(messages) {
    if (!window.sdiDiagram) return null;
    for (let turn = messages.length - 1; turn >= 0; turn--) {
      if (messages[turn].role !== "candidate") continue;
      const drawn = window.sdiDiagram.latest(messages[turn].content);
      if (drawn) return { ...drawn, turn };
    }
    return null;
  }

  /* Shows the final diagram: its picture and its lines as written (evidence points at them).
  `finalDiagram` is set before the first await, so the criteria can link into it. */
  async function renderDiagram(messages) {
    finalDiagram = lastDiagram(messages);
    if (!finalDiagram) return;
    $("diagram-section").hidden = false;
    $("diagram-turn").replaceChildren(
      "As last drawn, in ",
      turnLink(finalDiagram.turn, `turn ${finalDiagram.turn}`),
      "."
    );
    $("diagram-lines").replaceChildren(
      ...finalDiagram.lines.map((line, i) => {
        const li = el("li", null, line);
        li.id = `diagram-line-${i + 1}`;
        return li;
      })
    );
    const view = $("review-diagram");
    const result = await window.sdiDiagram.render(view, finalDiagram.mermaid);
    view.dataset.state = result.ok ? "drawn" : "error";
    $("diagram-status").textContent = result.ok ? "" : `Cannot draw it: ${result.error}`;
  }

  function diagramLine(quote) {
    if (!finalDiagram || !quote.trim()) return 0;
    return finalDiagram.lines.findIndex((l) => l.trim() === quote.trim()) + 1;
  }

  /* Picks out line `n` of the final diagram and the nodes it names, and scrolls to them. */
  function pointIntoDiagram(n) {
    for (const old of document.querySelectorAll("#diagram-section .is-evidence")) {
      old.classList.remove("is-evidence");
    }
    const line = $(`diagram-line-${n}`);
    if (!line) return;
    line.classList.add("is-evidence");
    const ids = window.sdiDiagram.lineNodes(finalDiagram.lines[n - 1], finalDiagram.kind);
    for (const node of document.querySelectorAll("#review-diagram g.node")) {
      const m = (node.id || "").match(/-flowchart-(.+)-\d+$/); // mermaid's <svg id>-flowchart-<id>-<n>
      if (m && ids.includes(m[1])) node.classList.add("is-evidence");
    }
    $("diagram-section").scrollIntoView({ block: "start" });
  }

  function renderTranscript(messages) {
    const container = $("transcript");
    const steps = messageSteps(messages);
    const parts = [];
    let list = null;
    let last;
    messages.forEach((m, turn) => {
      if (!list || steps[turn] !== last) {
        last = steps[turn];
        if (last) parts.push(el("h3", "step-heading", STEP_TITLES[last] || last));
        list = el("ol", "turns");
        parts.push(list);
      }
      const li = el("li", `message ${m.role}`);
      li.id = `turn-${turn}`;
      li.tabIndex = -1;
      const who = el("p", "who");
      who.append(el("span", "turn-no", `Turn ${turn}`), ` · ${m.role === "interviewer" ? "Interviewer" : "Candidate"}`);
      const time = timeOf(m);
      if (time) who.append(" · ", time);
      if (m.revealed && m.revealed.length) {
        who.append(" ", el("span", "revealed", `revealed: ${m.revealed.join(", ")}`));
      }
      const body = el("div", "body");
      sdi.renderMarkdown(body, m.content);
      li.append(who, body);
      list.append(li);
    });
    container.replaceChildren(...parts);
  }

  // --- jumping to a turn ---------------------------------------------------------------------

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function highlight(turn) {
    const target = $(`turn-${turn}`);
    if (!target) return;
    for (const old of document.querySelectorAll(".message.highlight")) old.classList.remove("highlight");
    target.classList.add("highlight");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: reducedMotion() ? "auto" : "smooth" });
  }

  function turnFromHash() {
    const m = /^#turn-(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : null;
  }

  function bindTurnLinks() {
    $("main").addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a.turn-link");
      if (!link) return;
      event.preventDefault();
      const hash = `#turn-${link.dataset.turn}`;
      if (location.hash !== hash) history.pushState(null, "", hash);
      highlight(Number(link.dataset.turn));
    });
    window.addEventListener("hashchange", () => {
      const turn = turnFromHash();
      if (turn !== null) highlight(turn);
    });
    window.addEventListener("popstate", () => {
      const turn = turnFromHash();
      if (turn !== null) highlight(turn);
    });
  }

  // --- exports -------------------------------------------------------------------------------

  async function download(format, button) {
    const error = $("export-error");
    sdi.clearError(error);
    const headers = { Accept: format === "md" ? "text/markdown" : "application/json" };
    const secret = sdi.credentialFor(id);
    if (secret) headers.Authorization = `Bearer ${secret}`;
    button.disabled = true;
    try {
      let response;
      try {
        response = await fetch(`${base}/export?format=${format}`, { headers, credentials: "omit" });
      } catch (_) {
        throw new Error("The server cannot be reached. Check that `sdi serve` is running.");
      }
      if (!response.ok) {
        let detail = "";
        try {
          detail = (await response.json()).detail;
        } catch (_) {
          detail = "";
        }
        const text = typeof detail === "string" && detail ? detail : `the server answered ${response.status}`;
        throw new Error(`The export failed: ${text}.`);
      }
      const blob = await response.blob();
      const disposition = response.headers.get("Content-Disposition") || "";
      const named = /filename="([^"]+)"/.exec(disposition);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = named ? named[1] : `sdi-${id}.${format}`;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    } catch (err) {
      sdi.showError(error, err);
    } finally {
      button.disabled = false;
    }
  }

  function bindActions() {
    $("export-md").addEventListener("click", (e) => download("md", e.currentTarget));
    $("export-json").addEventListener("click", (e) => download("json", e.currentTarget));
    $("print").addEventListener("click", () => window.print());
  }

  // --- loading -------------------------------------------------------------------------------

  function fail(err) {
    $("loading").hidden = true;
    if (err.status === 401) return; // api.js shows the key form
    if (err.status === 403) {
      sdi.askForKey("A review needs an API key: this tab holds only the interview's token.");
      return;
    }
    const message = err.status === 404 ? `${sdi.errorMessage(err)}.` : sdi.errorMessage(err);
    const box = $("page-error");
    sdi.showError(box, message);
    box.append(" ");
    const back = el("a", null, "See all interviews");
    back.href = "/";
    box.append(back);
  }

  function showHeader(info, messages, exported) {
    const title = exported ? exported.scenario_title : info.scenario_id;
    $("title").textContent = `Review: ${title}`;
    document.title = `Review: ${title} · sdi`;
    const parts = [`Started ${sdi.formatDate(info.created_at)}`, `${messages.length} turns`];
    parts.push(info.status === "finished" ? "finished" : "in progress");
    $("meta").textContent = parts.join(" · ");
  }

  async function main() {
    bindActions();
    if (!id) {
      fail(new Error("No interview id in the address."));
      return;
    }
    sdi.captureFragment(id);
    $("interview-link").href = `/interview/${encodeURIComponent(id)}`;
    let info;
    let transcript;
    try {
      [info, transcript] = await Promise.all([sdi.api(base), sdi.api(`${base}/transcript`)]);
    } catch (err) {
      fail(err);
      return;
    }
    let grade = null;
    try {
      grade = await sdi.api(`${base}/grade`);
    } catch (err) {
      if (err.status !== 409) {
        fail(err);
        return;
      }
    }
    // The export names the scenario and, once finished, the topics of the facts the grade names.
    let exported = null;
    try {
      exported = await sdi.api(`${base}/export?format=json`);
    } catch (_) {
      exported = null; // titles fall back to ids
    }
    const messages = transcript.messages;
    const topics = (exported && exported.fact_topics) || {};
    showHeader(info, messages, exported);
    renderTranscript(messages);
    renderDiagram(messages);
    if (grade) {
      $("score").textContent = String(grade.score);
      $("score").classList.add(band(grade.score));
      drawScoreChart(grade);
      fillStepTable(grade);
      renderTimes(exported && exported.time_per_step);
      const events = timelineEvents(messages, grade, topics);
      drawTimeline(messages, events);
      fillTimeline(messages, events);
      renderCriteria(grade);
      renderFacts(messages, grade, topics);
      $("graded").hidden = false;
    } else {
      $("not-finished").hidden = false;
    }
    $("transcript-section").hidden = false;
    $("loading").hidden = true;
    $("export-md").disabled = false;
    $("export-json").disabled = false;
    bindTurnLinks();
    const turn = turnFromHash();
    if (turn !== null) highlight(turn);
  }

  main();
})();
