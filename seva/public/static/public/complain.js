// The complaint form's small helpers; the form works without them.
// - a search box that narrows the district list (English or Hindi names);
// - the police stations of the chosen district, fetched as JSON and added as options;
// - "Add my current location" through the browser's geolocation, into two hidden fields.
// No inline handlers: the Content-Security-Policy allows only our own script files.
(function () {
  "use strict";
  var form = document.querySelector("form.complain");
  if (!form) return;

  form.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  form.querySelectorAll(".nojs-only").forEach(function (el) { el.hidden = true; });

  var district = form.querySelector("select[name=district]");
  var station = form.querySelector("select[name=station]");
  var filter = document.getElementById("district-filter");

  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFC").replace(/\s+/g, " ").trim();
  }

  if (filter && district) {
    filter.addEventListener("input", function () {
      var query = fold(filter.value);
      var first = null;
      var shown = 0;
      Array.prototype.forEach.call(district.options, function (option) {
        if (!option.value) return; // the "choose" line stays
        var names = option.textContent + " " + (option.dataset.aliases || "");
        var match = !query || fold(names).indexOf(query) !== -1;
        option.hidden = !match;
        if (match) { shown += 1; first = first || option; }
      });
      if (query && shown === 1 && district.value !== first.value) {
        district.value = first.value;
        district.dispatchEvent(new Event("change"));
      }
    });
  }

  function setStations(list) {
    var keep = station.options[0];
    station.textContent = "";
    station.appendChild(keep);
    list.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code;
      option.textContent = item.label; // text, never markup
      station.appendChild(option);
    });
  }

  if (district && station) {
    district.addEventListener("change", function () {
      var url = form.dataset.stationsUrl + "?district=" + encodeURIComponent(district.value);
      setStations([]);
      if (!district.value) return;
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { stations: [] }; })
        .then(function (body) { setStations(body.stations || []); })
        .catch(function () { /* the station stays optional */ });
    });
  }

  var locate = document.getElementById("locate");
  var status = document.getElementById("locate-status");
  if (locate && status) {
    if (!("geolocation" in navigator)) {
      locate.hidden = true;
    }
    locate.addEventListener("click", function () {
      status.textContent = locate.dataset.waiting;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.querySelector("input[name=latitude]").value = position.coords.latitude.toFixed(6);
          form.querySelector("input[name=longitude]").value = position.coords.longitude.toFixed(6);
          status.textContent = locate.dataset.done;
        },
        function () { status.textContent = locate.dataset.failed; },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  }
})();
