// Loopback proxy for WebKit: WebKitGTK has no host-resolver override, so the
// browser is pointed at this HTTP proxy instead. Whatever host a request names,
// the proxy connects to 127.0.0.1 on the request's port (or on the port given
// by portMap), which keeps every recorded case on the local machine.
//
// It handles the three shapes a browser sends to an HTTP proxy:
//   - absolute-form requests (GET http://host:port/path HTTP/1.1), plain http;
//   - the same with "Upgrade: websocket", for ws:// when not tunnelled;
//   - CONNECT host:port tunnels, for https and wss (TLS passes through untouched,
//     so the local server's certificate is what the browser sees).
//
// Usage as a module:   const p = await startProxy({ port: 0 }); p.port; await p.close();
// Usage from a shell:  node proxy.js [port]
import http from "node:http";
import net from "node:net";
import { pathToFileURL } from "node:url";

const defaultPorts = { "http:": 80, "ws:": 80, "https:": 443, "wss:": 443 };

// Hop-by-hop headers that must not be forwarded (RFC 9110 section 7.6.1).
const hopByHop = new Set([
  "proxy-connection", "proxy-authorization", "proxy-authenticate",
  "keep-alive", "te", "trailer", "transfer-encoding",
]);

// parseAuthority splits "host:port" / "[v6]:port" and returns the port number.
function authorityPort(authority, fallback) {
  const m = /:(\d+)$/.exec(authority || "");
  return m ? Number(m[1]) : fallback;
}

// startProxy listens on 127.0.0.1 and resolves once it accepts connections.
// opts.port: port to listen on (0 = any free port).
// opts.portMap: optional { requestedPort: localPort } rewrite.
// opts.log: optional function receiving one line per proxied request.
export async function startProxy(opts = {}) {
  const portMap = opts.portMap || {};
  const log = opts.log || (() => {});
  const target = (port) => ({ host: "127.0.0.1", port: Number(portMap[port] ?? port) });
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url);
    } catch {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("proxy: expected an absolute-form request URL\n");
      return;
    }
    const port = url.port ? Number(url.port) : defaultPorts[url.protocol] ?? 80;
    const t = target(port);
    log(`${req.method} ${req.url} -> ${t.host}:${t.port}`);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (!hopByHop.has(k)) headers[k] = v;
    }
    headers.connection = "close";
    const up = http.request({
      host: t.host, port: t.port, method: req.method,
      path: url.pathname + url.search, headers, setHost: false,
    }, (upRes) => {
      const out = {};
      for (const [k, v] of Object.entries(upRes.headers)) {
        if (!hopByHop.has(k) && k !== "connection") out[k] = v;
      }
      res.writeHead(upRes.statusCode, upRes.statusMessage, out);
      upRes.pipe(res);
    });
    up.on("error", (err) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain" });
      }
      res.end(`proxy: ${err.message}\n`);
    });
    req.pipe(up);
  });

  // CONNECT host:port -> raw tunnel to 127.0.0.1:port.
  server.on("connect", (req, client, head) => {
    const t = target(authorityPort(req.url, 443));
    log(`CONNECT ${req.url} -> ${t.host}:${t.port}`);
    const up = net.connect(t.port, t.host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head && head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    track(up);
    const fail = () => { up.destroy(); client.destroy(); };
    up.on("error", () => {
      if (client.writable) client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
      fail();
    });
    client.on("error", fail);
    up.on("close", () => client.destroy());
    client.on("close", () => up.destroy());
  });

  // Absolute-form request with Upgrade (ws:// not tunnelled): replay the
  // request head in origin-form to the local server, then splice the sockets.
  server.on("upgrade", (req, client, head) => {
    let url;
    try {
      url = new URL(req.url);
    } catch {
      client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      return;
    }
    const port = url.port ? Number(url.port) : defaultPorts[url.protocol] ?? 80;
    const t = target(port);
    log(`UPGRADE ${req.url} -> ${t.host}:${t.port}`);
    const up = net.connect(t.port, t.host, () => {
      let headText = `${req.method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (hopByHop.has(req.rawHeaders[i].toLowerCase())) continue;
        headText += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      }
      up.write(headText + "\r\n", "latin1");
      if (head && head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    track(up);
    const fail = () => { up.destroy(); client.destroy(); };
    up.on("error", fail);
    client.on("error", fail);
    up.on("close", () => client.destroy());
    client.on("close", () => up.destroy());
  });

  server.on("connection", track);
  server.on("clientError", (err, socket) => { log(`client error: ${err.code || err.message}`); socket.destroy(); });

  function track(sock) {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port || 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    port: server.address().port,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] || "").href) {
  const p = await startProxy({
    port: Number(process.argv[2] || 0),
    log: (line) => console.error(line),
  });
  console.log(`proxy listening on 127.0.0.1:${p.port}`);
}
