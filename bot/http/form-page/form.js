/* global AdaptiveCards, document, window, fetch */
// The web form's only script (served as /forms/assets/form.js, no build step): renders the card embedded
// in the page with the official renderer and posts each Action.Execute or Action.Submit back to this URL.
'use strict';

(function () {
  var host = document.getElementById('card-host');
  var status = document.getElementById('status');
  var source = document.getElementById('card');
  if (!host || !status || !source) return;

  // Card text stays plain text: no markdown processor, so nothing in a card becomes HTML.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (_text, result) {
    result.didProcess = false;
  };

  function say(text, kind) {
    status.textContent = text;
    status.className = kind;
  }

  function setBusy(busy) {
    host.setAttribute('aria-busy', busy ? 'true' : 'false');
    host.querySelectorAll('button, input, select, textarea').forEach(function (el) {
      el.disabled = busy;
    });
  }

  function show(json) {
    var card = new AdaptiveCards.AdaptiveCard();
    card.onExecuteAction = onAction;
    card.parse(json);
    var rendered = card.render();
    if (rendered) host.replaceChildren(rendered);
  }

  function verbOf(action) {
    if (action instanceof AdaptiveCards.ExecuteAction) return action.verb || '';
    if (action instanceof AdaptiveCards.SubmitAction) return '';
    return null;
  }

  function onAction(action) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      if (/^https:\/\//i.test(action.url || '')) window.open(action.url, '_blank', 'noopener,noreferrer');
      return;
    }
    var verb = verbOf(action);
    if (verb === null) return;
    // The renderer has already merged the inputs the action takes into action.data.
    var data = action.data && typeof action.data === 'object' ? Object.assign({}, action.data) : {};
    setBusy(true);
    say('Sending…', 'pending');
    fetch(window.location.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ verb: verb, data: data }),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    })
      .then(function (res) {
        return res.json().then(
          function (body) {
            return { ok: res.ok, status: res.status, body: body || {} };
          },
          function () {
            return { ok: false, status: res.status, body: {} };
          },
        );
      })
      .then(function (r) {
        if (r.ok && r.body.card) {
          show(r.body.card);
          say(r.body.message || 'Thank you.', 'ok');
          return;
        }
        say(r.body.error || 'Something went wrong. Please try again later.', 'error');
        // A dead link (not valid, used, expired) stays disabled; a refused answer can be corrected.
        setBusy(r.status === 404 || r.status === 409 || r.status === 410);
      })
      .catch(function () {
        say('The form could not be sent. Check your connection and try again.', 'error');
        setBusy(false);
      });
  }

  show(JSON.parse(source.textContent || '{}'));
})();
