// Keyboard shortcuts for the HQ triage queue (CSP: a static file, no inline handlers).
//   j / k  select the next / previous complaint
//   f      forward the selected complaint to the unit its triage suggests
//   u      type another unit for it      r  type a reason to reject it
//   o      open its page            x  tick it for a bulk action
(function () {
  "use strict";
  var list = document.querySelector("[data-shortcuts]");
  if (!list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll(".triage-item"));
  var current = -1;

  function select(index) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("selected", i === current); });
    items[current].focus();
  }

  function inField(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) return;
    var item = current >= 0 ? items[current] : null;
    var found;
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "f":
        found = item && item.querySelector("form.forward-suggested");
        if (found) found.requestSubmit();
        break;
      case "u":
        found = item && item.querySelector("input[name=unit][list]");
        if (found) found.focus();
        break;
      case "r":
        found = item && item.querySelector("input[name=reason]");
        if (found) found.focus();
        break;
      case "x":
        found = item && item.querySelector("input.pick");
        if (found) found.checked = !found.checked;
        break;
      case "o":
        found = item && item.querySelector("h2 a");
        if (found) found.click();
        break;
      default: return;
    }
    event.preventDefault();
  });
})();
