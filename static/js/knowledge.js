// Library and discussion forms: Markdown preview (sanitised by the server), tag suggestions,
// case-study sections shown only for case studies and good practices. No inline scripts (CSP).
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function setupPreview(form) {
    var url = form.getAttribute("data-preview-url");
    if (!url) return;
    form.querySelectorAll("[data-preview-for]").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-preview-for"));
        var target = document.getElementById(button.getAttribute("data-preview-target"));
        if (!source || !target) return;
        var body = new FormData();
        body.append("text", source.value);
        fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(form) },
        })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (data.error) {
              // Too long, or too many previews: the server's message, shown as text.
              target.textContent = data.error;
            } else {
              // The server returns HTML already cleaned by the same sanitiser as the pages.
              target.innerHTML = data.html || "";
            }
            target.hidden = false;
          })
          .catch(function () { target.hidden = true; });
      });
    });
  }

  function setupTags(form) {
    var url = form.getAttribute("data-tags-url");
    var input = form.querySelector("[data-tag-input]");
    var list = document.getElementById("tag-suggestions");
    if (!url || !input || !list) return;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(",");
        var current = parts.pop().trim();
        if (current.length < 1) return;
        var done = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        fetch(url + "?q=" + encodeURIComponent(current), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.replaceChildren();
            (data.tags || []).forEach(function (tag) {
              var option = document.createElement("option");
              option.value = done.concat([tag]).join(", ");
              option.textContent = tag;
              list.appendChild(option);
            });
          });
      }, 200);
    });
  }

  function setupSections(form) {
    var kind = form.querySelector("select[name=kind]");
    var sections = form.querySelector(".case-sections");
    if (!kind || !sections) return;
    var kinds = (sections.getAttribute("data-kinds") || "").split(" ");
    function update() { sections.hidden = kinds.indexOf(kind.value) === -1; }
    kind.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("form[data-preview-url]").forEach(function (form) {
    setupPreview(form);
    setupTags(form);
    setupSections(form);
  });
})();
