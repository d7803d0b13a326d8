// Feedback threads: optional enhancements; every feature works without this file.
// - "Reply" opens the reply form under the item instead of on its own page.
// - Delete buttons ask for confirmation (data-confirm).
(function () {
  "use strict";

  function openReplyForm(link) {
    var card = link.closest(".feedback-card");
    if (!card) return;
    var existing = card.querySelector(".feedback-form");
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var form = doc.getElementById("feedback-form");
        if (!form) throw new Error("no form");
        form.id = "reply-form-" + link.dataset.parent;
        form = document.importNode(form, true);
        card.appendChild(form);
        var textarea = form.querySelector("textarea");
        if (textarea) textarea.focus();
      })
      .catch(function () {
        window.location.href = link.href;
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".feedback-thread a.reply-link");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      openReplyForm(link);
    }
  });

  document.addEventListener("submit", function (event) {
    var button = event.submitter || event.target.querySelector("[data-confirm]");
    if (!button || !button.dataset || !button.dataset.confirm) return;
    if (!event.target.closest(".feedback-thread")) return;
    if (!window.confirm(button.dataset.confirm)) event.preventDefault();
  });
})();
