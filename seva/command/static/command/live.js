// Live panels of the command centre: each element with data-live-seconds is re-fetched by htmx
// (hx-trigger="live") every so many seconds, but only while the tab is visible; coming back to
// the tab refreshes at once. A static file, so the Content-Security-Policy needs no exception.
(function () {
  "use strict";
  var timers = [];
  function tick(element) {
    if (document.visibilityState === "visible" && window.htmx) {
      window.htmx.trigger(element, "live");
    }
  }
  function start() {
    document.querySelectorAll("[data-live-seconds]").forEach(function (element) {
      var seconds = parseInt(element.getAttribute("data-live-seconds"), 10) || 15;
      timers.push(window.setInterval(function () { tick(element); }, seconds * 1000));
    });
  }
  function stop() {
    timers.forEach(function (timer) { window.clearInterval(timer); });
    timers = [];
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      document.querySelectorAll("[data-live-seconds]").forEach(tick);
      start();
    } else {
      stop();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
