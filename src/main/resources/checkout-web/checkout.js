/*!
 * Payrail checkout.js v1: the embeddable checkout. Dependency-free.
 *
 *   var checkout = new PaymentGateway({ key: 'pk_test_…', orderId: 'order_…', onSuccess: function (r) {} });
 *   checkout.on('requires_action', fn);   // also ready, submit, processing, success, failure, dismiss
 *   checkout.open();                      // modal overlay + iframe of the hosted checkout page
 *   checkout.close();
 *
 * Messages go to the checkout's exact origin only, and a message is accepted only from that origin
 * and from this checkout's own iframe. The success result carries a signature that the merchant's
 * server must verify: a browser callback is a hint, fulfil from the webhook or a status read.
 */
(function (global) {
  'use strict';

  var script = document.currentScript;
  var CHECKOUT_ORIGIN = script && script.src ? new URL(script.src).origin : global.location.origin;
  var EVENTS = ['ready', 'submit', 'processing', 'requires_action', 'success', 'failure', 'dismiss'];
  var LOCALES = ['auto', 'en', 'es', 'zh', 'zh-CN', 'zh-Hans', 'hi'];

  function PaymentGateway(options) {
    if (!(this instanceof PaymentGateway)) { return new PaymentGateway(options); }
    options = options || {};
    if (!/^pk_(test|live)_[0-9A-Za-z]+$/.test(options.key || '')) {
      throw new Error('PaymentGateway: key must be a publishable key (pk_test_… or pk_live_…); never a secret.');
    }
    if (!/^order_[0-9A-Za-z]+$/.test(options.orderId || '')) {
      throw new Error('PaymentGateway: orderId must be an order id (order_…).');
    }
    this._options = options;
    this._handlers = {};
    this._overlay = null;
    this._frame = null;
    this._settled = {};
    this._receive = this._receive.bind(this);
    this._keydown = this._keydown.bind(this);
  }

  PaymentGateway.prototype.on = function (event, handler) {
    if (EVENTS.indexOf(event) < 0) { throw new Error('PaymentGateway: unknown event ' + event); }
    if (typeof handler === 'function') { (this._handlers[event] = this._handlers[event] || []).push(handler); }
    return this;
  };

  PaymentGateway.prototype._emit = function (event, data) {
    (this._handlers[event] || []).forEach(function (h) {
      try { h(data); } catch (e) { setTimeout(function () { throw e; }); }
    });
  };

  PaymentGateway.prototype._call = function (name, data) {
    var fn = this._options[name];
    if (typeof fn === 'function') {
      try { fn(data); } catch (e) { setTimeout(function () { throw e; }); }
    }
  };

  PaymentGateway.prototype._url = function () {
    var o = this._options;
    var q = new URLSearchParams();
    q.set('order_id', o.orderId);
    q.set('key', o.key);
    q.set('origin', global.location.origin);
    var locale = o.locale || 'auto';
    q.set('locale', LOCALES.indexOf(locale) >= 0 ? locale : 'auto');
    if (o.theme && /^#[0-9a-fA-F]{6}$/.test(o.theme.color || '')) { q.set('theme', o.theme.color); }
    var prefill = o.prefill || {};
    ['name', 'email', 'contact'].forEach(function (k) {
      if (typeof prefill[k] === 'string' && prefill[k]) { q.set('prefill_' + k, prefill[k]); }
    });
    return CHECKOUT_ORIGIN + '/checkout?' + q.toString();
  };

  function style(el, css) {
    Object.keys(css).forEach(function (k) { el.style[k] = css[k]; });
    return el;
  }

  PaymentGateway.prototype.open = function () {
    if (this._overlay) { return this; }
    var self = this;
    this._previousFocus = document.activeElement;
    var overlay = style(document.createElement('div'), {
      position: 'fixed', inset: '0', background: 'rgba(0,0,0,0.55)', zIndex: '2147483647',
      display: 'flex', alignItems: 'center', justifyContent: 'center'
    });
    overlay.setAttribute('data-payrail-checkout', '');
    var dialog = style(document.createElement('div'), {
      position: 'relative', width: 'min(30rem, 100vw)', height: 'min(44rem, 100vh)', background: '#fff',
      borderRadius: '0.75rem', boxShadow: '0 1rem 3rem rgba(0,0,0,0.35)', overflow: 'hidden'
    });
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-label', this._options.title || 'Checkout');
    var close = style(document.createElement('button'), {
      position: 'absolute', top: '0.4rem', right: '0.4rem', width: '2.25rem', height: '2.25rem', border: '0',
      borderRadius: '50%', background: '#1a1d21', color: '#fff', fontSize: '1.25rem', cursor: 'pointer', zIndex: '1'
    });
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'Close checkout');
    close.addEventListener('click', function () { self.close(); });
    var frame = style(document.createElement('iframe'), { width: '100%', height: '100%', border: '0' });
    frame.title = this._options.title || 'Checkout';
    frame.src = this._url();
    frame.setAttribute('allow', 'payment');
    // Focus trap: Tab past the last element or before the first one wraps around inside the dialog.
    var start = document.createElement('div');
    var end = document.createElement('div');
    start.tabIndex = 0;
    end.tabIndex = 0;
    start.addEventListener('focus', function () { frame.focus(); });
    end.addEventListener('focus', function () { close.focus(); });
    dialog.appendChild(close);
    dialog.appendChild(frame);
    overlay.appendChild(start);
    overlay.appendChild(dialog);
    overlay.appendChild(end);
    this._overlay = overlay;
    this._frame = frame;
    this._close = close;
    this._bodyOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    document.body.appendChild(overlay);
    global.addEventListener('message', this._receive);
    document.addEventListener('keydown', this._keydown, true);
    close.focus();
    return this;
  };

  PaymentGateway.prototype.close = function () {
    if (!this._overlay) { return this; }
    global.removeEventListener('message', this._receive);
    document.removeEventListener('keydown', this._keydown, true);
    this._overlay.parentNode.removeChild(this._overlay);
    document.body.style.overflow = this._bodyOverflow || '';
    this._overlay = null;
    this._frame = null;
    if (this._previousFocus && typeof this._previousFocus.focus === 'function') { this._previousFocus.focus(); }
    this._emit('dismiss', {});
    this._call('onClose');
    return this;
  };

  PaymentGateway.prototype._keydown = function (e) {
    if (e.key === 'Escape') { e.preventDefault(); this.close(); }
  };

  PaymentGateway.prototype._send = function (type) {
    if (this._frame && this._frame.contentWindow) {
      this._frame.contentWindow.postMessage({ source: 'payrail-sdk', type: type }, CHECKOUT_ORIGIN);
    }
  };

  PaymentGateway.prototype._receive = function (event) {
    // Only the checkout's own origin, and only this checkout's iframe.
    if (event.origin !== CHECKOUT_ORIGIN || !this._frame || event.source !== this._frame.contentWindow) { return; }
    var m = event.data;
    if (!m || m.source !== 'payrail-checkout' || typeof m.type !== 'string') { return; }
    var data = m.data || {};
    switch (m.type) {
      case 'ready':
        this._emit('ready', data);
        this._frame.focus();
        this._send('focus');
        break;
      case 'submit':
      case 'processing':
      case 'requires_action':
        this._emit(m.type, data);
        break;
      case 'success':
        // A reloaded frame announces the same success again: one callback per payment.
        if (this._settled[data.payment_id]) { return; }
        this._settled[data.payment_id] = true;
        var result = { payment_id: data.payment_id, order_id: data.order_id, signature: data.signature };
        this._emit('success', result);
        this._call('onSuccess', result);
        break;
      case 'failure':
        var failure = { code: data.code, description: data.description, payment_id: data.payment_id };
        this._emit('failure', failure);
        this._call('onFailure', failure);
        break;
      case 'close_requested':
        this.close();
        break;
      default:
        break;
    }
  };

  PaymentGateway.version = '1';
  global.PaymentGateway = PaymentGateway;
})(window);
