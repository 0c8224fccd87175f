// An HTTP/2 server on Node's own http2 module, for Spool's interop tests: h2c (prior knowledge) or
// h2 over TLS with ALPN. Prints {"port": N} once listening; stops when stdin closes.
// Usage: node node-server.js [--tls CERT.pem KEY.pem] [--goaway-every N]
'use strict';
const http2 = require('http2');
const fs = require('fs');

const args = process.argv.slice(2);
let tls = null;
let goawayEvery = 0;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tls') { tls = { cert: fs.readFileSync(args[++i]), key: fs.readFileSync(args[++i]) }; }
  else if (args[i] === '--goaway-every') { goawayEvery = parseInt(args[++i], 10); }
}

let sessions = 0;
let streams = 0;
const server = tls
  ? http2.createSecureServer({ cert: tls.cert, key: tls.key, allowHTTP1: true })
  : http2.createServer();

server.on('session', (session) => {
  sessions++;
  let served = 0;
  session.on('stream', () => {
    served++;
    if (goawayEvery > 0 && served === goawayEvery) {
      // Finish the streams already open, then tell the client to go elsewhere.
      setImmediate(() => session.close());
    }
  });
});

server.on('stream', (stream, headers) => {
  streams++;
  const path = headers[':path'];
  const url = new URL(path, 'http://x');
  if (url.pathname === '/stats') {
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.end(JSON.stringify({ sessions, streams }));
  } else if (url.pathname === '/echo') {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      stream.respond({ ':status': 200, 'x-method': headers[':method'], 'content-length': body.length });
      stream.end(body);
    });
  } else if (url.pathname === '/bytes') {
    const n = parseInt(url.searchParams.get('n') || '0', 10);
    stream.respond({ ':status': 200, 'content-length': n });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let left = n;
    const pump = () => {
      while (left > 0) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!stream.write(part)) { stream.once('drain', pump); return; }
      }
      stream.end();
    };
    pump();
  } else if (url.pathname === '/stall') {
    // Never answers: the client's deadline or cancel must reset this stream alone.
    stream.on('close', () => {});
  } else if (url.pathname === '/status') {
    stream.respond({ ':status': parseInt(url.searchParams.get('code'), 10) });
    stream.end();
  } else {
    stream.respond({ ':status': 200, 'content-type': 'text/plain', 'x-stream': String(stream.id) });
    stream.end('hello ' + path);
  }
});

// HTTP/1.1 clients of the TLS server (allowHTTP1) arrive through the compatibility API instead.
server.on('request', (req, res) => {
  if (req.httpVersionMajor === 1) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello ' + req.url);
  }
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
