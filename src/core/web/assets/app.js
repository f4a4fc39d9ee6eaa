// The pages' only script. Everything works without it; it adds the idle warning, a confirmation
// before grave actions, and a print button. It keeps nothing: no storage, no cookies.
(function () {
  'use strict';
  var body = document.body;
  var idle = Number(body.getAttribute('data-idle-seconds'));
  var warning = document.getElementById('idle-warning');
  if (idle > 0 && warning) {
    var warnAfter = Math.max(idle - 120, idle / 2) * 1000;
    var endAfter = idle * 1000;
    var warnTimer;
    var endTimer;
    var arm = function () {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      warning.hidden = true;
      warnTimer = setTimeout(function () {
        warning.hidden = false;
        var button = warning.querySelector('button');
        if (button) button.focus();
      }, warnAfter);
      endTimer = setTimeout(function () {
        // What the page shows goes with it: the browser is sent to the signed-out page.
        window.location.replace(body.getAttribute('data-ended-url'));
      }, endAfter);
    };
    var form = warning.querySelector('form');
    if (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin', redirect: 'manual' })
          .then(arm, arm);
      });
    }
    arm();
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
