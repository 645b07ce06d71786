/*
 * National-report entry form: an enhancement only. The server decides again on every save.
 *
 * - runs the questionnaire's rules as answers change (the same walk as
 *   cbap.bch.rules.question_states), hiding or disabling conditional questions;
 * - unticks the other options when an exclusive one is ticked, and the exclusive one when
 *   another is ticked;
 * - ticks an option when something is typed in its free-text or number box;
 * - saves the draft every 20 seconds and before moving to another section, carrying the
 *   record version, so a save that someone else's save made stale is refused (HTTP 409).
 */
(function () {
  "use strict";

  var form = document.getElementById("entry-form");
  if (!form) return;
  var block = document.getElementById("entry-rules");
  var data = block ? JSON.parse(block.textContent) : null;
  var statusBox = document.getElementById("entry-status");
  var versionInput = form.querySelector('input[name="version"]');
  var AUTOSAVE_MS = 20000;

  function say(text) {
    if (statusBox) statusBox.textContent = text;
  }
  function text(name) {  // the page's own words, in its language (data-* of the status line)
    return statusBox ? statusBox.dataset[name] : "";
  }

  function controlsOf(key) {
    return form.querySelectorAll('[name="q:' + key + '"]');
  }

  // The answer of one question as the rules see it: {values, withText}, or null.
  function answerOf(key) {
    var values = [];
    var withText = [];
    var answered = false;
    controlsOf(key).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (!el.checked) return;
        answered = true;
        values.push(el.value);
        var info = document.getElementById(el.id + "-info");
        if (info && info.value.trim() !== "") {
          if (info.type !== "number" || Number(info.value) !== 0) withText.push(el.value);
        }
      } else if (el.value.trim() !== "") {
        answered = true;
      }
    });
    return answered ? { values: values, withText: withText } : null;
  }

  function anyIn(values, wanted) {
    return values.some(function (v) {
      return (wanted || []).indexOf(v) >= 0;
    });
  }

  // The rules' walk over this section, in question order (see cbap/bch/rules.py, RuleWalk).
  function states() {
    var questions = data.questions;
    var byKey = {};
    questions.forEach(function (q) {
      byKey[q.key] = q;
    });
    var flags = {};
    Object.keys(data.fixed).forEach(function (key) {
      flags[key] = data.fixed[key].slice();
    });
    var raw = {};
    questions.forEach(function (q) {
      if (q.answerable) raw[q.key] = answerOf(q.key);
    });
    var effective = {};
    var visited = {};

    function applicable(key) {
      while (key) {
        var f = flags[key];
        if (f && !(f[0] && f[1])) return false;
        key = byKey[key] ? byKey[key].parent : null;
      }
      return true;
    }

    function lookup(key) {
      if (visited[key]) return effective[key] || null;
      if (byKey[key]) return applicable(key) ? raw[key] : null;
      var outside = data.outside[key];
      return outside ? { values: outside, withText: [] } : null;
    }

    function test(rule, answer) {
      if (rule.kind.charAt(0) === "&") {
        var custom = data.custom[rule.kind.slice(1)];
        return custom.keys.some(function (key) {
          var a = lookup(key);
          return a !== null && anyIn(a.values, custom.values);
        });
      }
      if (rule.kind === "@hasValues") {
        return rule.values === null || anyIn(answer.values, rule.values);
      }
      if (rule.kind === "@hasValuesExcept") return !anyIn(answer.values, rule.values);
      return anyIn(answer.withText, rule.values); // @hasAdditionalValues
    }

    function withDescendants(keys) {
      var out = [];
      keys.forEach(function (key) {
        out.push(key);
        if (byKey[key]) out = out.concat(withDescendants(byKey[key].children));
      });
      return out;
    }

    function apply(rule, positive, depth) {
      var index = rule.trigger === "visible" ? 0 : 1;
      var targets = [rule.target];
      if (rule.base && rule.trigger !== "visible") targets.push(rule.base);
      targets.forEach(function (key) {
        flags[key] = flags[key] || [true, true];
        flags[key][index] = positive;
      });
      if (positive) return;
      var cleared = withDescendants(targets);
      cleared.forEach(function (key) {
        delete effective[key];
      });
      if (depth < questions.length) {
        cleared.forEach(function (key) {
          if (visited[key] && byKey[key]) runRules(byKey[key], depth + 1);
        });
      }
    }

    function runRules(q, depth) {
      if (!q.rules.length) return;
      var isApplicable = applicable(q.key);
      var answer = effective[q.key] || null;
      q.rules.forEach(function (rule) {
        var positive;
        if (!isApplicable) positive = false;
        else if (answer === null) return;
        else positive = test(rule, answer);
        apply(rule, positive, depth);
      });
    }

    questions.forEach(function (q) {
      var answer = raw[q.key];
      if (answer && q.answerable && applicable(q.key)) effective[q.key] = answer;
      visited[q.key] = true;
      runRules(q, 0);
    });
    return flags;
  }

  function showStates() {
    if (!data) return;
    var flags = states();
    data.questions.forEach(function (q) {
      var el = document.getElementById("q-" + q.key);
      if (!el) return;
      var own = flags[q.key] || [true, true];
      el.hidden = !own[0];
      el.classList.toggle("is-disabled", !own[1]);
      if (el.tagName === "FIELDSET") {
        el.disabled = !own[1];
      } else {
        el.querySelectorAll("input, textarea, select").forEach(function (input) {
          input.disabled = !own[1];
        });
      }
    });
  }

  // Exclusive options: ticking one unticks the others, ticking another unticks it.
  function enforceExclusive(box) {
    if (box.type !== "checkbox" || !box.checked) return;
    form.querySelectorAll('input[type="checkbox"]').forEach(function (other) {
      if (other === box || other.name !== box.name) return;
      if ("exclusive" in box.dataset || "exclusive" in other.dataset) other.checked = false;
    });
  }

  // A page showing a refused save holds answers not saved yet. After a conflict only an explicit
  // "Save draft" may save them (over the other version, which the page has just shown).
  var unsaved = form.getAttribute("data-unsaved");
  var dirty = unsaved !== null;
  var saving = false;
  var stale = unsaved === "conflict";
  var waitingSubmitter = null; // a save button pressed while an autosave was on its way

  form.addEventListener("change", function (event) {
    enforceExclusive(event.target);
    dirty = true;
    showStates();
  });

  form.addEventListener("input", function (event) {
    var el = event.target;
    dirty = true;
    if (el.dataset.option && el.value.trim() !== "") {
      var option = document.getElementById(el.dataset.option);
      if (option && !option.checked) {
        option.checked = true;
        enforceExclusive(option);
      }
    }
    showStates();
  });

  function save() {
    if (stale && dirty) {
      say(text("unsaved"));
      return Promise.resolve(false);
    }
    if (!dirty || saving || stale) return Promise.resolve(!stale && !saving);
    saving = true;
    dirty = false;
    var body = new FormData(form);
    body.set("autosave", "1");
    say(text("saving"));
    return fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (reply) {
          saving = false;
          resubmit();
          if (response.ok) {
            versionInput.value = reply.version;
            say(reply.message);
            return true;
          }
          dirty = true;
          if (response.status === 409) stale = true;
          say(reply.message);
          return false;
        });
      })
      .catch(function () {
        saving = false;
        resubmit();
        dirty = true;
        say(text("failed"));
        return false;
      });
  }

  window.setInterval(save, AUTOSAVE_MS);

  // Moving to another section saves first; a refused save keeps the user here, told why.
  document.querySelectorAll("a[data-autosave]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!dirty) return;
      event.preventDefault();
      save().then(function (ok) {
        if (ok) window.location.href = link.href;
      });
    });
  });

  function resubmit() {
    if (waitingSubmitter === null) return;
    var submitter = waitingSubmitter;
    waitingSubmitter = null;
    window.setTimeout(function () {
      form.requestSubmit(submitter); // now with the version the autosave got back
    }, 0);
  }

  form.addEventListener("submit", function (event) {
    if (saving) {
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
      if (waitingSubmitter === null) waitingSubmitter = form.querySelector('button[type="submit"]');
      return;
    }
    dirty = false; // a real save is on its way
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.querySelectorAll(".na-note").forEach(function (note) {
    note.hidden = true; // the rules now run live; the server's note was for pages without JS
  });
  showStates();
})();
