/* "Find a question": narrows the question list as you type, by the same rule as the server
 * (key, number, or every word of the title); without JavaScript the form's `find` parameter
 * does the same when the form is sent. */
(function () {
  "use strict";
  var find = document.getElementById("an-find");
  var select = document.getElementById("an-question");
  var help = document.getElementById("an-find-help");
  if (!find || !select || !help) return;

  function matches(typed, option) {
    var key = option.value.toLowerCase();
    var text = option.textContent.toLowerCase();
    var number = option.getAttribute("data-number") || "";
    if (typed === key || (number && (typed === number || typed === "q" + number))) return true;
    return typed.split(/\s+/).every(function (word) { return text.indexOf(word) !== -1; });
  }

  function narrow() {
    var typed = find.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
      var any = false;
      Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
        var whole = option.value.indexOf("section:") === 0;
        var keep = !typed || option.selected || (!whole && matches(typed, option));
        option.hidden = !keep;
        if (keep && !whole) { any = true; shown += 1; }
      });
      group.hidden = typed !== "" && !any;
    });
    // the page's texts, in its language: "{n} questions match." and the hint
    var texts = help.dataset;
    help.textContent = typed ? (shown === 1 ? texts.one : texts.many).replace("{n}", shown)
                             : texts.hint;
  }

  find.addEventListener("input", narrow);
  if (find.value) narrow();
})();
