/* The members map: markers from the JSON endpoint, coloured by kind. Without tiles the markers
   and the HTML list under the map still work. Names are written by members: every text reaches
   Leaflet as a DOM node built with textContent, never as a string (Leaflet treats strings as HTML). */
(function () {
  "use strict";
  var el = document.getElementById("members-map");
  if (!el || typeof L === "undefined") { return; }
  var colours = {
    municipality: "#0b6e4f", local_admin: "#2f9e44", government: "#1c7ed6",
    academic: "#7048e8", private: "#f08c00", ngo: "#e8590c", community: "#c2255c",
    international: "#0c8599", network: "#495057"
  };
  var map = L.map(el, { scrollWheelZoom: false }).setView([13.0, 101.0], 5);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  }
  fetch(el.dataset.endpoint, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var bounds = [];
      data.organisations.forEach(function (org) {
        var marker = L.circleMarker([org.lat, org.lng], {
          radius: 8, weight: 2, color: "#fff", fillOpacity: 0.9,
          fillColor: colours[org.kind] || "#495057"
        }).addTo(map);
        var link = document.createElement("a");
        link.href = org.url;
        link.textContent = org.name;
        var box = document.createElement("div");
        box.appendChild(link);
        var meta = document.createElement("div");
        meta.className = "meta";
        meta.textContent = org.kind_label + (org.province ? " · " + org.province : "");
        box.appendChild(meta);
        marker.bindPopup(box);
        // Leaflet writes a string into the page as HTML: hand it a text node, never the name.
        marker.bindTooltip(document.createTextNode(org.name));
        bounds.push([org.lat, org.lng]);
      });
      if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 }); }
      else if (bounds.length === 1) { map.setView(bounds[0], 11); }
    })
    .catch(function () { el.classList.add("map-unavailable"); });
})();
