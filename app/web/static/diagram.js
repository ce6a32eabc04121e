/* Diagrams on the pages: find the latest diagram in a message, draw it with the vendored
mermaid (no CDN), and the interview page's diagram panel (live preview, send).

What counts as a diagram follows app/core/diagrams.py: a ```mermaid block (or a fence without a
language, or bare lines, starting `graph`/`flowchart`), or arrow-chain lines such as
`client -> load balancer -> api servers` (drawn left to right). The server's reading is the one
the interviewer and the grader use; this one only decides what the panel shows.

The pages' Content-Security-Policy allows no inline styles, and mermaid writes its SVG with a
<style> element and style attributes. So the SVG is parsed off the page, its <style> text goes
into a constructed stylesheet (CSSOM, which the policy does not govern) and each style attribute
is set again through `element.style` once the SVG is on the page: no 'unsafe-inline' needed.
*/
(function () {
  "use strict";

  const ARROW = /\s*(?:<?-{1,2}>|=>|\u2192|\u27f6|\u21d2)\s*/;
  // Outside a ```mermaid fence a header names its direction in capitals, or stands alone:
  // "Graph databases suit relations" is prose (as in app/core/diagrams.py).
  const HEADER = /^\s*([Gg]raph|[Ff]lowchart)(\s+(TD|TB|BT|RL|LR)\b|\s*;?\s*$)/;
  const NOT_A_NAME = /[_=/{}[\]<>`$%@#?]|\b\d/;
  const PHRASE_WORDS =
    /\b(given|their|its|his|her|my|your|our|all|every|everything|what|which|whose|to|of|for|with|when|if|then|is|are)\b/i;

  function chainParts(line) {
    let body = line.replace(/^\s*(?:[-*\u2022>]+|\d+[.)])\s+/, "").trim().replace(/[.;,]+$/, "");
    const first = body.search(ARROW);
    if (first < 0) return null;
    const lead = body.slice(0, first);
    if (lead.includes(":")) {
      const head = body.slice(0, body.indexOf(":"));
      if (head.trim().split(/\s+/).length > 5) return null;
      body = body.slice(body.indexOf(":") + 1).trim();
    }
    const raw = body.split(ARROW);
    if (raw.length < 2) return null;
    const parts = [];
    for (let piece of raw) {
      piece = piece.trim().replace(/^\*+|\*+$/g, "").trim();
      const m = piece.match(/^([^\W\d_][\w '&+.-]*?)(?:\s*\(([^()]*)\))?$/u);
      if (!m) return null;
      const name = m[1].trim();
      if (!name || name.split(/\s+/).length > 5 || NOT_A_NAME.test(name) || PHRASE_WORDS.test(name)) {
        return null;
      }
      parts.push({ name, note: (m[2] || "").trim() });
    }
    return parts;
  }

  function slug(name) {
    return name.toLowerCase().replace(/\W+/g, "_").replace(/^_+|_+$/g, "") || "node";
  }

  /* Arrow-chain lines as a Mermaid flowchart, left to right. */
  function chainToMermaid(lines) {
    const nodes = new Map();
    const edges = [];
    for (const line of lines) {
      const ids = chainParts(line).map(({ name, note }) => {
        const key = slug(name);
        const label = note ? `${name} (${note})` : name;
        if (!nodes.has(key) || note) nodes.set(key, label);
        return key;
      });
      for (let i = 1; i < ids.length; i++) if (ids[i - 1] !== ids[i]) edges.push([ids[i - 1], ids[i]]);
    }
    const out = ["graph LR"];
    for (const [key, label] of nodes) out.push(`  ${key}["${label.replace(/"/g, "#quot;")}"]`);
    for (const [a, b] of edges) out.push(`  ${a} --> ${b}`);
    return out.join("\n");
  }

  /* Every diagram of a message, in order: {kind, mermaid (its Mermaid source), lines (the
  lines as the candidate wrote them)}. */
  function find(text) {
    const lines = String(text || "").split("\n");
    const found = [];
    let chain = [];
    const flush = () => {
      if (chain.length) found.push({ kind: "arrows", mermaid: chainToMermaid(chain), lines: chain });
      chain = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const fence = lines[i].match(/^\s*(```+|~~~+)\s*([\w-]*)/);
      if (fence) {
        flush();
        let close = i + 1;
        while (close < lines.length && !lines[close].trim().startsWith(fence[1])) close++;
        const body = lines.slice(i + 1, close);
        const lang = fence[2].toLowerCase();
        const first = body.find((l) => l.trim()) || "";
        if (lang === "mermaid" || (["", "text", "txt"].includes(lang) && HEADER.test(first))) {
          if (body.some((l) => l.trim())) {
            found.push({ kind: "mermaid", mermaid: body.join("\n"), lines: body });
          }
        } else {
          for (const l of body) {
            if (chainParts(l)) chain.push(l);
            else flush();
          }
          flush();
        }
        i = close;
        continue;
      }
      if (HEADER.test(lines[i]) && !chainParts(lines[i])) {
        flush();
        let end = i + 1;
        while (end < lines.length && lines[end].trim() && !/^\s*```/.test(lines[end])) end++;
        const block = lines.slice(i, end);
        found.push({ kind: "mermaid", mermaid: block.join("\n"), lines: block });
        i = end - 1;
        continue;
      }
      if (chainParts(lines[i])) chain.push(lines[i]);
      else flush();
    }
    flush();
    return found;
  }

  /* The node ids a diagram line names: Mermaid ids outside labels, or a chain's names. */
  function lineNodes(line, kind) {
    if (kind === "arrows") return (chainParts(line) || []).map((p) => slug(p.name));
    const bare = line
      .replace(/\|[^|]*\|/g, " ")
      .replace(/(--|==|-\.)\s+[^-=.]*?\s+(-{2,}|={2,}|\.-+)[>xo]/g, " ")
      .replace(/"[^"]*"/g, " ")
      .replace(/(\w)>[^\]]*\]/g, "$1 ")
      .replace(/[[({][^\])}]*[\])}]+/g, " ");
    const words = bare.match(/\w+(?:-\w+)*/g) || [];
    const skip = new Set(["graph", "flowchart", "subgraph", "end", "direction", "TD", "TB", "BT", "RL", "LR"]);
    return words.filter((w) => !skip.has(w));
  }

  /* The last diagram of a message, or null. */
  function latest(text) {
    const all = find(text);
    return all.length ? all[all.length - 1] : null;
  }

  // --- drawing ---------------------------------------------------------------------------------

  let initialised = false;
  let counter = 0;
  const sheets = new WeakMap(); // container -> its constructed stylesheet

  function mermaidLib() {
    const lib = window.mermaid;
    if (!lib) throw new Error("the diagram renderer did not load");
    if (!initialised) {
      lib.initialize({
        startOnLoad: false,
        securityLevel: "strict",
        theme: "neutral",
        suppressErrorRendering: true,
        htmlLabels: false,
        flowchart: { htmlLabels: false },
      });
      initialised = true;
    }
    return lib;
  }

  /* mermaid's parse error ("Parse error on line 3: ... Expecting 'SQE', ..., got 'EOF'") in
  words: the line, and what is missing. */
  function errorText(err, source) {
    const text = String((err && (err.message || err.str)) || err || "");
    const line = text.match(/on line (\d+)/);
    const parts = text.match(/Expecting ([^\n]+), got '([^']*)'/);
    if (!line || !parts) return text.split("\n")[0] || "the diagram could not be drawn";
    const lines = String(source).split("\n");
    const n = Math.max(1, Math.min(Number(line[1]), lines.length)); // an early end is reported a line late
    const [, expecting, got] = parts;
    let what;
    if (got === "EOF") {
      const arrow = (lines[n - 1] || "").trim().match(/(-->|---|==>|-\.->|--)\s*$/);
      what = arrow ? `expected a node after '${arrow[1]}'` : "the diagram ends too soon";
    } else if (/'(SQE|PE|CYLINDEREND|DIAMOND_STOP|STADIUMEND|SUBROUTINEEND)'/.test(expecting)) {
      what = "a label's bracket is not closed";
    } else if (/'(LINK|START_LINK)'/.test(expecting)) {
      what = "expected an arrow such as -->";
    } else {
      what = `unexpected ${got.toLowerCase().replace(/_/g, " ")}`;
    }
    return `line ${n}: ${what}`;
  }

  function place(container, svgText) {
    const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const root = parsed.documentElement;
    if (root.nodeName !== "svg") throw new Error("the renderer returned no picture");
    const css = [];
    for (const style of [...root.querySelectorAll("style")]) {
      css.push(style.textContent || "");
      style.remove();
    }
    const styles = [];
    for (const el of [root, ...root.querySelectorAll("[style]")]) {
      const value = el.getAttribute("style");
      if (value === null) continue;
      el.setAttribute("data-sdi-style", String(styles.length));
      styles.push(value);
      el.removeAttribute("style");
    }
    const svg = document.importNode(root, true);
    container.replaceChildren(svg);
    for (const el of [svg, ...svg.querySelectorAll("[data-sdi-style]")]) {
      const index = el.getAttribute("data-sdi-style");
      if (index === null) continue;
      el.style.cssText = styles[Number(index)];
      el.removeAttribute("data-sdi-style");
    }
    if (typeof CSSStyleSheet === "function" && "adoptedStyleSheets" in document) {
      let sheet = sheets.get(container);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheets.set(container, sheet);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      sheet.replaceSync(css.join("\n"));
    }
    svg.setAttribute("role", "img");
    const names = [...svg.querySelectorAll("g.node")].map((g) => g.textContent.trim()).filter(Boolean);
    svg.setAttribute("aria-label", names.length ? `Diagram: ${names.join(", ")}` : "Diagram");
    return svg;
  }

  /* Draw `source` into `container`: {ok: true, svg} or {ok: false, error} (the container
  keeps its last good picture). */
  async function render(container, source) {
    let lib;
    try {
      lib = mermaidLib();
      await lib.parse(source);
    } catch (err) {
      return { ok: false, error: errorText(err, source) };
    }
    try {
      counter += 1;
      const { svg } = await lib.render(`sdi-diagram-${counter}`, source);
      const placed = place(container, svg);
      return { ok: true, svg: placed };
    } catch (err) {
      return { ok: false, error: errorText(err, source) };
    } finally {
      // mermaid leaves its scratch element behind when a render fails
      const scratch = document.getElementById(`dsdi-diagram-${counter}`);
      if (scratch) scratch.remove();
    }
  }

  // --- the interview page's panel -------------------------------------------------------------

  /* The panel: `send(content)` queues a message (the page's outbox). */
  function panel(send) {
    const $ = (id) => document.getElementById(id);
    const view = $("diagram-view");
    const source = $("diagram-source");
    const status = $("diagram-status");
    const button = $("diagram-send");
    if (!view || !source) return null;
    let written = ""; // the latest diagram the candidate sent
    let timer = null;
    let drawing = Promise.resolve();

    let wanted = null; // the text to draw next; a burst of calls (history loading) draws once

    function show(next) {
      wanted = next;
      drawing = drawing.then(async () => {
        if (wanted === null) return;
        const text = wanted;
        wanted = null;
        if (!text.trim()) {
          view.replaceChildren();
          view.dataset.state = "empty";
          status.textContent = "No diagram yet: write one in a message, or here.";
          return;
        }
        const result = await render(view, text);
        view.dataset.state = result.ok ? "drawn" : "error";
        status.textContent = result.ok
          ? text === written
            ? "Your latest diagram."
            : "Preview: not sent yet."
          : `Cannot draw it: ${result.error}`;
      });
      return drawing;
    }

    source.addEventListener("input", () => {
      clearTimeout(timer);
      button.disabled = !source.value.trim() || source.value === written;
      timer = setTimeout(() => show(source.value), 250);
    });
    button.addEventListener("click", () => {
      const text = source.value.trim();
      if (!text) return;
      send("```mermaid\n" + text + "\n```");
      button.disabled = true;
    });
    button.disabled = true;
    show("");

    return {
      /* A message of the candidate's is stored: its diagram, if any, becomes the panel's. */
      candidateSaid(content) {
        const drawn = latest(content);
        if (drawn === null) return;
        const found = drawn.mermaid;
        const editing = source.value.trim() && source.value !== written;
        written = found;
        if (!editing || source.value.trim() === found.trim()) {
          source.value = found;
          button.disabled = true;
          show(found);
        }
      },
      finished() {
        source.readOnly = true;
        button.hidden = true;
      },
    };
  }

  window.sdiDiagram = { find, latest, render, panel, lineNodes, slug };
})();
