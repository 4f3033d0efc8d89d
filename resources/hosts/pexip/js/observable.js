/* Minimal observables for the emulated app: Observable, Subject, BehaviorSubject (the shapes plugins use). */
(function (global) {
  'use strict';

  function reportError(err) {
    if (global.WBHost && global.WBHost.reportError) { global.WBHost.reportError(err); } else { throw err; }
  }

  function toObserver(next, error, complete) {
    if (next && typeof next === 'object') {
      return {
        next: function (v) { if (next.next) next.next(v); },
        error: function (e) { if (next.error) next.error(e); else reportError(e); },
        complete: function () { if (next.complete) next.complete(); }
      };
    }
    return {
      next: typeof next === 'function' ? next : function () {},
      error: typeof error === 'function' ? error : reportError,
      complete: typeof complete === 'function' ? complete : function () {}
    };
  }

  function Subscription(teardown) { this.closed = false; this._teardown = teardown; }
  Subscription.prototype.unsubscribe = function () {
    if (this.closed) return;
    this.closed = true;
    var t = this._teardown;
    if (typeof t === 'function') t(); else if (t && typeof t.unsubscribe === 'function') t.unsubscribe();
  };

  function Observable(subscribeFn) { this._subscribeFn = subscribeFn; }
  Observable.prototype.subscribe = function (next, error, complete) {
    var observer = toObserver(next, error, complete);
    var sub = new Subscription(null);
    var guarded = {
      // A subscriber that throws is a plugin error: report it (the app shows "Oops"), keep the stream alive.
      next: function (v) { if (!sub.closed) { try { observer.next(v); } catch (e) { reportError(e); } } },
      error: function (e) { if (!sub.closed) { sub.closed = true; observer.error(e); } },
      complete: function () { if (!sub.closed) { sub.closed = true; observer.complete(); } }
    };
    sub._teardown = this._subscribeFn(guarded);
    return sub;
  };
  Observable.prototype.pipe = function () {
    var ops = Array.prototype.slice.call(arguments);
    return ops.reduce(function (src, op) { return op(src); }, this);
  };
  Observable.prototype.filter = function (pred) {
    var src = this;
    return new Observable(function (o) {
      return src.subscribe(function (v) { if (pred(v)) o.next(v); }, function (e) { o.error(e); },
        function () { o.complete(); });
    });
  };
  Observable.prototype.map = function (fn) {
    var src = this;
    return new Observable(function (o) {
      return src.subscribe(function (v) { o.next(fn(v)); }, function (e) { o.error(e); }, function () { o.complete(); });
    });
  };
  Observable.prototype.ofType = function () {
    var types = Array.prototype.slice.call(arguments);
    return this.filter(function (a) { return a && types.indexOf(a.type) >= 0; });
  };
  Observable.prototype.take = function (n) {
    var src = this;
    return new Observable(function (o) {
      var seen = 0, sub = null, done = false;
      sub = src.subscribe(function (v) {
        if (done) return;
        seen += 1; o.next(v);
        if (seen >= n) { done = true; o.complete(); if (sub) sub.unsubscribe(); }
      });
      if (done) sub.unsubscribe();
      return sub;
    });
  };
  Observable.prototype.toPromise = function () {
    var src = this;
    return new Promise(function (resolve, reject) {
      var last;
      src.subscribe(function (v) { last = v; }, reject, function () { resolve(last); });
    });
  };

  function Subject() {
    var self = this;
    this.observers = [];
    this.isStopped = false;
    Observable.call(this, function (o) {
      self.observers.push(o);
      return function () {
        var i = self.observers.indexOf(o);
        if (i >= 0) self.observers.splice(i, 1);
      };
    });
  }
  Subject.prototype = Object.create(Observable.prototype);
  Subject.prototype.constructor = Subject;
  Subject.prototype.next = function (v) {
    if (this.isStopped) return;
    this.observers.slice().forEach(function (o) { o.next(v); });
  };
  Subject.prototype.error = function (e) {
    this.isStopped = true;
    this.observers.slice().forEach(function (o) { o.error(e); });
  };
  Subject.prototype.complete = function () {
    this.isStopped = true;
    this.observers.slice().forEach(function (o) { o.complete(); });
  };
  Subject.prototype.asObservable = function () {
    var self = this;
    return new Observable(function (o) { return self.subscribe(o); });
  };

  function BehaviorSubject(value) {
    Subject.call(this);
    var base = this._subscribeFn, self = this;
    this._value = value;
    this._subscribeFn = function (o) {
      var teardown = base(o);
      o.next(self._value);  // current-value semantics: a new subscriber gets the latest value at once
      return teardown;
    };
  }
  BehaviorSubject.prototype = Object.create(Subject.prototype);
  BehaviorSubject.prototype.constructor = BehaviorSubject;
  BehaviorSubject.prototype.next = function (v) { this._value = v; Subject.prototype.next.call(this, v); };
  BehaviorSubject.prototype.getValue = function () { return this._value; };
  Object.defineProperty(BehaviorSubject.prototype, 'value', { get: function () { return this._value; } });

  global.WBRx = { Observable: Observable, Subject: Subject, BehaviorSubject: BehaviorSubject };
})(window);
