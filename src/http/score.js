/* score.js: the score form's running totals, updated as the member picks (docs/office.md).
 * An enhancement only: the page works without it, and the server adds up the sheet again
 * when it is handed in. The figures come from the page: each option's points (data-p), each
 * criterion's part and required minimum (data-part, data-req "stars:points"), the ruleset's
 * star thresholds (data-stars "stars:min ...", highest first). Embedded in the page and
 * allowed by its hash in the Content-Security-Policy (scripts/embed_js.py). */
(function () {
  'use strict';
  var form = document.getElementById('score');
  if (!form || !form.querySelectorAll || !document.addEventListener) {
    return;
  }
  var EPS = 1e-9;
  var word = form.getAttribute('data-star-word') || '';
  var thresholds = (form.getAttribute('data-stars') || '').split(' ').map(function (s) {
    var x = s.split(':');
    return { stars: Number(x[0]), min: Number(x[1]) };
  });

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function put(key, text) {
    each('[data-t="' + key + '"]', function (el) { el.textContent = text; });
  }

  /* as ocop_ruleset_stars: the first threshold the total reaches */
  function starsOf(total) {
    for (var i = 0; i < thresholds.length; i++) {
      if (total + EPS >= thresholds[i].min) {
        return thresholds[i].stars;
      }
    }
    return 0;
  }

  function glyphs(n) {
    var s = '';
    for (var i = 0; i < n; i++) {
      s += '\u2605';
    }
    return s || '\u2014';
  }

  /* as ocop_sheet_tally: the points chosen, the stars of the total, then the caps of the
   * required criteria chosen, in scorecard order */
  function update() {
    var parts = {}, total = 0, chosen = 0, picked = [], stars, capped = '';
    each('#score [data-part]', function (crit) {
      var part = crit.getAttribute('data-part');
      var pick = crit.querySelector('input:checked, option:checked');
      parts[part] = parts[part] || 0;
      if (!pick || !pick.hasAttribute('data-p')) {
        return;
      }
      var p = Number(pick.getAttribute('data-p'));
      parts[part] += p;
      total += p;
      chosen++;
      picked.push([crit, p]);
    });
    stars = starsOf(total);
    picked.forEach(function (x) {
      var req = (x[0].getAttribute('data-req') || '').split(':');
      if (req.length === 2 && stars >= Number(req[0]) && x[1] + EPS < Number(req[1])) {
        stars = Number(req[0]) - 1;
        capped = x[0].getAttribute('data-code');
      }
    });
    Object.keys(parts).forEach(function (k) { put('part-' + k, String(parts[k])); });
    put('total', String(total));
    put('chosen', String(chosen));
    put('stars', glyphs(stars));
    put('stars-n', String(stars) + word);
    put('capped-code', capped);
    each('[data-t="capped"]', function (el) { el.hidden = !capped; });
  }

  form.addEventListener('change', update);
  each('[data-live]', function (el) { el.hidden = false; });
  update();
}());
