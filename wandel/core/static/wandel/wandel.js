// The pages' only script besides htmx. The Content-Security-Policy allows no inline script
// or style, so behaviour that needs a script lives here, keyed on data attributes.
"use strict";

document.documentElement.classList.add("js");

// An element with data-hide-ids (the server sends one, e.g. in an htmx answer) names the
// elements marked data-hideable that are hidden now; every other one is shown.
function applyHideIds(root) {
  const sources = root.matches("[data-hide-ids]") ? [root] : root.querySelectorAll("[data-hide-ids]");
  sources.forEach(function (source) {
    const hide = new Set(source.dataset.hideIds.split(/\s+/).filter(Boolean));
    document.querySelectorAll("[data-hideable]").forEach(function (element) {
      element.hidden = hide.has(element.id);
    });
  });
}

document.addEventListener("htmx:load", function (event) {
  applyHideIds(event.detail.elt);
});
