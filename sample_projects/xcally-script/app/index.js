'use strict';
// A status service for XCALLY Motion App Zone, written with Node.js built-ins only (no npm install needed).

const http = require('http');
const os = require('os');

const port = Number(process.env.PORT || 9006);
const startedAt = new Date();

function statusPage() {
  const uptime = Math.round((Date.now() - startedAt.getTime()) / 1000);
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>Workbench status</title></head>',
    '<body style="font-family: sans-serif">',
    '<h1>Status plugin is running</h1>',
    `<p>Host ${os.hostname()}, up for ${uptime} s, since ${startedAt.toISOString()}.</p>`,
    '</body></html>',
  ].join('\n');
}

const server = http.createServer((req, res) => {
  const path = (req.url || '/').split('?')[0];
  if (path === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
  } else if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(statusPage());
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
});

server.listen(port, () => {
  console.log('listening on port ' + port);
});

// Motion stops script plugins with SIGTERM: close the server and leave with a zero status.
process.on('SIGTERM', () => {
  console.log('stopping');
  server.close(() => process.exit(0));
  // An idle keep-alive connection must not hold the process: leave anyway after a short grace period.
  setTimeout(() => process.exit(0), 2000).unref();
});
