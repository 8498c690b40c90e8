// Event pages: the venue map (Leaflet). Data comes from data-* attributes; CSP allows no inline JS.
(function () {
  "use strict";
  document.querySelectorAll("[data-event-map]").forEach(function (el) {
    if (typeof L === "undefined") { return; }
    var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
    if (isNaN(lat) || isNaN(lng)) { return; }
    var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lng], 14);
    L.tileLayer(el.dataset.tiles, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap contributors"
    }).addTo(map);
    var marker = L.marker([lat, lng]).addTo(map);
    if (el.dataset.label) {
      // The venue name is written by members: a DOM node, since Leaflet reads a string as HTML.
      var label = document.createElement("span");
      label.textContent = el.dataset.label;
      marker.bindPopup(label);
    }
  });
})();
