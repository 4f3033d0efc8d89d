/* Widgets (plugin-api 21+): a plugin's own page in an iframe with a header, in the side panel or floating over the
   meeting. The widget's iframe gets the plugin's sandbox; it may register with registerWidget (its own channel).
   Its src is resolved against the plugin's page. onLoad fires when the iframe has loaded; onToggle whenever it shows
   or hides (toggle(), the header's close button, or another side panel taking its place). */
(function (global) {
  'use strict';
  var WA3 = global.WA3;
  var el = WA3.el;

  function setVisible(id, visible, trigger, isRequest) {
    var e = WA3.elements[id];
    if (!e || e.kind !== 'widget') return;
    var changed = e.visible !== visible;
    e.visible = visible;
    e.node.hidden = !visible;
    e.node.setAttribute('data-visible', visible ? 'true' : 'false');
    if (visible && e.payload.type === 'sidePanel') {
      WA3.showPanel(null);
      Object.keys(WA3.elements).forEach(function (other) {
        var o = WA3.elements[other];
        if (other !== id && o.kind === 'widget' && o.payload.type === 'sidePanel' && o.visible) {
          setVisible(other, false, 'anotherSidePanel', false);
        }
      });
    }
    if (changed || trigger !== 'self') {
      WA3.send(e.chan, 'ui:widget:onToggle', { widgetId: id, isVisible: visible, isRequest: isRequest, trigger: trigger });
    }
  }
  WA3.setWidgetVisible = setVisible;

  WA3.on('ui:widget:add', function (chan, p, render) {
    var id = render.id;
    var src = new URL(String(p.src), chan.frame.src).href;
    var frame = el('iframe', { class: 'widget-frame', sandbox: chan.frame.getAttribute('sandbox'), src: src,
      title: p.title, 'data-widget': id });
    var close = el('button', { type: 'button', class: 'widget-close', 'aria-label': 'Close', text: '×' });
    var box = el('section', { class: 'widget ' + p.type, 'data-element': id, 'data-plugin': chan.key,
      'data-widget-type': p.type, 'data-title': p.title, 'data-visible': 'false',
      'data-position': p.type === 'floating' ? (p.position || 'topRight') : null,
      'data-draggable': p.type === 'floating' && p.draggable !== false ? 'true' : null, hidden: true },
    [el('header', { class: 'widget-header' }, [el('span', { class: 'widget-title', text: p.title }), close]), frame]);
    if (p.type === 'floating' && p.dimensions) {
      ['width', 'height'].forEach(function (k) { if (typeof p.dimensions[k] === 'string') box.style[k] = p.dimensions[k]; });
    }
    close.addEventListener('click', function () {
      var keep = p.avoidAutoToggle && p.avoidAutoToggle.headerCloseButton;
      if (keep) WA3.send(chan, 'ui:widget:onToggle', { widgetId: id, isVisible: true, isRequest: true, trigger: 'headerCloseButton' });
      else setVisible(id, false, 'headerCloseButton', false);
    });
    frame.addEventListener('load', function () { WA3.send(chan, 'ui:widget:onLoad', { widgetId: id }); });
    WA3.elements[id] = { kind: 'widget', chan: chan, node: box, payload: p, visible: false, frame: frame };
    WA3.addFrame(chan.key, 'widget', frame, id);
    document.getElementById(p.type === 'floating' ? 'floating-layer' : 'side-widgets').appendChild(box);
    if (p.type === 'floating' && p.isVisible) setVisible(id, true, 'self', false);
    return { status: 'ok', id: id, data: undefined };
  });

  WA3.on('ui:widget:toggle', function (chan, p, render) {
    var e = WA3.elements[render.id];
    if (!e || e.kind !== 'widget') return { status: 'failed', reason: 'No widget with id ' + render.id, id: render.id };
    setVisible(render.id, !e.visible, 'self', true);
    return { status: 'ok', id: render.id, data: undefined };
  });

  WA3.widgetRemoved = function (id, e) { WA3.removeFrame(e.frame); };
})(window);
