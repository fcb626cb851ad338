// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Euros the way the server writes them (crates/domain/src/money.rs): "€ 5.200" in Dutch,
  // "€5,200" in English.
  function euros(lang, amount) {
    var sign = amount < 0 ? '-' : '';
    var digits = String(Math.abs(amount));
    var sep = lang === 'en' ? ',' : '.';
    var out = '';
    for (var i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
      out += digits.charAt(i);
    }
    return sign + (lang === 'en' ? '€' : '€ ') + out;
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(count|total|amount)\}/g, function (_, k) { return values[k]; });
  }

  // The ballot page: show what is left as boxes are ticked. The form carries the limits and
  // the sentences in `data-ballot` (components/ballot/public.rs, live_config); the server
  // checks the ballot again on every post, and the "recalculate" button does the same
  // without JavaScript.
  function liveBallot(form) {
    var cfg;
    try {
      cfg = JSON.parse(form.getAttribute('data-ballot'));
    } catch (e) {
      return;
    }
    var region = document.getElementById('stand');
    if (!cfg || !region || !cfg.limits || !cfg.t) return;
    var boxes = form.querySelectorAll('input[type=checkbox][name=idea]');

    function sentence(limit, chosen, spent) {
      var t = cfg.t;
      var spentText = chosen === 1
        ? fill(t.spentOne, { total: euros(cfg.lang, spent) })
        : fill(t.spent, { count: chosen, total: euros(cfg.lang, spent) });
      var left;
      if (limit.budget) {
        var e = limit.max - spent;
        left = e >= 0 ? fill(t.leftEuros, { amount: euros(cfg.lang, e) })
          : fill(t.overEuros, { amount: euros(cfg.lang, -e) });
      } else {
        var n = limit.max - chosen;
        if (n === 1) left = t.leftChoicesOne;
        else if (n === -1) left = t.overChoicesOne;
        else if (n >= 0) left = fill(t.leftChoices, { count: n });
        else left = fill(t.overChoices, { count: -n });
      }
      return { text: spentText + ' ' + left, over: limit.budget ? spent > limit.max : chosen > limit.max };
    }

    function update() {
      var parts = [];
      var over = false;
      var any = false;
      cfg.limits.forEach(function (limit) {
        var chosen = 0;
        var spent = 0;
        for (var i = 0; i < boxes.length; i++) {
          var b = boxes[i];
          if (!b.checked) continue;
          if (cfg.per_area && Number(b.getAttribute('data-area')) !== limit.area) continue;
          chosen += 1;
          spent += Number(b.getAttribute('data-cost')) || 0;
        }
        if (chosen === 0 && cfg.per_area) return;
        if (chosen > 0) any = true;
        var s = sentence(limit, chosen, spent);
        over = over || s.over;
        parts.push(cfg.per_area ? limit.name + ': ' + s.text : s.text);
      });
      region.textContent = any ? parts.join(' ') : '';
      region.classList.toggle('ballot-over', over);
    }

    form.addEventListener('change', function (ev) {
      if (ev.target && ev.target.name === 'idea') update();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    // After a failed form submission, move focus to the error summary so screen-reader users
    // hear what went wrong.
    var summary = document.querySelector('.error-summary');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
    var forms = document.querySelectorAll('form[data-ballot]');
    for (var i = 0; i < forms.length; i++) liveBallot(forms[i]);
  });
})();
