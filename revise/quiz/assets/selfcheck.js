/* revise self-check quiz: renders the questions embedded in the page, scores them in the browser,
   shows the answer, explanation and source of each. No storage. Every text from the data is set
   with textContent, never parsed as HTML.
   Served by the desk under /handbook/ to a signed-in person, the result is also kept in the training
   records: the session's CSRF token from /api/session, then POST /api/training/selfcheck (same
   origin, no inline script). Anywhere else (a static handbook, signed out) nothing is sent. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  function radios(q, index, options, values) {
    var box = el("div", "rq-options");
    options.forEach(function (label, i) {
      var row = el("label", "rq-option");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "rq-" + index;
      input.value = String(i);
      input.dataset.value = JSON.stringify(values[i]);
      row.appendChild(input);
      row.appendChild(el("span", null, label));
      box.appendChild(row);
    });
    return box;
  }

  function selects(index, lefts, choices, ui) {
    var box = el("div", "rq-selects");
    lefts.forEach(function (left, i) {
      var row = el("label", "rq-select-row");
      var select = document.createElement("select");
      select.name = "rq-" + index + "-" + i;
      select.appendChild(new Option(ui.choose, ""));
      choices.forEach(function (c) { select.appendChild(new Option(c.label, c.value)); });
      row.appendChild(el("span", "rq-left", left));
      row.appendChild(select);
      box.appendChild(row);
    });
    return box;
  }

  function render(q, index, ui) {
    var card = el("fieldset", "rq-question");
    card.dataset.type = q.type;
    card.dataset.id = q.id;
    card.appendChild(el("legend", "rq-prompt", (index + 1) + ". " + q.prompt));
    if (q.type === "truefalse") {
      card.appendChild(radios(q, index, [ui["true"], ui["false"]], [true, false]));
    } else if (q.type === "ordering") {
      var positions = q.options.map(function (_, i) { return { label: fmt(ui.position, { n: i + 1 }), value: String(i) }; });
      card.appendChild(selects(index, q.options, positions, ui));
    } else if (q.type === "matching") {
      var rights = q.options.right.map(function (r) { return { label: r, value: r }; });
      card.appendChild(selects(index, q.options.left, rights, ui));
    } else {
      card.appendChild(radios(q, index, q.options, q.options));
    }
    card.appendChild(el("div", "rq-feedback"));
    return card;
  }

  function response(card, q) {
    if (q.type === "ordering" || q.type === "matching") {
      var values = Array.prototype.map.call(card.querySelectorAll("select"), function (s) { return s.value; });
      return values.indexOf("") >= 0 ? null : values;
    }
    var checked = card.querySelector("input:checked");
    return checked ? JSON.parse(checked.dataset.value) : null;
  }

  function isRight(q, given) {
    if (given === null) return false;
    if (q.type === "ordering") {
      return q.options.every(function (item, i) { return q.answer[Number(given[i])] === item; });
    }
    if (q.type === "matching") {
      return q.options.left.every(function (left, i) { return q.answer[left] === given[i]; });
    }
    return given === q.answer;
  }

  function answerText(q, ui) {
    if (q.type === "truefalse") return q.answer ? ui["true"] : ui["false"];
    if (q.type === "ordering") return q.answer.join(" → ");
    if (q.type === "matching") return q.options.left.map(function (l) { return l + " — " + q.answer[l]; }).join("；");
    return q.answer;
  }

  function feedback(card, q, ok, ui) {
    var box = card.querySelector(".rq-feedback");
    box.textContent = "";
    box.appendChild(el("p", "rq-verdict", ok ? ui.correct : ui.wrong));
    box.appendChild(el("p", "rq-answer", ui.answer + "：" + answerText(q, ui)));
    box.appendChild(el("p", "rq-explanation", ui.explanation + "：" + q.explanation));
    box.appendChild(el("p", "rq-source", ui.source + "：" + q.ref));
    card.classList.remove("rq-right", "rq-wrong");
    card.classList.add(ok ? "rq-right" : "rq-wrong");
  }

  function deskRoot() {
    var at = location.pathname.indexOf("/handbook/");
    return at >= 0 && /^https?:$/.test(location.protocol) ? location.pathname.slice(0, at) : null;
  }

  function record(role, questions, verdicts, shown) {
    var base = deskRoot();
    if (base === null || !window.fetch) return;
    fetch(base + "/api/session", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (session) {
        if (!session || !session.csrf) return null;
        var results = questions.map(function (q, i) { return { id: q.id, source: q.source, correct: verdicts[i] }; });
        return fetch(base + "/api/training/selfcheck", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf },
          body: JSON.stringify({ role: role, results: results })
        }).then(function (r) { return r.ok ? r.json() : null; });
      })
      .then(function (answer) { if (answer && answer.message) shown.textContent = answer.message; })
      .catch(function () { /* not served by the desk, or not signed in: the self-check still works */ });
  }

  function mount(root) {
    var script = document.getElementById(root.dataset.quiz);
    if (!script || root.dataset.mounted) return;
    root.dataset.mounted = "1";
    var data = JSON.parse(script.textContent);
    var ui = data.ui, questions = data.questions;
    root.textContent = "";
    var form = el("form", "rq-form");
    var cards = questions.map(function (q, i) { var c = render(q, i, ui); form.appendChild(c); return c; });
    var bar = el("div", "rq-bar");
    var submit = el("button", "rq-submit md-button md-button--primary", ui.submit);
    submit.type = "submit";
    var retry = el("button", "rq-retry md-button", ui.retry);
    retry.type = "button";
    retry.hidden = true;
    var score = el("p", "rq-score");
    var note = el("p", "rq-note");
    var recorded = el("p", "rq-recorded");
    bar.appendChild(submit);
    bar.appendChild(retry);
    form.appendChild(bar);
    form.appendChild(score);
    form.appendChild(note);
    form.appendChild(recorded);
    root.appendChild(form);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var right = 0, missing = 0, verdicts = [];
      questions.forEach(function (q, i) {
        var given = response(cards[i], q);
        if (given === null) missing += 1;
        var ok = isRight(q, given);
        if (ok) right += 1;
        verdicts.push(ok);
        feedback(cards[i], q, ok, ui);
      });
      recorded.textContent = "";
      record(data.role, questions, verdicts, recorded);
      score.textContent = fmt(ui.score, { score: right, total: questions.length });
      note.textContent = missing ? fmt(ui.unanswered, { n: missing }) : "";
      root.classList.add("rq-done");
      retry.hidden = false;
    });
    retry.addEventListener("click", function () {
      form.reset();
      cards.forEach(function (c) { c.classList.remove("rq-right", "rq-wrong"); c.querySelector(".rq-feedback").textContent = ""; });
      score.textContent = "";
      note.textContent = "";
      recorded.textContent = "";
      root.classList.remove("rq-done");
      retry.hidden = true;
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".revise-quiz[data-quiz]"), mount);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); /* mkdocs-material instant navigation */
  }
})();
