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

// Pickers (core/picker.py): a search input that asks the server for matching options and
// a listbox to choose from with the arrow keys, Enter and Escape. What is chosen becomes a
// checked radio button or check box, the same inputs the page sends without a script.
function initPicker(picker) {
  if (picker.dataset.pickerReady) {
    return;
  }
  picker.dataset.pickerReady = "1";
  const input = picker.querySelector("input[role=combobox]");
  const list = picker.querySelector("[role=listbox]");
  const chosen = picker.querySelector("[data-picker-chosen]");
  if (!input || !list || !chosen) {
    return;
  }
  const multiple = picker.hasAttribute("data-picker-multiple");
  const name = input.name.replace(/__q$/, "");
  let active = -1;
  let timer = null;
  let asked = 0;

  function options() {
    return Array.from(list.querySelectorAll("[role=option]:not([aria-disabled=true])"));
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const all = options();
    if (!all.length) {
      return;
    }
    active = (index + all.length) % all.length;
    all.forEach(function (option, position) {
      option.setAttribute("aria-selected", position === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }

  function choose(option) {
    const value = option.dataset.value;
    let box = Array.from(chosen.querySelectorAll("input")).find(function (element) {
      return element.value === value;
    });
    if (!box) {
      if (!multiple) {
        chosen.querySelectorAll("label").forEach(function (label) {
          if (!label.querySelector("[data-picker-none]")) {
            label.remove();
          }
        });
      }
      const label = document.createElement("label");
      label.className = "picker-choice";
      box = document.createElement("input");
      box.type = multiple ? "checkbox" : "radio";
      box.name = name;
      box.value = value;
      label.append(box, " " + option.textContent.trim());
      chosen.append(label);
    }
    box.checked = true;
    input.value = "";
    close();
    input.focus();
  }

  function ask() {
    const term = input.value.trim();
    if (!term) {
      list.replaceChildren();
      close();
      return;
    }
    const number = ++asked;
    const url = picker.dataset.pickerUrl + "?q=" + encodeURIComponent(term);
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        if (number !== asked) {
          return;
        }
        const fragment = new DOMParser().parseFromString("<ul>" + html + "</ul>", "text/html");
        list.replaceChildren(...fragment.body.firstChild.children);
        options().forEach(function (option, position) {
          option.id = list.id + "-" + position;
        });
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) {
        ask();
        return;
      }
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      const all = options();
      if (!list.hidden && all.length) {
        // Enter picks; the form is sent only from outside the picker.
        event.preventDefault();
        choose(all[active >= 0 ? active : 0]);
      }
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  list.addEventListener("mousedown", function (event) {
    const option = event.target.closest("[role=option]:not([aria-disabled=true])");
    if (option) {
      event.preventDefault();
      choose(option);
    }
  });
  input.addEventListener("blur", close);
}

function initPickers(root) {
  const scope = root.querySelectorAll ? root : document;
  if (scope.matches && scope.matches("[data-picker]")) {
    initPicker(scope);
  }
  scope.querySelectorAll("[data-picker]").forEach(initPicker);
}

document.addEventListener("DOMContentLoaded", function () {
  initPickers(document);
});
document.addEventListener("htmx:load", function (event) {
  initPickers(event.detail.elt);
});

// Forms whose fields depend on a choice (data-shown-with names a JSON script element with
// rules {on, values, show}): a field, or a part of the page named "#id", shows only while
// the choice named "on" has one of the values. Hidden fields are disabled, so what they
// hold is not sent. Without a script everything shows.
function initShownWith(form) {
  const source = document.getElementById(form.dataset.shownWith);
  if (!source || form.dataset.shownWithReady) {
    return;
  }
  form.dataset.shownWithReady = "1";
  const rules = JSON.parse(source.textContent);
  function part(name) {
    if (name.startsWith("#")) {
      return document.getElementById(name.slice(1));
    }
    const input = form.querySelector('[name="' + name + '"], [name="' + name + '__q"]');
    return input ? input.closest(".field") : null;
  }
  function update() {
    const shown = new Map();
    rules.forEach(function (rule) {
      const choice = form.querySelector('[name="' + rule.on + '"]');
      const on = choice !== null && rule.values.includes(choice.value);
      rule.show.forEach(function (name) {
        shown.set(name, (shown.get(name) || false) || on);
      });
    });
    shown.forEach(function (visible, name) {
      const element = part(name);
      if (!element) {
        return;
      }
      element.hidden = !visible;
      element.querySelectorAll("input, select, textarea").forEach(function (input) {
        // Only what this script disabled is enabled again (a correction keeps some fixed).
        if (!visible && !input.disabled) {
          input.disabled = true;
          input.dataset.hiddenByChoice = "1";
        } else if (visible && input.dataset.hiddenByChoice) {
          input.disabled = false;
          delete input.dataset.hiddenByChoice;
        }
      });
    });
  }
  rules.forEach(function (rule) {
    const choice = form.querySelector('[name="' + rule.on + '"]');
    if (choice) {
      choice.addEventListener("change", update);
    }
  });
  update();
}

document.querySelectorAll("form[data-shown-with]").forEach(initShownWith);

// The navigation's menu button on phones (the stylesheet shows it only on narrow screens).
document.querySelectorAll(".menu-toggle").forEach(function (button) {
  const list = document.getElementById(button.getAttribute("aria-controls"));
  if (!list) {
    return;
  }
  button.addEventListener("click", function () {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    list.classList.toggle("open", open);
  });
});
