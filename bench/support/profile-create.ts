/** Drives N creates against a running server (PORT, TOKEN env) — a helper for profiling the API path. */
import http from 'node:http';
const port = Number(process.env.PORT);
const token = process.env.TOKEN!;
const n = Number(process.env.N ?? 5000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
let next = 0;
const post = () => new Promise<void>((resolve, reject) => {
  const body = JSON.stringify({ title: `Profile ${next}`, source: 'kpi', priority: 'medium' });
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/improvements', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve()); });
  req.on('error', reject);
  req.end(body);
});
await Promise.all(Array.from({ length: 8 }, async () => { while (next++ < n) await post(); }));
agent.destroy();
