/* innovex point picker: a small Leaflet map in the organisation form that fills the latitude and longitude
   fields. The fields stay the source of truth and work without this file; the map follows what is typed.
   Everything it needs comes from data-* attributes of #point-picker (no inline script: the CSP forbids it). */
(function () {
  "use strict";

  var PRECISION = 5; // about one metre, as on the map
  var picker = document.getElementById("point-picker");
  if (!picker || typeof L === "undefined") {
    return;
  }
  var data = picker.dataset;
  var latInput = document.getElementById(data.lat);
  var lonInput = document.getElementById(data.lon);
  var canvas = picker.querySelector(".point-picker-map");
  var clear = picker.querySelector("[data-picker-clear]");
  if (!latInput || !lonInput || !canvas) {
    return;
  }

  picker.hidden = false;
  var map = L.map(canvas, { scrollWheelZoom: false }).setView([51.1, 10.4], 5);
  L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
  var marker = null;

  function typedPoint() {
    var lat = parseFloat(latInput.value.replace(",", "."));
    var lon = parseFloat(lonInput.value.replace(",", "."));
    if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return null;
    }
    return L.latLng(lat, lon);
  }

  function changed(input) {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function fill(latlng) {
    var point = latlng.wrap(); // clicks east or west of the world's copy land within -180..180
    latInput.value = point.lat.toFixed(PRECISION);
    lonInput.value = point.lng.toFixed(PRECISION);
    changed(latInput);
    changed(lonInput);
  }

  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
      return;
    }
    marker = L.marker(latlng, { draggable: true, title: data.markerLabel, alt: data.markerLabel, autoPan: true });
    marker.on("dragend", function () {
      fill(marker.getLatLng());
    });
    marker.addTo(map);
  }

  function removeMarker() {
    if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
  }

  function follow() {
    var point = typedPoint();
    if (point) {
      place(point);
    } else if (!latInput.value.trim() && !lonInput.value.trim()) {
      removeMarker();
    }
  }

  map.on("click", function (event) {
    place(event.latlng);
    fill(event.latlng);
  });
  latInput.addEventListener("input", follow);
  lonInput.addEventListener("input", follow);
  latInput.addEventListener("change", follow);
  lonInput.addEventListener("change", follow);
  if (clear) {
    clear.addEventListener("click", function () {
      latInput.value = "";
      lonInput.value = "";
      changed(latInput);
      changed(lonInput);
      removeMarker();
      latInput.focus();
    });
  }

  var start = typedPoint();
  if (start) {
    place(start);
    map.setView(start, 13);
  }
  window.addEventListener("load", function () {
    map.invalidateSize(); // leaflet.css is linked in the body and may arrive after the map was made
  });
})();
