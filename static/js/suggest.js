/* innovex pickers: a text field with data-suggest="actor|project|call" becomes a combobox (the ARIA pattern
   with a listbox) that asks /api/v1/suggest as the user types and puts the picked address name into the field.
   The field stays the source of truth and works without this file (the server also takes a full name).
   Everything comes from data-* attributes (no inline script: the CSP forbids it):
     data-suggest            the kind, or data-suggest-kind-from: the name of a select in the same form
     data-suggest-url        the endpoint
     data-suggest-multiple   "true": entries separated by commas, the last one is completed
     data-suggest-none, -count ("{n}"), -chosen ("{label}")   the texts, in the page's language */
(function () {
  "use strict";

  var DELAY = 200; // ms after the last key before asking
  var MIN_LENGTH = 2;
  var counter = 0;

  function setUp(input) {
    if (input.dataset.suggestReady) {
      return; // the script may be included once per field
    }
    input.dataset.suggestReady = "true";
    var data = input.dataset;
    var id = "suggest-" + ++counter;
    var multiple = data.suggestMultiple === "true";

    var wrapper = document.createElement("div");
    wrapper.className = "suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("p");
    status.className = "suggest-status";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0; // answers to older questions are dropped

    function kind() {
      if (data.suggestKindFrom && input.form && input.form.elements[data.suggestKindFrom]) {
        return input.form.elements[data.suggestKindFrom].value;
      }
      return data.suggest;
    }

    function typed() {
      var value = input.value;
      return multiple ? value.slice(value.lastIndexOf(",") + 1) : value;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function say(text) {
      status.textContent = text;
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        item.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].element.id);
        items[index].element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(item) {
      if (multiple) {
        var value = input.value;
        var cut = value.lastIndexOf(",") + 1;
        input.value = value.slice(0, cut) + (cut ? " " : "") + item.slug + ", ";
      } else {
        input.value = item.slug;
      }
      close();
      say(data.suggestChosen.replace("{label}", item.label + (item.detail ? " (" + item.detail + ")" : "")));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    }

    function show(suggestions) {
      close();
      if (!suggestions.length) {
        say(data.suggestNone);
        return;
      }
      suggestions.forEach(function (suggestion, i) {
        var element = document.createElement("li");
        element.id = id + "-option-" + i;
        element.className = "suggest-option";
        element.setAttribute("role", "option");
        element.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.className = "suggest-label";
        label.textContent = suggestion.label;
        element.appendChild(label);
        if (suggestion.detail) {
          var detail = document.createElement("span");
          detail.className = "suggest-detail";
          detail.textContent = suggestion.detail;
          element.appendChild(detail);
        }
        var item = { slug: suggestion.slug, label: suggestion.label, detail: suggestion.detail, element: element };
        element.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the field
        });
        element.addEventListener("click", function () {
          pick(item);
        });
        items.push(item);
        list.appendChild(element);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      say(data.suggestCount.replace("{n}", String(items.length)));
    }

    function ask() {
      var text = typed().trim();
      var what = kind();
      if (text.length < MIN_LENGTH || !what) {
        close();
        return;
      }
      var question = ++asked;
      var url = data.suggestUrl + "?kind=" + encodeURIComponent(what) + "&q=" + encodeURIComponent(text);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (suggestions) {
          if (question === asked && document.activeElement === input) {
            show(Array.isArray(suggestions) ? suggestions : []);
          }
        })
        .catch(close); // offline or limited: the plain field still works
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) {
          return;
        }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + items.length) % items.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); // pick, do not send the form yet
        pick(items[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      close();
    });
    if (data.suggestKindFrom && input.form && input.form.elements[data.suggestKindFrom]) {
      input.form.elements[data.suggestKindFrom].addEventListener("change", close);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), setUp);
})();
