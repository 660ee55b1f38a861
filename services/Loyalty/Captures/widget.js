/* CustomerPlatform first-purchase pop-up. Embed: <script src="https://PLATFORM/loyalty/widget.js" async></script>
   Optional attributes: data-title, data-text, data-button, data-thanks, data-close (texts; {percent} is replaced),
   data-source (reported with the capture), data-delay (milliseconds before it opens, default 2000). The consent text is
   the platform's (Loyalty:Capture:Texts:Consent): it is what the capture records as agreed to. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__customerPlatformPopup) return;
  window.__customerPlatformPopup = true;
  var config = /*CONFIG*/{};
  var data = script.dataset || {};
  var seenKey = "customerplatform-popup";
  function text(name) {
    var own = name === "consent" ? "" : data[name];
    return String(own || config[name] || "").replace(/\{percent\}/g, String(config.percent));
  }
  try { if (window.localStorage.getItem(seenKey)) return; } catch (e) { /* storage blocked: show it */ }

  function el(tag, attributes, content) {
    var node = document.createElement(tag);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (content) node.textContent = content;
    return node;
  }

  function open() {
    var previous = document.activeElement;
    var host = el("div", { "data-customerplatform-popup": "" });
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var style = el("style");
    style.textContent =
      ".backdrop{position:fixed;inset:0;background:rgba(17,24,39,.6);display:flex;align-items:center;justify-content:center;z-index:2147483647;font:16px/1.5 system-ui,sans-serif}" +
      ".dialog{background:#fff;color:#111827;max-width:26rem;width:calc(100% - 2rem);border-radius:8px;padding:1.5rem;position:relative;box-shadow:0 10px 30px rgba(0,0,0,.3)}" +
      "h2{margin:0 2rem .5rem 0;font-size:1.4rem;line-height:1.3}p{margin:0 0 1rem}label{display:block}" +
      "input[type=email]{box-sizing:border-box;width:100%;padding:.6rem;margin:.25rem 0 .75rem;border:1px solid #4b5563;border-radius:4px;font:inherit}" +
      ".consent{display:flex;gap:.5rem;align-items:flex-start;margin-bottom:1rem;font-size:.9rem}.consent input{margin-top:.3rem}" +
      "button{font:inherit;cursor:pointer}.send{width:100%;padding:.7rem;border:0;border-radius:4px;background:#1d4ed8;color:#fff;font-weight:600}" +
      ".close{position:absolute;top:.5rem;right:.5rem;border:0;background:none;color:#374151;font-size:1.5rem;line-height:1;padding:.25rem .5rem}" +
      ".status{margin:.75rem 0 0;min-height:1.5rem}.error{color:#b91c1c}" +
      ":focus-visible{outline:3px solid #f59e0b;outline-offset:2px}";
    var backdrop = el("div", { "class": "backdrop" });
    var dialog = el("div", { "class": "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "cp-title", "aria-describedby": "cp-text" });
    var close = el("button", { type: "button", "class": "close", "aria-label": text("close") }, "\u00d7");
    var title = el("h2", { id: "cp-title" }, text("title"));
    var intro = el("p", { id: "cp-text" }, text("text"));
    var form = el("form", { novalidate: "" });
    var emailLabel = el("label", { "for": "cp-email" }, "Email");
    var email = el("input", { id: "cp-email", type: "email", name: "email", autocomplete: "email", required: "", "aria-describedby": "cp-status" });
    var consentRow = el("div", { "class": "consent" });
    var consent = el("input", { id: "cp-consent", type: "checkbox", name: "consent", required: "" });
    var consentLabel = el("label", { "for": "cp-consent" }, text("consent"));
    var send = el("button", { type: "submit", "class": "send" }, text("button"));
    var status = el("p", { id: "cp-status", "class": "status", role: "status", "aria-live": "polite" });
    consentRow.appendChild(consent);
    consentRow.appendChild(consentLabel);
    [emailLabel, email, consentRow, send, status].forEach(function (node) { form.appendChild(node); });
    [close, title, intro, form].forEach(function (node) { dialog.appendChild(node); });
    backdrop.appendChild(dialog);
    root.appendChild(style);
    root.appendChild(backdrop);
    document.body.appendChild(host);

    function say(message, isError) {
      status.textContent = message;
      status.className = "status" + (isError ? " error" : "");
    }
    function dismiss() {
      try { window.localStorage.setItem(seenKey, "1"); } catch (e) { /* nothing to remember with */ }
      document.removeEventListener("keydown", onKey, true);
      host.remove();
      if (previous && previous.focus) previous.focus();
    }
    function focusable() {
      return Array.prototype.filter.call(dialog.querySelectorAll("button,input"), function (node) { return !node.disabled; });
    }
    function onKey(event) {
      if (event.key === "Escape") { event.preventDefault(); dismiss(); return; }
      if (event.key !== "Tab") return;
      var nodes = focusable(), first = nodes[0], last = nodes[nodes.length - 1];
      var active = root.activeElement || document.activeElement;
      if (nodes.indexOf(active) < 0) { event.preventDefault(); first.focus(); return; }
      if (event.shiftKey && active === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
    }
    document.addEventListener("keydown", onKey, true);
    close.addEventListener("click", dismiss);
    backdrop.addEventListener("click", function (event) { if (event.target === backdrop) dismiss(); });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      email.removeAttribute("aria-invalid");
      consent.removeAttribute("aria-invalid");
      if (!email.value || !email.checkValidity()) {
        email.setAttribute("aria-invalid", "true");
        say("Please enter a valid email address.", true);
        email.focus();
        return;
      }
      if (!consent.checked) {
        consent.setAttribute("aria-invalid", "true");
        say("Please tick the box to agree, so that we may send the code.", true);
        consent.focus();
        return;
      }
      send.disabled = true;
      say("Sending\u2026", false);
      fetch(new URL("/api/loyalty/captures", script.src).toString(), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: email.value.trim(), consent: true, source: (data.source || window.location.hostname + window.location.pathname).slice(0, 200) })
      }).then(function (response) {
        if (response.status === 202) {
          [emailLabel, email, consentRow, send].forEach(function (node) { form.removeChild(node); });
          say(text("thanks"), false);
          try { window.localStorage.setItem(seenKey, "1"); } catch (e) { /* nothing to remember with */ }
          close.focus();
          return;
        }
        send.disabled = false;
        if (response.status === 429) { say("Too many attempts: please try again in a few minutes.", true); return; }
        return response.json().then(function (problem) {
          var errors = (problem && problem.errors) || {};
          var field = Object.keys(errors)[0];
          if (field === "email") { email.setAttribute("aria-invalid", "true"); email.focus(); }
          say(field ? errors[field][0] : "Something went wrong: please try again.", true);
        }, function () { say("Something went wrong: please try again.", true); });
      }, function () {
        send.disabled = false;
        say("We could not reach the shop's service: please try again.", true);
      });
    });
    email.focus();
  }

  var delay = parseInt(data.delay, 10);
  function start() { window.setTimeout(open, isNaN(delay) ? 2000 : Math.max(0, delay)); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
