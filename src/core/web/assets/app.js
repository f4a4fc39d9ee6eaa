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

// Security keys and passkeys (WebAuthn): a form marked data-webauthn-get (sign-in) or
// data-webauthn-create (adding a key) asks the browser for the credential, puts its JSON in the
// form's `credential` field and sends the form. Without script the forms say so and do nothing.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  var decode = function (text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var binary = window.atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  };
  var encode = function (buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  var withIds = function (list) {
    return (list || []).map(function (c) { return { type: c.type, id: decode(c.id), transports: c.transports }; });
  };
  var requestOptions = function (json) {
    var options = Object.assign({}, json, { challenge: decode(json.challenge), allowCredentials: withIds(json.allowCredentials) });
    return { publicKey: options };
  };
  var creationOptions = function (json) {
    var user = Object.assign({}, json.user, { id: decode(json.user.id) });
    var options = Object.assign({}, json, { challenge: decode(json.challenge), user: user, excludeCredentials: withIds(json.excludeCredentials) });
    return { publicKey: options };
  };
  var toJson = function (credential) {
    if (typeof credential.toJSON === 'function') return credential.toJSON();
    var response = credential.response;
    var json = { id: credential.id, rawId: encode(credential.rawId), type: credential.type, clientExtensionResults: credential.getClientExtensionResults(), response: { clientDataJSON: encode(response.clientDataJSON) } };
    if (response.attestationObject) {
      json.response.attestationObject = encode(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = encode(response.authenticatorData);
      json.response.signature = encode(response.signature);
      if (response.userHandle) json.response.userHandle = encode(response.userHandle);
    }
    if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
    return json;
  };
  var send = function (form, credential) {
    form.querySelector('input[name="credential"]').value = JSON.stringify(toJson(credential));
    form.submit();
  };
  Array.prototype.forEach.call(document.querySelectorAll('form[data-webauthn-get]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (form.querySelector('input[name="credential"]').value) return;
      event.preventDefault();
      navigator.credentials.get(requestOptions(JSON.parse(form.getAttribute('data-webauthn-get'))))
        .then(function (credential) { send(form, credential); }, function () { /* cancelled: the page stays */ });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('form[data-webauthn-create]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (form.querySelector('input[name="credential"]').value) return;
      event.preventDefault();
      var token = form.querySelector('input[name="_csrf"]').value;
      fetch(form.getAttribute('data-webauthn-create'), { method: 'POST', credentials: 'same-origin', body: new URLSearchParams({ _csrf: token }) })
        .then(function (response) { if (!response.ok) throw new Error('refused'); return response.json(); })
        .then(function (json) { return navigator.credentials.create(creationOptions(json)); })
        .then(function (credential) { send(form, credential); }, function () { form.submit(); });
    });
  });
})();
