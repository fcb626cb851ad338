// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // After a failed form submission, move focus to the error summary so screen-reader users
  // hear what went wrong.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.error-summary');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
  });
})();
