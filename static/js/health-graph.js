/* The coordinators' tie graph, drawn with Cytoscape (vendored in static/vendor/cytoscape).
   The data sits in <script type="application/json" id="tie-graph-data">; without JavaScript the
   page keeps its tables and exports. */
(function () {
  "use strict";
  var box = document.getElementById("tie-graph");
  var source = document.getElementById("tie-graph-data");
  if (!box || !source || typeof window.cytoscape !== "function") return;
  var data = JSON.parse(source.textContent);
  if (!data.nodes || !data.nodes.length) { box.classList.add("d-none"); return; }
  var english = box.dataset.language === "en";
  var palette = {
    municipality: "#0b6e4f", local_admin: "#0f8b8d", government: "#3b5ba5", academic: "#7a4ea3",
    private: "#c0632b", ngo: "#d19a1e", community: "#8a9a2b", international: "#a23b5b", network: "#5b6b70"
  };
  var maxB = Math.max.apply(null, data.nodes.map(function (n) { return n.b; }).concat([0.0001]));
  var maxW = Math.max.apply(null, data.edges.map(function (e) { return e.w; }).concat([1]));
  var elements = data.nodes.map(function (n) {
    return { data: {
      id: String(n.id), label: english ? n.en : n.th, slug: n.slug,
      colour: palette[n.kind] || "#5b6b70", size: 22 + 48 * (n.b / maxB),
      title: (english ? n.en : n.th) + " — " + (data.kinds[n.kind] || "") + (n.region ? ", " + (data.regions[n.region] || "") : "")
    } };
  }).concat(data.edges.map(function (e) {
    return { data: { id: e.s + "-" + e.t, source: String(e.s), target: String(e.t), width: 1 + 5 * (e.w / maxW) } };
  }));
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 15, "font-family": "Sarabun, Tahoma, sans-serif",
        "text-wrap": "ellipsis", "text-max-width": 110, "min-zoomed-font-size": 6, "text-valign": "bottom", "text-margin-y": 3,
        color: "#1d2a2f", "text-outline-color": "#fff", "text-outline-width": 2
      } },
      { selector: "edge", style: { width: "data(width)", "line-color": "#9bb5ad", opacity: 0.7, "curve-style": "haystack" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f2a541" } }
    ],
    layout: {
      name: "cose", animate: false, randomize: true, padding: 24, numIter: 2500, gravity: 0.2,
      nodeOverlap: 24, componentSpacing: 90, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: function () { return 250000; },
      idealEdgeLength: function () { return 80; },
      edgeElasticity: function () { return 80; }
    }
  });
  cy.on("tap", "node", function (event) {
    var slug = event.target.data("slug");
    if (slug) window.location.href = (english ? "/en" : "") + "/members/" + encodeURIComponent(slug) + "/";
  });
  cy.on("mouseover", "node", function (event) { box.title = event.target.data("title"); });
  cy.on("mouseout", "node", function () { box.title = ""; });
})();
