/* sdi api.js: the tiny client every page shares. Load it as a classic script:
 *   <script src="/static/api.js"></script>   (after vendor/marked.umd.js and vendor/purify.min.js
 *                                            if the page renders Markdown)
 * Everything is on `window.sdi`. These functions are stable; pages may rely on them:
 *
 *   sdi.api(path, {method, body, headers}) -> Promise<JSON | null>
 *       fetch() on this server. `body` (an object) is sent as JSON. Adds `Authorization: Bearer`
 *       with sdi.credentialFor(the interview id in `path`) when one is stored. Resolves with the
 *       parsed JSON (null for 204); rejects with an sdi.ApiError for any non-2xx answer or a
 *       network failure (status 0). A 401 also calls the handler set by sdi.onUnauthorized().
 *   new sdi.ApiError(status, message, detail)
 *       `message` is a readable sentence built from the answer's JSON `detail` (a string, or
 *       FastAPI's list of field errors, each shown as "field: why").
 *   sdi.errorMessage(err) -> string        a readable sentence for any error
 *   sdi.showError(element, err)            puts that sentence in `element` and unhides it
 *   sdi.clearError(element)                empties and hides it
 *
 *   Credentials live in sessionStorage only (this tab; gone when it closes):
 *   sdi.key() / sdi.setKey(key) / sdi.clearKey()    an API key (key mode), for every call
 *   sdi.token(id) / sdi.setToken(id, token)         an interview's token, for that interview
 *   sdi.credentialFor(id) -> string | null          the key, else the token of interview `id`
 *   sdi.captureFragment(id)
 *       reads `#token=…` (stored as interview `id`'s token, when `id` is given) and `#key=…`
 *       from the URL fragment, stores them and removes the fragment from the address bar.
 *   sdi.onUnauthorized(callback)           callback(err) on any 401 (default: sdi.askForKey)
 *   sdi.askForKey(message)
 *       shows a form asking for an API key at the top of <main>; saving stores it with
 *       sdi.setKey() and reloads the page.
 *
 *   sdi.wsUrl(path, params) -> string      ws:// or wss:// URL on this server, with a query
 *   sdi.interviewIdFromPath() -> string    the id in /interview/{id} or /review/{id}
 *   sdi.renderMarkdown(element, text)
 *       Markdown (marked, GFM) made safe by DOMPurify, into `element`. ASCII diagrams (lines
 *       like `client -> LB -> api`) become preformatted blocks. Without the vendored libraries
 *       it falls back to plain text. Nothing in `text` can run script or load a remote file.
 *   sdi.formatDate(iso) -> string          a short local date and time
 *   sdi.formatDuration(ms) -> string       "12:05" or "1:02:05"
 *   sdi.STEPS                              [{id, title}] of the three interview steps
 */
(function () {
  "use strict";

  const KEY = "sdi.key";
  const TOKEN = "sdi.token.";

  const STEPS = [
    { id: "requirements", title: "Requirements" },
    { id: "data_api_scale", title: "Data types, API and scale" },
    { id: "design", title: "Design" },
  ];

  class ApiError extends Error {
    constructor(status, message, detail) {
      super(message);
      this.name = "ApiError";
      this.status = status;
      this.detail = detail;
    }
  }

  function store() {
    try {
      return window.sessionStorage;
    } catch (_) {
      return null; // storage disabled: credentials then last as long as the page
    }
  }
  const memory = {};
  function getItem(name) {
    const s = store();
    return s ? s.getItem(name) : memory[name] ?? null;
  }
  function setItem(name, value) {
    const s = store();
    if (s) s.setItem(name, value);
    else memory[name] = value;
  }
  function removeItem(name) {
    const s = store();
    if (s) s.removeItem(name);
    else delete memory[name];
  }

  const key = () => getItem(KEY);
  const setKey = (value) => setItem(KEY, value.trim());
  const clearKey = () => removeItem(KEY);
  const token = (id) => (id ? getItem(TOKEN + id) : null);
  const setToken = (id, value) => setItem(TOKEN + id, value);
  const credentialFor = (id) => key() || token(id);

  function captureFragment(id) {
    if (!location.hash) return;
    const params = new URLSearchParams(location.hash.slice(1));
    let found = false;
    if (params.get("token") && id) {
      setToken(id, params.get("token"));
      found = true;
    }
    if (params.get("key")) {
      setKey(params.get("key"));
      found = true;
    }
    if (found) history.replaceState(null, "", location.pathname + location.search);
  }

  function detailMessage(detail) {
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail
        .map((e) => {
          const loc = (e.loc || []).filter((p) => p !== "body" && p !== "query").join(".");
          return loc ? `${loc}: ${e.msg}` : e.msg;
        })
        .join("; ");
    }
    return detail == null ? "" : JSON.stringify(detail);
  }

  let unauthorized = (err) => askForKey(err.message);
  const onUnauthorized = (callback) => {
    unauthorized = callback;
  };

  function interviewIdOf(path) {
    const m = /^\/api\/v1\/interviews\/([^/?#]+)/.exec(path);
    return m ? decodeURIComponent(m[1]) : null;
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
    const secret = credentialFor(interviewIdOf(path));
    if (secret && !headers.Authorization) headers.Authorization = `Bearer ${secret}`;
    const init = { method: options.method || "GET", headers, credentials: "omit" };
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (_) {
      throw new ApiError(0, "The server cannot be reached. Check that `sdi serve` is running.");
    }
    if (response.status === 204) return null;
    let data = null;
    const text = await response.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (_) {
        data = null;
      }
    }
    if (!response.ok) {
      const detail = data && data.detail !== undefined ? data.detail : text;
      const message =
        detailMessage(detail) || `The server answered ${response.status} ${response.statusText}.`;
      const err = new ApiError(response.status, message, detail);
      if (response.status === 401 && unauthorized) unauthorized(err);
      throw err;
    }
    return data;
  }

  function errorMessage(err) {
    if (!err) return "";
    if (err instanceof ApiError) return err.message;
    return err.message || String(err);
  }

  function showError(element, err) {
    if (!element) return;
    element.textContent = typeof err === "string" ? err : errorMessage(err);
    element.hidden = false;
  }

  function clearError(element) {
    if (!element) return;
    element.textContent = "";
    element.hidden = true;
  }

  function askForKey(message) {
    if (document.getElementById("key-form")) return;
    const main = document.querySelector("main") || document.body;
    const form = document.createElement("form");
    form.id = "key-form";
    form.className = "panel";
    form.setAttribute("aria-labelledby", "key-form-title");
    const title = document.createElement("h2");
    title.id = "key-form-title";
    title.textContent = "This server needs an API key";
    const why = document.createElement("p");
    why.className = "muted";
    why.textContent =
      (message ? message + " " : "") +
      "Paste a key made with `sdi keys create TENANT`. It is kept in this tab only (sessionStorage).";
    const field = document.createElement("div");
    field.className = "field";
    const label = document.createElement("label");
    label.htmlFor = "api-key";
    label.textContent = "API key";
    const input = document.createElement("input");
    input.id = "api-key";
    input.type = "password";
    input.autocomplete = "off";
    input.required = true;
    input.spellcheck = false;
    const button = document.createElement("button");
    button.type = "submit";
    button.className = "primary";
    button.textContent = "Use this key";
    field.append(label, input);
    form.append(title, why, field, button);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      setKey(input.value);
      location.reload();
    });
    main.prepend(form);
    input.focus();
  }

  function wsUrl(path, params = {}) {
    const url = new URL(path, location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  function interviewIdFromPath() {
    const m = /^\/(?:interview|review)\/([^/?#]+)/.exec(location.pathname);
    return m ? decodeURIComponent(m[1]) : "";
  }

  // --- Markdown ----------------------------------------------------------------------------

  const ARROW = /(<?-{1,2}>|<-{1,2}|=>|<=>|→|←|↔)/;
  const BOXY = /^[\s|+\-=_.:v^<>*#\\/]*$/; // box edges, bars and arrowheads, no words

  /* A line is part of an ASCII diagram when it has an arrow and reads like boxes, not prose
     (no sentence ending), or when it is drawing only (edges, bars, `v`). A run of such lines
     with at least one arrow becomes a fenced block, so its spacing survives. */
  function fenceDiagrams(text) {
    const lines = text.split("\n");
    const out = [];
    let run = [];
    let inFence = false;
    const flush = () => {
      if (run.some((l) => ARROW.test(l))) {
        out.push("```text", ...run, "```");
      } else {
        out.push(...run);
      }
      run = [];
    };
    for (const line of lines) {
      if (/^\s*(```|~~~)/.test(line)) {
        flush();
        inFence = !inFence;
        out.push(line);
        continue;
      }
      if (inFence) {
        out.push(line);
        continue;
      }
      const trimmed = line.trim();
      const arrowy = ARROW.test(trimmed) && !/[.?!:]$/.test(trimmed) && !/^\|.*\|$/.test(trimmed);
      const drawing = trimmed.length > 0 && BOXY.test(trimmed);
      if (arrowy || drawing) {
        run.push(line);
      } else {
        flush();
        out.push(line);
      }
    }
    flush();
    return out.join("\n");
  }

  let purifyReady = false;
  function purifier() {
    if (!window.DOMPurify) return null;
    if (!purifyReady) {
      // No images at all (a remote one would leave this host): an <img> becomes its alt text.
      window.DOMPurify.addHook("uponSanitizeElement", (node, data) => {
        if (data.tagName === "img" && node.parentNode) {
          const alt = node.getAttribute("alt");
          node.parentNode.replaceChild(
            document.createTextNode(alt ? `[image: ${alt}]` : "[image]"),
            node
          );
        }
      });
      window.DOMPurify.addHook("afterSanitizeAttributes", (node) => {
        if (node.tagName === "A" && node.getAttribute("href")) {
          node.setAttribute("rel", "noopener noreferrer");
          node.setAttribute("target", "_blank");
        }
      });
      purifyReady = true;
    }
    return window.DOMPurify;
  }

  function renderMarkdown(element, text) {
    const purify = purifier();
    const md = window.marked;
    element.classList.add("md");
    if (!purify || !md || typeof md.parse !== "function") {
      element.textContent = text; // no renderer: plain text is still safe and readable
      element.style.whiteSpace = "pre-wrap";
      return;
    }
    const html = md.parse(fenceDiagrams(String(text)), { gfm: true, breaks: true, async: false });
    // DOMPurify parses in an inert document: nothing loads or runs before it is cleaned.
    element.innerHTML = purify.sanitize(html, {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ["img", "style", "form", "input", "button", "textarea", "select", "iframe"],
      FORBID_ATTR: ["style"],
    });
    for (const pre of element.querySelectorAll("pre")) {
      pre.tabIndex = 0; // a wide block scrolls sideways: the keyboard can reach it too
      const code = pre.querySelector("code");
      const lang = code && /language-(\S+)/.exec(code.className);
      pre.setAttribute("aria-label", lang ? `${lang[1]} block` : "preformatted block");
      if (lang && lang[1] === "mermaid") pre.classList.add("diagram");
    }
  }

  // --- formatting --------------------------------------------------------------------------

  function formatDate(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso || "";
    return date.toLocaleString(undefined, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  function formatDuration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const two = (n) => String(n).padStart(2, "0");
    return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  }

  window.sdi = Object.freeze({
    api,
    ApiError,
    errorMessage,
    showError,
    clearError,
    key,
    setKey,
    clearKey,
    token,
    setToken,
    credentialFor,
    captureFragment,
    onUnauthorized,
    askForKey,
    wsUrl,
    interviewIdFromPath,
    renderMarkdown,
    fenceDiagrams,
    formatDate,
    formatDuration,
    STEPS,
  });
})();
