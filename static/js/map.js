/* innovex map: Leaflet with clustering over the GeoJSON endpoint, and a list that follows the visible area.
   Everything it needs comes from data-* attributes of #map; user text is only ever set as textContent. */
(function () {
  "use strict";

  var LIST_LIMIT = 100;
  var APPROXIMATE_OPACITY = 0.55;
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var data = element.dataset;
  var kinds = JSON.parse(data.kinds || "{}");
  var list = document.getElementById("map-list");
  var status = document.getElementById("map-list-status");
  var pagination = document.getElementById("map-list-pagination");

  element.classList.add("map-active");
  // Leaflet's own controls speak English; they get the page's words from data-* attributes instead.
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false, attributionControl: false });
  map.setView([51.1, 10.4], 6);
  L.control.zoom({ zoomInTitle: data.zoomInLabel, zoomOutTitle: data.zoomOutLabel }).addTo(map);
  var leafletLink = document.createElement("a");
  leafletLink.href = "https://leafletjs.com";
  leafletLink.title = data.leafletTitle;
  leafletLink.textContent = "Leaflet";
  L.control.attribution({ prefix: leafletLink.outerHTML }).addTo(map);
  L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
  var cluster = L.markerClusterGroup({ chunkedLoading: true });
  map.addLayer(cluster);
  var points = [];

  function detailUrl(slug) {
    return data.detail.replace("__slug__", encodeURIComponent(slug));
  }

  function describe(properties) {
    var text = kinds[properties.kind] || properties.kind;
    return properties.city ? text + " · " + properties.city : text;
  }

  function entry(properties, tag) {
    var item = document.createElement(tag);
    var link = document.createElement("a");
    link.href = detailUrl(properties.slug);
    link.textContent = properties.name;
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = " " + describe(properties);
    item.appendChild(link);
    item.appendChild(meta);
    if (properties.approximate) {
      var note = document.createElement("span");
      note.className = "approximate-note";
      note.textContent = data.approximateLabel;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(note);
    }
    if (properties.stale) {
      var badge = document.createElement("span");
      badge.className = "stale-badge";
      badge.textContent = data.staleLabel;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(badge);
    }
    return item;
  }

  function showVisible() {
    var bounds = map.getBounds();
    var inView = points.filter(function (point) {
      return bounds.contains(point.latlng);
    });
    list.replaceChildren();
    inView.slice(0, LIST_LIMIT).forEach(function (point) {
      list.appendChild(entry(point.properties, "li"));
    });
    if (inView.length > LIST_LIMIT) {
      var more = document.createElement("li");
      more.className = "meta";
      more.textContent = data.moreLabel.replace("__count__", String(inView.length - LIST_LIMIT));
      list.appendChild(more);
    }
    status.textContent = inView.length ? "" : data.emptyLabel;
  }

  function load(collection) {
    var markers = collection.features.map(function (feature) {
      var coordinates = feature.geometry.coordinates;
      var latlng = L.latLng(coordinates[1], coordinates[0]);
      var approximate = feature.properties.approximate;
      var label = approximate ? feature.properties.name + " (" + data.approximateLabel + ")" : feature.properties.name;
      // A city centre stands for an address that was not found: a paler marker, and a note in the popup.
      var marker = L.marker(latlng, { title: label, alt: label, opacity: approximate ? APPROXIMATE_OPACITY : 1 });
      marker.bindPopup(function () {
        return entry(feature.properties, "div");
      });
      points.push({ latlng: latlng, properties: feature.properties });
      return marker;
    });
    cluster.addLayers(markers);
    // data-focus: the address name of one organisation (a profile's "show on the map") to centre on.
    var focused = data.focus ? markers.filter(function (marker, i) {
      return points[i].properties.slug === data.focus;
    })[0] : null;
    if (focused) {
      cluster.zoomToShowLayer(focused, function () {
        focused.openPopup();
      });
    } else if (markers.length) {
      map.fitBounds(cluster.getBounds(), { maxZoom: 12, padding: [20, 20] });
    }
    if (pagination) {
      pagination.hidden = true;
    }
    map.on("moveend", showVisible);
    showVisible();
  }

  fetch(data.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    })
    .then(load)
    .catch(function () {
      status.textContent = data.loadingError;
    });
})();
