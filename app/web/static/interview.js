/* The interview page: chat over the interview's websocket, the step, notes and the clock.

Nothing the candidate types is lost: the draft lives in sessionStorage, and a message goes to an
outbox (also in sessionStorage) before it is sent. A message leaves the outbox only when the
server's `message` frame (or the stored transcript) shows it stored. After a dropped connection
or a reload the page reconnects with `?after=<last seq seen>`, reads the transcript once more, and
resends only what the server does not have; every message carries an idempotency key, so even
a resend of one the server received but had not yet stored is stored once. One message is in
flight at a time, and the next waits for the interviewer's reply (as the server would anyway).
*/
(function () {
  "use strict";
  const sdi = window.sdi;
  const $ = (id) => document.getElementById(id);

  const id = sdi.interviewIdFromPath();
  const base = `/api/v1/interviews/${encodeURIComponent(id)}`;
  const OUTBOX = `sdi.outbox.${id}`;
  const DRAFT = `sdi.draft.${id}`;
  const MAX_CHARS = 8000;
  const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
  const REPLY_WAIT_MS = 60000; // a reply may take this long before the next message goes anyway
  const RECONNECT_REPLY_WAIT_MS = 3000;

  const ORDER = sdi.STEPS.map((s) => s.id);
  const messages = new Map(); // seq -> message
  let lastSeq = -1;
  let finished = false;
  let startedAt = null;
  let endedAt = null;
  let socket = null;
  let ready = false; // the socket is open and the outbox checked against the transcript
  let attempt = 0;
  let retryTimer = null;
  let pumpTimer = null;
  let replyDeadline = 0; // while a reply is pending, the next message waits until then
  let streaming = null; // <li> of the reply being written (tokens)
  let outbox = loadOutbox(); // [{key, content, state: "queued" | "sent" | "failed", after, why}]
  let diagram = null; // the diagram panel (diagram.js): keeps the latest diagram sent

  // --- storage -----------------------------------------------------------------------------

  function session() {
    try {
      return window.sessionStorage;
    } catch (_) {
      return null;
    }
  }

  function loadOutbox() {
    try {
      const items = JSON.parse((session() && session().getItem(OUTBOX)) || "[]");
      return Array.isArray(items) ? items.filter((i) => i && typeof i.content === "string") : [];
    } catch (_) {
      return [];
    }
  }

  function saveOutbox() {
    const keep = outbox.filter((i) => i.state !== "failed");
    const s = session();
    if (!s) return;
    if (keep.length) s.setItem(OUTBOX, JSON.stringify(keep));
    else s.removeItem(OUTBOX);
  }

  function saveDraft() {
    const s = session();
    if (!s) return;
    const value = $("message").value;
    if (value) s.setItem(DRAFT, value);
    else s.removeItem(DRAFT);
  }

  // --- rendering ---------------------------------------------------------------------------

  function scrollToEnd() {
    const list = $("messages");
    list.scrollTop = list.scrollHeight;
  }

  function messageItem(m) {
    const li = document.createElement("li");
    li.className = `message ${m.role}`;
    const who = document.createElement("p");
    who.className = "who";
    who.textContent = m.role === "interviewer" ? "Interviewer" : "You";
    if (m.at) {
      const time = document.createElement("time");
      time.dateTime = m.at;
      time.textContent = new Date(m.at).toLocaleTimeString([], {
        hour: "2-digit",
        minute: "2-digit",
      });
      who.append(" ", time);
    }
    const body = document.createElement("div");
    body.className = "body";
    sdi.renderMarkdown(body, m.content);
    li.append(who, body);
    return li;
  }

  function addMessage(m) {
    if (typeof m.seq !== "number" || messages.has(m.seq)) return;
    messages.set(m.seq, m);
    lastSeq = Math.max(lastSeq, m.seq);
    const li = messageItem(m);
    li.dataset.seq = String(m.seq);
    const list = $("messages");
    // Stored messages in seq order; the reply being written and the outbox come after them.
    const next = [...list.children].find(
      (el) => el.dataset.seq === undefined || Number(el.dataset.seq) > m.seq
    );
    list.insertBefore(li, next || null);
    if (m.role === "candidate") {
      confirm(m);
      if (diagram) diagram.candidateSaid(m.content);
    } else {
      dropStreaming();
      if (m.step) setStep(m.step);
      if (m.revealed && m.revealed.length) loadNotes();
      if (m.act && m.act.includes("follow_up")) li.classList.add("follow-up");
    }
    scrollToEnd();
  }

  function appendToken(delta) {
    if (!streaming) {
      streaming = document.createElement("li");
      streaming.className = "message interviewer streaming";
      streaming.setAttribute("aria-busy", "true");
      const who = document.createElement("p");
      who.className = "who";
      who.textContent = "Interviewer (writing…)";
      const body = document.createElement("div");
      body.className = "body streaming-text";
      streaming.append(who, body);
      const list = $("messages");
      list.insertBefore(streaming, list.querySelector("li.pending"));
    }
    streaming.querySelector(".body").append(document.createTextNode(delta));
    scrollToEnd();
  }

  function dropStreaming() {
    if (streaming) streaming.remove();
    streaming = null;
  }

  function stateText(item) {
    if (item.state === "failed") return `Not sent: ${item.why}`;
    if (item.state === "sent") return "Sending…";
    if (!ready) return "Queued: it is sent as soon as the connection is back.";
    return "Queued: it is sent after the interviewer's reply.";
  }

  function renderOutbox() {
    const list = $("messages");
    for (const el of list.querySelectorAll("li.pending")) {
      if (!outbox.some((i) => i.key === el.dataset.key)) el.remove();
    }
    for (const item of outbox) {
      let li = list.querySelector(`li.pending[data-key="${CSS.escape(item.key)}"]`);
      if (!li) {
        li = messageItem({ role: "candidate", content: item.content });
        li.classList.add("pending");
        li.dataset.key = item.key;
        const state = document.createElement("p");
        state.className = "state";
        li.append(state);
        list.append(li);
        scrollToEnd();
      }
      li.dataset.state = item.state;
      const text = stateText(item);
      const state = li.querySelector(".state");
      if (state.textContent !== text) state.textContent = text;
    }
  }

  function setStep(step) {
    const index = ORDER.indexOf(step);
    const progress = $("progress");
    progress.dataset.current = step;
    for (const li of $("progress-steps").children) {
      const i = ORDER.indexOf(li.dataset.step);
      const state = index === -1 || i < index ? "complete" : i === index ? "current" : "upcoming";
      li.dataset.state = state;
      if (state === "current") li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
      li.querySelector(".mark").textContent = state === "complete" ? "✓" : String(i + 1);
      li.querySelector(".visually-hidden").textContent =
        state === "complete" ? " (completed)" : state === "current" ? " (current step)" : "";
    }
    $("progress-text").textContent =
      index >= 0
        ? `Step ${index + 1} of 3: ${sdi.STEPS[index].title}`
        : step === "wrap_up"
          ? "All three steps covered: wrap-up and your questions"
          : "Done";
    if (step === "done") setFinished();
  }

  function buildProgress() {
    const ol = $("progress-steps");
    for (const s of sdi.STEPS) {
      const li = document.createElement("li");
      li.dataset.step = s.id;
      const mark = document.createElement("span");
      mark.className = "mark";
      mark.setAttribute("aria-hidden", "true");
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = s.title;
      const sr = document.createElement("span");
      sr.className = "visually-hidden";
      li.append(mark, label, sr);
      ol.append(li);
    }
    setStep("requirements");
  }

  function setConnection(state, text) {
    const el = $("connection");
    el.dataset.state = state;
    el.textContent = text;
    renderOutbox();
  }

  let notesLoading = null;
  let notesAgain = false;
  function loadNotes() {
    if (notesLoading) {
      notesAgain = true;
      return notesLoading;
    }
    notesLoading = sdi
      .api(`${base}/notes`)
      .then((notes) => {
        const list = $("notes-list");
        list.replaceChildren(
          ...notes.map((n) => {
            const li = document.createElement("li");
            li.dataset.fact = n.fact_id;
            const topic = document.createElement("strong");
            topic.textContent = n.topic;
            li.append(topic, `: ${n.note}`);
            return li;
          })
        );
        $("notes-empty").hidden = notes.length > 0;
      })
      .catch((err) => sdi.showError($("page-error"), err))
      .finally(() => {
        notesLoading = null;
        if (notesAgain) {
          notesAgain = false;
          loadNotes();
        }
      });
    return notesLoading;
  }

  function tick() {
    if (!startedAt) return;
    const end = endedAt || new Date();
    $("elapsed").textContent = sdi.formatDuration(end - startedAt);
  }

  function setFinished(updatedAt) {
    if (finished) return;
    finished = true;
    endedAt = updatedAt ? new Date(updatedAt) : new Date();
    tick();
    $("composer").hidden = true;
    if (diagram) diagram.finished();
    const link = $("review-link");
    link.href = `/review/${encodeURIComponent(id)}`;
    $("finished").hidden = false;
    for (const item of outbox) {
      if (item.state !== "failed") Object.assign(item, { state: "failed", why: "the interview is finished" });
    }
    saveOutbox();
    renderOutbox();
    disconnect();
    setConnection("closed", "Finished");
  }

  // --- the outbox and the socket -----------------------------------------------------------

  function newKey() {
    // randomUUID needs a secure context (https, or 127.0.0.1); elsewhere time + randomness.
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  }

  function enqueue(content) {
    outbox.push({ key: newKey(), content, state: "queued", after: null });
    saveOutbox();
    renderOutbox();
    pump();
  }

  /* The candidate's message `m` is stored: the outbox item it came from is done. */
  function confirm(m) {
    const item = outbox.find(
      (i) => i.state === "sent" && i.content === m.content && m.seq > (i.after ?? -1)
    );
    if (item) {
      outbox = outbox.filter((i) => i !== item);
      saveOutbox();
      renderOutbox();
      replyDeadline = Date.now() + REPLY_WAIT_MS;
    }
  }

  function awaitingReply() {
    return lastSeq >= 0 && messages.get(lastSeq).role === "candidate";
  }

  function pump() {
    clearTimeout(pumpTimer);
    if (!socket || socket.readyState !== WebSocket.OPEN || !ready || finished) {
      renderOutbox();
      return;
    }
    if (outbox.some((i) => i.state === "sent")) return;
    const item = outbox.find((i) => i.state === "queued");
    if (!item) return;
    if (awaitingReply() && Date.now() < replyDeadline) {
      pumpTimer = setTimeout(pump, replyDeadline - Date.now());
      renderOutbox();
      return;
    }
    item.state = "sent";
    item.after = lastSeq;
    saveOutbox();
    renderOutbox();
    // The key makes a resend after a dropped connection safe: the server stores it once.
    socket.send(JSON.stringify({ type: "message", content: item.content, idempotency_key: item.key }));
  }

  function failSent(why, restore) {
    const item = outbox.find((i) => i.state === "sent");
    if (!item) return;
    if (restore) {
      // Back into the message box, so nothing typed is lost.
      const box = $("message");
      box.value = box.value ? `${item.content}\n\n${box.value}` : item.content;
      saveDraft();
      outbox = outbox.filter((i) => i !== item);
    } else {
      Object.assign(item, { state: "failed", why });
    }
    saveOutbox();
    renderOutbox();
  }

  function onError(frame) {
    const error = $("send-error");
    switch (frame.code) {
      case "rate_limited": {
        const item = outbox.find((i) => i.state === "sent");
        if (item) item.state = "queued";
        saveOutbox();
        sdi.showError(error, "Too many messages at once; yours is sent again in a moment.");
        pumpTimer = setTimeout(pump, 2000);
        renderOutbox();
        break;
      }
      case "finished":
        setFinished();
        break;
      case "invalid_after":
        break; // nothing is replayed; the transcript check after connecting covers it
      default:
        failSent(frame.detail, true);
        sdi.showError(error, `Not sent: ${frame.detail} Your message is back in the box.`);
    }
  }

  function onFrame(frame) {
    switch (frame.type) {
      case "message":
        addMessage(frame);
        if (frame.role === "interviewer") pump();
        break;
      case "token":
        appendToken(frame.delta);
        break;
      case "step_changed":
        setStep(frame.step);
        break;
      case "fact_revealed":
        break; // the reply's `revealed` already refreshed the notes
      case "finished":
        setFinished(); // graded on the server: the review is ready
        break;
      case "error":
        onError(frame);
        break;
      default:
        break; // follow_up and any future event: the message itself is what shows
    }
  }

  /* After (re)connecting: read the stored transcript (everything stored from now on arrives on
     the socket) and settle the message that was in flight when the last connection dropped. */
  async function reconcile(s) {
    // A message in flight when the connection dropped may have reached the server just before:
    // look twice, a second apart, before sending it again.
    for (let look = 0; look < 2; look++) {
      try {
        const transcript = await sdi.api(`${base}/transcript`);
        transcript.messages.forEach((m, seq) => addMessage({ ...m, seq }));
      } catch (err) {
        if (s !== socket) return;
        sdi.showError($("page-error"), err);
        setTimeout(() => s === socket && reconcile(s), 2000);
        return;
      }
      if (s !== socket) return;
      if (look > 0 || !outbox.some((i) => i.state === "sent")) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (s !== socket) return;
    }
    sdi.clearError($("page-error"));
    for (const item of outbox) {
      if (item.state === "sent") item.state = "queued"; // not in the transcript: never stored
    }
    saveOutbox();
    ready = true;
    replyDeadline = awaitingReply() ? Date.now() + RECONNECT_REPLY_WAIT_MS : 0;
    setConnection("online", "Connected");
    pump();
  }

  function connect() {
    clearTimeout(retryTimer);
    if (finished) return;
    ready = false;
    const params = { after: lastSeq };
    const secret = sdi.credentialFor(id);
    if (secret) params.token = secret;
    const s = new WebSocket(sdi.wsUrl(`${base}/ws`, params));
    socket = s;
    setConnection("connecting", "Connecting…");
    s.onopen = () => {
      if (s !== socket) return;
      attempt = 0;
      reconcile(s);
    };
    s.onmessage = (event) => {
      if (s !== socket) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (_) {
        return;
      }
      onFrame(frame);
    };
    s.onclose = (event) => {
      if (s !== socket) return;
      socket = null;
      ready = false;
      dropStreaming();
      if (finished) return;
      if (event.code === 1009 || event.code === 1003) {
        // The server refused the frame itself: sending it again would be refused again.
        failSent("the server refused it as too large", true);
        sdi.showError($("send-error"), "Your message was too large to send; it is back in the box.");
      }
      if (event.code === 1008) {
        setConnection("refused", `The server refused the connection: ${event.reason}.`);
        if (/credentials/.test(event.reason)) sdi.askForKey("The interview needs a key or token.");
        return;
      }
      scheduleReconnect();
    };
  }

  /* Close the current socket without the reconnect its close would schedule. */
  function disconnect() {
    clearTimeout(retryTimer);
    const s = socket;
    socket = null;
    ready = false;
    dropStreaming();
    if (s) s.close(1000);
  }

  function scheduleReconnect() {
    clearTimeout(retryTimer);
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] * (0.8 + Math.random() * 0.4);
    attempt += 1;
    const seconds = Math.max(1, Math.round(delay / 1000));
    const text = navigator.onLine
      ? `Connection lost. Reconnecting in ${seconds} s…`
      : "Offline. Your messages wait here until the connection is back.";
    setConnection("reconnecting", text);
    retryTimer = setTimeout(connect, delay);
  }

  // --- controls ----------------------------------------------------------------------------

  function send(event) {
    if (event) event.preventDefault();
    const box = $("message");
    const error = $("send-error");
    const content = box.value;
    if (!content.trim()) {
      sdi.showError(error, "Type a message first.");
      box.focus();
      return;
    }
    if (content.length > MAX_CHARS) {
      sdi.showError(
        error,
        `Your message is ${content.length} characters; the limit is ${MAX_CHARS}. Shorten it and send again.`
      );
      return;
    }
    sdi.clearError(error);
    box.value = "";
    saveDraft();
    enqueue(content);
    box.focus();
  }

  async function finish() {
    const error = $("send-error");
    sdi.clearError(error);
    if (outbox.some((i) => i.state !== "failed")) {
      sdi.showError(error, "A message of yours is not sent yet; finish once it is.");
      return;
    }
    if ($("message").value.trim()) {
      sdi.showError(error, "Your message box is not empty: send it or clear it, then finish.");
      $("message").focus();
      return;
    }
    const button = $("finish");
    button.disabled = true;
    try {
      await sdi.api(`${base}/finish`, { method: "POST" });
      location.assign(`/review/${encodeURIComponent(id)}`);
    } catch (err) {
      sdi.showError(error, sdi.errorMessage(err));
      button.disabled = false;
    }
  }

  function bindControls() {
    const box = $("message");
    const s = session();
    box.value = (s && s.getItem(DRAFT)) || "";
    box.addEventListener("input", saveDraft);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
    $("composer").addEventListener("submit", send);
    $("hint").addEventListener("click", () => enqueue("/hint"));
    $("finish").addEventListener("click", finish);
    // The browser knows before TCP does: drop the socket when the network goes, so a message
    // typed now shows as queued, and reconnect as soon as it is back.
    window.addEventListener("offline", () => {
      if (finished) return;
      disconnect();
      scheduleReconnect();
    });
    window.addEventListener("online", () => {
      if (finished || (socket && socket.readyState === WebSocket.OPEN)) return;
      disconnect();
      attempt = 0;
      connect();
    });
  }

  async function main() {
    buildProgress();
    if (!id) {
      sdi.showError($("page-error"), "No interview id in the address.");
      return;
    }
    sdi.captureFragment(id);
    bindControls();
    if (window.sdiDiagram) diagram = window.sdiDiagram.panel(enqueue);
    renderOutbox();
    let info = null;
    try {
      info = await sdi.api(base);
    } catch (err) {
      if (err.status === 404) {
        sdi.showError($("page-error"), `${err.message}. Start one from the list of interviews.`);
        $("composer").hidden = true;
        return;
      }
      if (err.status === 401) return; // the key form is showing
      if (err.status !== 403) sdi.showError($("page-error"), err); // 403: a token; go on
    }
    let transcript;
    try {
      transcript = await sdi.api(`${base}/transcript`);
    } catch (err) {
      if (err.status !== 401) sdi.showError($("page-error"), err);
      return;
    }
    transcript.messages.forEach((m, seq) => addMessage({ ...m, seq }));
    startedAt = new Date(info ? info.created_at : transcript.messages[0].at);
    tick();
    setInterval(tick, 1000);
    loadNotes();
    // Only a key lists scenarios; a tab holding just this interview's token sends the token
    // (answered 403, so the title falls back to the scenario id) instead of asking for a key.
    const token = sdi.key() ? null : sdi.token(id);
    sdi
      .api("/api/v1/scenarios", { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      .then((scenarios) => {
        const s = scenarios.find((x) => x.id === transcript.scenario_id);
        if (s) {
          $("title").textContent = s.title;
          document.title = `${s.title} · sdi`;
        }
      })
      .catch(() => {
        $("title").textContent = transcript.scenario_id; // a token may not list scenarios
      });
    if (info && info.status === "finished") {
      setFinished(info.updated_at);
      setStep("done");
      return;
    }
    connect();
    $("message").focus();
  }

  main();
})();
