// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Submit the language form as soon as a language is chosen.
  const select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", () => select.form.submit());
  }
});

// A form sent back with errors: move the focus to its error summary (the `autofocus` attribute does it too).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
});

// htmx swaps only successful answers. When a view refuses an htmx request it answers with the fragment that
// says why (a 400 for a bad form, a 503 when the job queue is unreachable): show that fragment in place, or
// the click seems to do nothing. A whole page (an error page of the site) is never swapped into a panel.
document.addEventListener("htmx:beforeSwap", (event) => {
  const answer = event.detail.xhr;
  const fragment = !/^\s*<!doctype/i.test(answer.responseText || "");
  if (answer.status >= 400 && answer.status < 600 && fragment && answer.responseText) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
