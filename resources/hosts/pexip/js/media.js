/* Simulated media: video#mainVideo plays the conference as the server composes it (who is there, who speaks, who
   presents) and video#selfviewVideo the local camera, both drawn on canvases and played through
   canvas.captureStream(): real <video> elements with real frames, no network, no camera permission. Plugins that
   capture frames, read videoWidth or place overlays on the video work as in the app. */
(function (global) {
  'use strict';
  var host = global.WBHost;
  var media = host.media = {};
  var FPS = 4;  // enough for a live picture; the canvases are small and cheap to draw
  var COLORS = ['#2b6cb0', '#2f855a', '#b7791f', '#9b2c2c', '#6b46c1', '#2c7a7b', '#c05621', '#4a5568'];
  var main = canvas(640, 360), selfView = canvas(320, 180);
  var mainStream = null, selfStream = null, tick = 0;

  function canvas(w, h) {
    var c = document.createElement('canvas');
    c.width = w; c.height = h;
    return c;
  }

  function colorOf(uuid) {
    var h = 0;
    String(uuid).split('').forEach(function (ch) { h = (h * 31 + ch.charCodeAt(0)) >>> 0; });
    return COLORS[h % COLORS.length];
  }

  function tile(ctx, p, x, y, w, h) {
    ctx.fillStyle = p.isVideoMuted || p.callType === 'audio' ? '#1a202c' : colorOf(p.uuid);
    ctx.fillRect(x, y, w, h);
    if (p.vad) {  // the active speaker's frame, as the layout's speaker indication shows it
      ctx.strokeStyle = '#4fc36b';
      ctx.lineWidth = Math.max(3, w / 60);
      ctx.strokeRect(x + 2, y + 2, w - 4, h - 4);
    }
    ctx.fillStyle = '#ffffff';
    ctx.font = Math.round(h / 3) + 'px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText((p.name || '?').charAt(0).toUpperCase(), x + w / 2, y + h / 2);
    ctx.font = Math.max(10, Math.round(h / 10)) + 'px sans-serif';
    ctx.textBaseline = 'bottom';
    ctx.fillText(p.overlayText || p.name || '', x + w / 2, y + h - 4);
  }

  function drawMain() {
    var ctx = main.getContext('2d'), W = main.width, H = main.height, snap = host.snapshot;
    ctx.fillStyle = '#051524';
    ctx.fillRect(0, 0, W, H);
    if (!snap.connected) {
      ctx.fillStyle = '#7e98b3';
      ctx.font = '20px sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText('Connecting…', W / 2, H / 2);
      return;
    }
    var others = snap.participants.filter(function (p) { return p.uuid !== snap.selfUUID && p.callType !== 'api'; });
    var presenter = snap.participants.filter(function (p) { return p.presenting; })[0];
    // The speaker (or the spotlit participant) big, the others as thumbnails, as a 1+7 layout does.
    others.sort(function (a, b) {
      return (b.spotlight ? 1 : 0) - (a.spotlight ? 1 : 0) || (b.vad || 0) - (a.vad || 0) ||
        (a.stageIndex || 0) - (b.stageIndex || 0);
    });
    var thumbs = others.slice(presenter ? 0 : 1, 8);
    var bigH = thumbs.length ? H * 0.75 : H;
    if (presenter) {
      ctx.fillStyle = '#f7fafc';
      ctx.fillRect(0, 0, W, bigH);
      ctx.fillStyle = '#1a202c';
      ctx.font = '18px sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText('Presentation from ' + presenter.name, W / 2, bigH / 2);
    } else if (others.length) {
      tile(ctx, others[0], 0, 0, W, bigH);
    } else {
      ctx.fillStyle = '#7e98b3';
      ctx.font = '18px sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText('Waiting for others to join', W / 2, H / 2);
    }
    var tw = W / 7;
    thumbs.forEach(function (p, i) { tile(ctx, p, i * tw, bigH, tw, H - bigH); });
    // A moving dot keeps the stream live (a frame each tick), like a real camera's noise.
    ctx.fillStyle = 'rgba(255,255,255,0.35)';
    ctx.fillRect((tick * 7) % W, H - 2, 6, 2);
  }

  function drawSelf() {
    var ctx = selfView.getContext('2d'), me = host.self(), W = selfView.width, H = selfView.height;
    if (me.isVideoMuted) {
      ctx.fillStyle = '#000000';
      ctx.fillRect(0, 0, W, H);
      ctx.fillStyle = '#a0aec0';
      ctx.font = '14px sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('Camera off', W / 2, H / 2);
      return;
    }
    tile(ctx, { uuid: me.uuid || 'self', name: me.name || 'You' }, 0, 0, W, H);
    ctx.fillStyle = 'rgba(255,255,255,0.35)';
    ctx.fillRect((tick * 5) % W, H - 2, 6, 2);
  }

  function draw() {
    tick += 1;
    drawMain();
    drawSelf();
  }

  function play(id, stream) {
    var video = document.getElementById(id);
    if (!video || !stream) return;
    video.muted = true;
    video.srcObject = stream;
    var started = video.play();
    if (started && started.catch) started.catch(function () { /* autoplay refused: the frames still flow */ });
  }

  media.mainStream = function () { return mainStream; };
  media.selfStream = function () { return selfStream; };
  media.start = function () {
    draw();
    if (main.captureStream) {
      mainStream = main.captureStream(FPS);
      selfStream = selfView.captureStream(FPS);
    }
    play('mainVideo', mainStream);
    play('selfviewVideo', selfStream);
    setInterval(draw, 1000 / FPS);
    host.listeners.push(draw);  // a change shows in the next frame, whatever the timers' pace in a hidden page
  };
  document.addEventListener('DOMContentLoaded', function () { media.start(); });
})(window);
