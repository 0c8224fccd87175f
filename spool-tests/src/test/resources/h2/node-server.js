// An HTTP/2 server on Node's own http2 module, for Spool's interop tests: h2c (prior knowledge) or
// h2 over TLS with ALPN. Prints {"port": N} once listening; stops when stdin closes.
// Every response carries x-conn, the serial number of the session (connection) that served it.
// Usage: node node-server.js [--tls CERT.pem KEY.pem] [--goaway-every N]
'use strict';
const http2 = require('http2');
const fs = require('fs');
const crypto = require('crypto');

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
  session.serial = sessions;
  let served = 0;
  session.on('stream', (stream) => {
    served++;
    if (goawayEvery > 0 && served === goawayEvery) {
      // GOAWAY naming this stream as the last one at once (nghttp2 then ignores any later stream,
      // which the client sends again elsewhere), then close once the open streams are finished.
      session.goaway(http2.constants.NGHTTP2_NO_ERROR, stream.id);
      setImmediate(() => session.close());
    }
  });
});

// /pattern.bin: byte i is (i*31 + (i>>>8)*7 + (i>>>16)*13) & 0xff (H2Checks.patternByte), which
// within a 64 KiB block depends on the block only through (block*13) & 0xff: 256 blocks, made once.
const PATTERN_SIZE = 100 * 1024 * 1024;
const patternBlocks = new Map();
function patternBlock(b) {
  const key = (b * 13) & 0xff;
  let block = patternBlocks.get(key);
  if (!block) {
    block = Buffer.alloc(65536);
    for (let j = 0; j < 65536; j++) { block[j] = (j * 31 + (j >>> 8) * 7 + key) & 0xff; }
    patternBlocks.set(key, block);
  }
  return block;
}

// Answers with a body of `total` bytes made by blockAt(offset), within the client's flow control.
// The end of the stream goes as (empty) trailers: Node sends them only once every DATA frame has gone
// out, whereas a plain end() lets Node reset the stream (RST_STREAM NO_ERROR) while DATA still waits
// for window from a slow reader, which cuts the body short.
function sendBlocks(stream, headers, total, blockAt) {
  stream.respond(headers, { waitForTrailers: true });
  // The compatibility layer (the 'request' listener below makes Node run it for every stream) answers
  // 'wantTrailers' with the response's trailers, none here; a second sendTrailers would throw.
  let at = 0;
  const pump = () => {
    while (at < total) {
      const block = blockAt(at);
      const part = total - at >= block.length ? block : block.subarray(0, total - at);
      at += part.length;
      if (!stream.write(part)) { stream.once('drain', pump); return; }
    }
    stream.end();
  };
  pump();
}

server.on('stream', (stream, headers) => {
  streams++;
  const path = headers[':path'];
  const url = new URL(path, 'http://x');
  const conn = String(stream.session.serial);
  if (url.pathname === '/stats') {
    stream.respond({ ':status': 200, 'content-type': 'application/json', 'x-conn': conn });
    stream.end(JSON.stringify({ sessions, streams }));
  } else if (url.pathname === '/echo') {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      stream.respond({ ':status': 200, 'x-method': headers[':method'], 'content-length': body.length, 'x-conn': conn });
      stream.end(body);
    });
  } else if (url.pathname === '/digest') {
    const sha1 = crypto.createHash('sha1');
    let length = 0;
    stream.on('data', (c) => { sha1.update(c); length += c.length; });
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'text/plain', 'x-conn': conn });
      stream.end(sha1.digest('hex') + ' ' + length);
    });
  } else if (url.pathname === '/pattern.bin') {
    sendBlocks(stream, { ':status': 200, 'content-length': PATTERN_SIZE, 'x-conn': conn }, PATTERN_SIZE,
      (at) => patternBlock(at >>> 16));
  } else if (url.pathname === '/bytes') {
    const n = parseInt(url.searchParams.get('n') || '0', 10);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    sendBlocks(stream, { ':status': 200, 'content-length': n, 'x-conn': conn }, n, () => chunk);
  } else if (url.pathname === '/stall') {
    // Never answers: the client's deadline or cancel must reset this stream alone.
    stream.on('close', () => {});
  } else if (url.pathname === '/status') {
    stream.respond({ ':status': parseInt(url.searchParams.get('code'), 10), 'x-conn': conn });
    stream.end();
  } else {
    stream.respond({ ':status': 200, 'content-type': 'text/plain', 'x-stream': String(stream.id), 'x-conn': conn });
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
