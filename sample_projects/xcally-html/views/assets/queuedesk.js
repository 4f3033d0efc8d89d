// Helpers shared by the admin and agent pages of the QueueDesk plugin.
(function (global) {
  'use strict';

  function renderQueues(tbody, queues) {
    queues.forEach(function (queue) {
      var row = document.createElement('tr');
      [queue.name, queue.waiting, queue.agents].forEach(function (value) {
        var cell = document.createElement('td');
        cell.textContent = String(value);
        row.appendChild(cell);
      });
      tbody.appendChild(row);
    });
  }

  function renderReplies(list, notice, replies) {
    replies.forEach(function (text) {
      var item = document.createElement('li');
      item.textContent = text;
      item.addEventListener('click', function () {
        if (navigator.clipboard) {
          navigator.clipboard.writeText(text).then(function () { notice.hidden = false; });
        }
      });
      list.appendChild(item);
    });
  }

  global.QueueDesk = { renderQueues: renderQueues, renderReplies: renderReplies };
})(window);
