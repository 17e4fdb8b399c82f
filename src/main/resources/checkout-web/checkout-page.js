/*
 * Payrail hosted checkout page. Talks to the public checkout endpoints with the publishable key
 * only; validates like the server (which stays authoritative); follows every next action in place;
 * tells the embedding page (checkout.js) what happens, by postMessage to its exact origin only.
 * Card data lives in the form fields and the one request that submits them: never stored, never logged.
 */
(function () {
  'use strict';
  var root = document.getElementById('checkout');
  if (!root) { return; }

  var d = root.dataset;
  var orderId = d.orderId;
  var key = d.key;
  var parentOrigin = d.parentOrigin || '';
  var pollMs = parseInt(d.pollMs, 10) || 1500;
  var t = JSON.parse(d.messages || '{}');
  var api = '/v1/checkout/orders/' + encodeURIComponent(orderId);
  var embedded = window.parent !== window && parentOrigin !== '';

  var statusEl = document.getElementById('status');
  var form = document.getElementById('pay-form');
  var payButton = document.getElementById('pay-button');
  var actionEl = document.getElementById('action');
  var actionTitle = document.getElementById('action-title');
  var actionBody = document.getElementById('action-body');
  var resultEl = document.getElementById('result');
  var resultTitle = document.getElementById('result-title');
  var resultDetail = document.getElementById('result-detail');
  var retryButton = document.getElementById('retry-button');

  var current = null;      // the payment being followed
  var shownAction = null;  // payment id + next action type on screen
  var pollTimer = null;
  var busy = false;
  var finished = false;

  applyTheme(d.theme);

  // ---- the embedding page -------------------------------------------------------------------
  function post(type, data) {
    if (embedded) {
      window.parent.postMessage({ source: 'payrail-checkout', type: type, data: data || {} }, parentOrigin);
    }
  }

  window.addEventListener('message', function (e) {
    if (!embedded || e.source !== window.parent || e.origin !== parentOrigin) { return; }
    var m = e.data;
    if (!m || m.source !== 'payrail-sdk') { return; }
    if (m.type === 'focus') { focusStart(); }
  });

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && embedded) { post('close_requested'); }
  });

  // ---- status region --------------------------------------------------------------------------
  function announce(text, state) {
    statusEl.textContent = text || '';
    statusEl.className = 'status' + (state ? ' ' + state : '');
    root.setAttribute('aria-busy', state === 'busy' ? 'true' : 'false');
  }

  function setBusy(on) {
    busy = on;
    if (payButton) { payButton.disabled = on; }
  }

  // ---- client-side checks, the server's rules --------------------------------------------------
  function digits(s) { return (s || '').replace(/[\s-]/g, ''); }

  function luhn(pan) {
    if (!/^\d{12,19}$/.test(pan)) { return false; }
    var sum = 0;
    for (var i = 0; i < pan.length; i++) {
      var n = pan.charCodeAt(pan.length - 1 - i) - 48;
      if (i % 2 === 1) { n *= 2; if (n > 9) { n -= 9; } }
      sum += n;
    }
    return sum % 10 === 0;
  }

  function expiry(value) {
    var m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(value || '');
    if (!m) { return null; }
    var month = parseInt(m[1], 10);
    var year = parseInt(m[2], 10);
    if (year < 100) { year += 2000; }
    if (month < 1 || month > 12 || year > 2100) { return null; }
    var now = new Date();
    var y = now.getUTCFullYear();
    var mo = now.getUTCMonth() + 1;
    if (year < y || (year === y && month < mo)) { return null; }
    return { month: month, year: year };
  }

  function cvcOk(cvc, pan) {
    var amex = /^3[47]/.test(pan);
    return amex ? /^\d{4}$/.test(cvc) : /^\d{3}$/.test(cvc);
  }

  function vpaOk(vpa) {
    return vpa.length <= 100 && /^[a-zA-Z0-9._-]+@[a-zA-Z0-9]+$/.test(vpa);
  }

  function fieldError(id, message) {
    var input = document.getElementById(id);
    var err = document.getElementById(id + '-error');
    if (!input || !err) { return null; }
    input.setAttribute('aria-invalid', 'true');
    err.textContent = message;
    err.hidden = false;
    return input;
  }

  function clearErrors() {
    Array.prototype.forEach.call(root.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
    });
    Array.prototype.forEach.call(root.querySelectorAll('.error'), function (el) {
      el.hidden = true;
      el.textContent = '';
    });
  }

  function selectedMethod() {
    var checked = form.querySelector('input[name=method]:checked');
    return checked ? checked.value : 'card';
  }

  // ---- form -----------------------------------------------------------------------------------
  if (form) {
    Array.prototype.forEach.call(form.querySelectorAll('input[name=method]'), function (radio) {
      radio.addEventListener('change', function () {
        Array.prototype.forEach.call(form.querySelectorAll('.fields'), function (f) {
          f.hidden = f.getAttribute('data-method') !== selectedMethod();
        });
        clearErrors();
      });
    });
    var exp = document.getElementById('cc-exp');
    if (exp) {
      exp.addEventListener('input', function () {
        var v = exp.value.replace(/[^\d]/g, '');
        if (v.length >= 3 && exp.value.indexOf('/') < 0) { exp.value = v.slice(0, 2) + '/' + v.slice(2, 4); }
      });
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (busy) { return; }
      clearErrors();
      var method = selectedMethod();
      var body = { method: method };
      if (d.email || d.contact) { body.customer = { email: d.email || null, contact: d.contact || null }; }
      var invalid = [];
      if (method === 'card') {
        var pan = digits(document.getElementById('cc-number').value);
        var ex = expiry(document.getElementById('cc-exp').value);
        var cvc = document.getElementById('cc-csc').value.trim();
        if (!luhn(pan)) { invalid.push(fieldError('cc-number', t.errNumber)); }
        if (!ex) { invalid.push(fieldError('cc-exp', t.errExpiry)); }
        if (!cvcOk(cvc, pan)) { invalid.push(fieldError('cc-csc', t.errCvc)); }
        var name = document.getElementById('cc-name').value.trim();
        if (invalid.length === 0) {
          body.card = { number: pan, expiry_month: ex.month, expiry_year: ex.year, cvc: cvc };
          if (name) { body.card.holder_name = name; }
        }
      } else if (method.indexOf('wallet:') === 0) {
        // The payer scans the provider's code or goes to its page: nothing to type here.
        body.method = 'wallet';
        body.wallet = { wallet: method.slice('wallet:'.length) };
      } else {
        var vpa = document.getElementById('vpa').value.trim();
        if (!vpaOk(vpa)) { invalid.push(fieldError('vpa', t.errVpa)); }
        body.upi = { vpa: vpa };
      }
      if (invalid.length > 0) {
        announce(t.errForm, 'failed');
        if (invalid[0]) { invalid[0].focus(); }
        return;
      }
      submit(body);
    });
  }

  if (retryButton) {
    retryButton.textContent = t.retry;
    retryButton.addEventListener('click', function () {
      current = null;
      shownAction = null;
      finished = false;
      resultEl.hidden = true;
      actionEl.hidden = true;
      if (form) {
        form.hidden = false;
        setBusy(false);
        announce('', null);
        focusStart();
      }
    });
  }

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function call(method, path, body, idempotencyKey) {
    var headers = { 'Accept': 'application/json', 'X-Publishable-Key': key };
    if (body) { headers['Content-Type'] = 'application/json'; }
    if (idempotencyKey) { headers['Idempotency-Key'] = idempotencyKey; }
    return fetch(api + path, {
      method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit', cache: 'no-store'
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; });
    });
  }

  function submit(body) {
    setBusy(true);
    announce(t.processing, 'busy');
    post('submit', { method: body.method });
    post('processing', {});
    // One key per submission: a retried request (network hiccup) is answered, never charged twice.
    var idempotencyKey = newKey();
    var attempt = function (tries) {
      call('POST', '/payments', body, idempotencyKey).then(function (res) {
        body = null; // the card data is not kept once sent
        answered(res);
      }, function () {
        if (tries > 0) { setTimeout(function () { attempt(tries - 1); }, 1000); return; }
        setBusy(false);
        announce(t.errNetwork, 'failed');
      });
    };
    attempt(2);
  }

  function answered(res) {
    var b = res.body || {};
    if (res.status === 201 || res.status === 200) {
      follow(b);
    } else if (res.status === 402 || res.status === 503) {
      fail({ code: b.decline_code || b.code, description: b.detail, payment_id: b.payment_id }, b.recoverable !== false);
    } else if (res.status === 429) {
      fail({ code: 'rate_limited', description: t.errRateLimited }, true);
    } else if (res.status === 400 && b.param) {
      setBusy(false);
      var ids = { 'card.number': 'cc-number', 'card.expiry_month': 'cc-exp', 'card.expiry_year': 'cc-exp',
        'card.cvc': 'cc-csc', 'upi.vpa': 'vpa' };
      var input = ids[b.param] ? fieldError(ids[b.param], b.detail) : null;
      announce(b.detail || t.errForm, 'failed');
      if (input) { input.focus(); }
    } else if (res.status === 409 && b.param === 'order_id') {
      fail({ code: 'order_paid', description: t.orderPaid }, false);
    } else {
      fail({ code: b.code || 'error', description: b.detail || t.failure }, true);
    }
  }

  // ---- following a payment ----------------------------------------------------------------------
  function follow(p) {
    if (finished || !p || !p.id) { return; }
    current = p.id;
    if (p.outcome === 'succeeded') {
      succeed(p);
    } else if (p.outcome === 'failed') {
      fail({ code: p.decline_code || p.error_code, description: p.error_description, payment_id: p.id }, true);
    } else if (p.outcome === 'requires_action' && p.next_action) {
      act(p);
      schedulePoll();
    } else {
      setBusy(true);
      if (form) { form.hidden = false; }
      announce(t.processing, 'busy');
      schedulePoll();
    }
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, pollMs);
  }

  function poll() {
    if (!current || finished) { return; }
    call('GET', '/payments/' + encodeURIComponent(current)).then(function (res) {
      if (res.status === 200) { follow(res.body); } else { schedulePoll(); }
    }, schedulePoll);
  }

  // Back from the UPI app or another tab: ask at once instead of waiting for the next poll.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && current && !finished) { poll(); }
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted && current && !finished) { poll(); }
  });

  function safeUrl(url) {
    try {
      var u = new URL(url, window.location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function act(p) {
    var na = p.next_action;
    var shown = p.id + ':' + na.type;
    if (shownAction === shown) { return; }
    shownAction = shown;
    post('requires_action', { payment_id: p.id, type: na.type });
    if (form) { form.hidden = true; }
    resultEl.hidden = true;
    actionBody.textContent = '';
    // A card's authentication (3-D Secure) runs in a frame inside the page, with a new window as the
    // fallback; a wallet's or bank's own page (which often refuses frames) opens in a new window.
    if (na.type === 'redirect_to_url' && p.method === 'card' && safeUrl(na.url)) {
      actionTitle.textContent = t.challengeTitle;
      actionBody.appendChild(el('p', {}, t.challengeHelp));
      actionBody.appendChild(el('iframe', { src: safeUrl(na.url), title: t.challengeFrame, id: 'challenge-frame' }));
      var link = el('a', { href: safeUrl(na.url), target: '_blank', rel: 'noopener' }, t.challengeOpen);
      actionBody.appendChild(el('p')).appendChild(link);
      announce(t.challengeTitle, 'busy');
    } else if (na.type === 'upi_collect') {
      actionTitle.textContent = t.upiTitle;
      actionBody.appendChild(el('p', {}, t.upiHelp));
      if (na.vpa) { actionBody.appendChild(el('p')).appendChild(el('code', {}, na.vpa)); }
      announce(t.upiTitle, 'busy');
    } else if (na.type === 'display_qr_code') {
      actionTitle.textContent = t.qrTitle;
      if (typeof na.image_data_url === 'string' && /^data:image\/(png|svg\+xml|gif|jpeg);base64,/.test(na.image_data_url)) {
        actionBody.appendChild(el('img', { src: na.image_data_url, alt: t.qrAlt, 'class': 'qr' }));
      } else if (na.data) {
        actionBody.appendChild(el('p')).appendChild(el('code', {}, String(na.data)));
      }
      if (na.expires_at) {
        var when = new Date(na.expires_at);
        var text = isNaN(when.getTime()) ? String(na.expires_at) : when.toLocaleTimeString(document.documentElement.lang);
        actionBody.appendChild(el('p', {}, t.qrExpires + ' ' + text));
      }
      announce(t.qrTitle, 'busy');
    } else if (na.url && safeUrl(na.url)) {
      actionTitle.textContent = t.redirectTitle;
      actionBody.appendChild(el('a', { href: safeUrl(na.url), target: '_blank', rel: 'noopener' }, t.redirectButton));
      announce(t.redirectTitle, 'busy');
    } else {
      announce(t.processing, 'busy');
    }
    actionEl.hidden = false;
    actionTitle.focus();
  }

  function succeed(p) {
    finished = true;
    clearTimeout(pollTimer);
    if (form) { form.hidden = true; }
    actionEl.hidden = true;
    actionBody.textContent = '';
    resultTitle.textContent = t.success;
    resultDetail.textContent = t.successDetail + ' ' + p.id;
    retryButton.hidden = true;
    resultEl.hidden = false;
    announce(t.success, 'ok');
    post('success', { payment_id: p.id, order_id: p.order_id, signature: p.signature });
    resultTitle.focus();
  }

  function fail(err, recoverable) {
    clearTimeout(pollTimer);
    current = null;
    if (form) { form.hidden = true; }
    actionEl.hidden = true;
    actionBody.textContent = '';
    setBusy(false);
    resultTitle.textContent = t.failure;
    resultDetail.textContent = err.description || '';
    retryButton.hidden = !recoverable || !form;
    resultEl.hidden = false;
    announce(t.failure + (err.description ? ': ' + err.description : ''), 'failed');
    post('failure', { code: err.code || 'payment_failed', description: err.description || t.failure,
      payment_id: err.payment_id || null });
    resultTitle.focus();
  }

  function focusStart() {
    if (!form || form.hidden) { return; }
    var inputs = form.querySelectorAll('input');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.offsetParent !== null && (input.type !== 'radio' || input.checked)) {
        input.focus();
        return;
      }
    }
  }

  function applyTheme(color) {
    if (!/^#[0-9a-fA-F]{6}$/.test(color || '')) { return; }
    var n = parseInt(color.slice(1), 16);
    var lum = [n >> 16, (n >> 8) & 255, n & 255].map(function (c) {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    // White text when it contrasts better than black (WCAG relative luminance).
    var text = (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#000000';
    document.documentElement.style.setProperty('--brand', color);
    document.documentElement.style.setProperty('--brand-text', text);
  }

  // ---- start: resume what a reload or an app switch interrupted ---------------------------------
  call('GET', '').then(function (res) {
    var latest = res.status === 200 && res.body ? res.body.latest_payment : null;
    if (latest && latest.outcome !== 'failed') { follow(latest); }
    post('ready', { order_id: orderId });
  }, function () {
    post('ready', { order_id: orderId });
  });
})();
