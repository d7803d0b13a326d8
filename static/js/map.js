/* innovex map: Leaflet over the viewport endpoint (points, or clusters the server counted, for the visible
   area and zoom), markercluster for points close together, and a list that follows the visible area.
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

  // The list beside the map: the single points in view, and how many more the clusters hold.
  function showVisible() {
    var bounds = map.getBounds();
    var clustered = 0;
    clusters.eachLayer(function (marker) {
      if (bounds.contains(marker.getLatLng())) {
        clustered += marker.feature.properties.count;
      }
    });
    var inView = points.filter(function (point) {
      return bounds.contains(point.latlng);
    });
    list.replaceChildren();
    inView.slice(0, LIST_LIMIT).forEach(function (point) {
      list.appendChild(entry(point.properties, "li"));
    });
    var hidden = Math.max(inView.length - LIST_LIMIT, 0) + clustered;
    if (hidden > 0) {
      var more = document.createElement("li");
      more.className = "meta";
      more.textContent = data.moreLabel.replace("__count__", String(hidden));
      list.appendChild(more);
    }
    status.textContent = inView.length || clustered ? "" : data.emptyLabel;
  }

  var clusters = L.layerGroup().addTo(map);
  var shown = {};
  var pending = null;
  var timer = null;
  var focusPending = Boolean(data.focus);

  function clusterMarker(feature) {
    var coordinates = feature.geometry.coordinates;
    var count = feature.properties.count;
    var size = count < 100 ? "small" : count < 1000 ? "medium" : "large";
    var inner = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(count);
    inner.appendChild(number);
    var label = data.clusterLabel.replace("__count__", String(count));
    var marker = L.marker(L.latLng(coordinates[1], coordinates[0]), {
      title: label,
      alt: label,
      icon: L.divIcon({ html: inner, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) })
    });
    var box = feature.properties.bbox;
    marker.on("click", function () {
      map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { maxZoom: map.getZoom() + 3 });
    });
    return marker;
  }

  function pointMarker(feature) {
    var coordinates = feature.geometry.coordinates;
    var latlng = L.latLng(coordinates[1], coordinates[0]);
    var approximate = feature.properties.approximate;
    var label = approximate ? feature.properties.name + " (" + data.approximateLabel + ")" : feature.properties.name;
    // A city centre stands for an address that was not found: a paler marker, and a note in the popup.
    var marker = L.marker(latlng, { title: label, alt: label, opacity: approximate ? APPROXIMATE_OPACITY : 1 });
    marker.bindPopup(function () {
      return entry(feature.properties, "div");
    });
    return marker;
  }

  function featureKey(feature) {
    var p = feature.properties;
    return p.cluster ? "cluster " + feature.geometry.coordinates.join(" ") + " " + p.count : "point " + p.slug;
  }

  // Markers that stay in the new answer are kept (an open popup stays open); the others go, new ones come.
  function load(collection) {
    var next = {};
    var added = [];
    collection.features.forEach(function (feature) {
      var key = featureKey(feature);
      var kept = shown[key];
      if (kept) {
        next[key] = kept;
        delete shown[key];
        return;
      }
      var marker = feature.properties.cluster ? clusterMarker(feature) : pointMarker(feature);
      marker.feature = feature;
      next[key] = marker;
      if (feature.properties.cluster) {
        clusters.addLayer(marker);
      } else {
        added.push(marker);
      }
    });
    Object.keys(shown).forEach(function (key) {
      var gone = shown[key];
      (gone.feature.properties.cluster ? clusters : cluster).removeLayer(gone);
    });
    if (added.length) {  // markercluster redraws on addLayers, even of nothing: an open popup would close
      cluster.addLayers(added);
    }
    shown = next;
    points = Object.keys(shown).filter(function (key) {
      return !shown[key].feature.properties.cluster;
    }).map(function (key) {
      var marker = shown[key];
      return { latlng: marker.getLatLng(), properties: marker.feature.properties, marker: marker };
    });
    if (pagination) {
      pagination.hidden = true;
    }
    showVisible();
    // data-focus: the organisation a profile's "show on the map" centres on: its popup opens once it is in.
    var focused = focusPending ? points.filter(function (point) {
      return point.properties.slug === data.focus;
    })[0] : null;
    if (focused) {
      focusPending = false;
      cluster.zoomToShowLayer(focused.marker, function () {
        focused.marker.openPopup();
      });
    } else if (focusPending && map.getZoom() < map.getMaxZoom()) {
      // In a cluster the server counted: closer, until it comes as a point (at the deepest zoom it does).
      map.setView(map.getCenter(), Math.min(map.getZoom() + 3, map.getMaxZoom()));
    }
  }

  function degrees(value, limit) {
    return Math.max(-limit, Math.min(limit, value)).toFixed(6);
  }

  // The server answers for the visible box and zoom: points one by one where few, otherwise clusters that
  // it counted itself; a newer view cancels the answer to an older one.
  function refresh() {
    var bounds = map.getBounds();
    var bbox = [
      degrees(bounds.getWest(), 180), degrees(bounds.getSouth(), 90),
      degrees(bounds.getEast(), 180), degrees(bounds.getNorth(), 90)
    ].join(",");
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var url = data.viewport + (data.viewport.indexOf("?") < 0 ? "?" : "&") +
      "bbox=" + bbox + "&zoom=" + Math.max(0, Math.min(18, Math.round(map.getZoom())));
    fetch(url, { headers: { Accept: "application/geo+json" }, signal: pending.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(load)
      .catch(function (error) {
        if (error.name !== "AbortError") {
          status.textContent = data.loadingError;
        }
      });
  }

  map.on("moveend", function () {
    showVisible();
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
  if (data.focusPoint) {
    var focus = data.focusPoint.split(",").map(Number);
    map.setView([focus[0], focus[1]], 15);
  } else if (data.bounds) {
    var box = data.bounds.split(",").map(Number);
    map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { maxZoom: 12, padding: [20, 20] });
  }
  refresh();
})();
