// The API docs page holds no credential of its own and stores none. A signed-in console
// user's browser has the refresh cookie: this page trades it for an access token (under
// the same Web Lock as the console, so two tabs never spend one refresh token twice) and
// keeps the token in memory only. Anyone else may paste an API key, also kept in memory.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var schemaUrl = root.dataset.schemaUrl;
  var refreshUrl = root.dataset.refreshUrl;
  var bearer = null;
  var started = false;

  function refresh() {
    var call = function () {
      return fetch(refreshUrl, { method: "POST", credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error("not signed in"); }
        return r.json();
      });
    };
    return navigator.locks ? navigator.locks.request("vigil-refresh", call) : call();
  }

  function keepFresh(expiresIn) {
    window.setTimeout(function () {
      refresh().then(function (body) { bearer = body.access; keepFresh(body.expires_in); },
        function () { bearer = null; askForKey("Your sign-in ended; sign in to the console again or paste an API key."); });
    }, Math.max(10, expiresIn - 60) * 1000);
  }

  function start() {
    if (started) { return; }
    started = true;
    window.SwaggerUIBundle({
      url: schemaUrl,
      dom_id: "#swagger-ui",
      deepLinking: true,
      requestInterceptor: function (request) {
        if (bearer) { request.headers.Authorization = "Bearer " + bearer; }
        return request;
      },
    });
  }

  function askForKey(message) {
    document.getElementById("vigil-docs-message").textContent = message;
    document.getElementById("vigil-docs-auth").hidden = false;
  }

  document.getElementById("vigil-docs-key").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = document.getElementById("vigil-docs-key-input");
    bearer = input.value.trim();
    input.value = "";
    document.getElementById("vigil-docs-auth").hidden = true;
    start();
  });

  refresh().then(function (body) {
    bearer = body.access;
    keepFresh(body.expires_in);
    start();
  }, function () {
    askForKey("Sign in to the console first (this page then uses your sign-in), or paste an API key.");
  });
})();
