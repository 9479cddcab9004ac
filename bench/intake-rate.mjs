// Call intake at a fixed arrival rate (open model: requests are sent on schedule whether or not earlier ones
// have answered), as desks do at a peak. Prints accepted (redirect to the new ticket), shed (503/429), errors,
// and the latency percentiles of the accepted requests.
//
//   node bench/intake-rate.mjs BASE_URL RATE SECONDS CALLERS_FILE
// CALLERS_FILE: lines "customer_id unit_id phone" of existing callers and their units.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const [base, rateArg, secondsArg, callersFile] = process.argv.slice(2);
const rate = Number(rateArg), seconds = Number(secondsArg);
const callers = readFileSync(callersFile, 'utf8').trim().split('\n').map(l => l.trim().split(/\s+/));
const jar = new Map();
const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const keep = res => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
};
const token = html => /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(html)[1];

let res = await fetch(`${base}/Account/Login`);
keep(res);
const loginToken = token(await res.text());
res = await fetch(`${base}/Account/Login`, {
  method: 'POST', redirect: 'manual', headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ UserName: process.env.BENCH_USER ?? 'desk1', Password: 'aftersales-demo', __RequestVerificationToken: loginToken }),
});
keep(res);
res = await fetch(`${base}/Tickets/New`, { headers: { cookie: cookieHeader() } });
keep(res);
const formToken = token(await res.text());
const faults = ['空调不制冷', '冰箱漏水', '洗衣机噪音大', '热水器不加热', '电视无信号', '外机结霜'];

// The calls go out through node:http on kept-alive connections: fetch costs several milliseconds of CPU per
// request, which on a 2-core machine would be taken from the server being measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const target = new URL(`${base}/Tickets/New`);
const post = body => new Promise((resolve, reject) => {
  const req = http.request({
    agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
    headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
  }, res => {
    res.resume();
    res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location ?? '' }));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end(body);
});

const latencies = [];
let accepted = 0, shed = 0, errors = 0, inFlight = 0, maxInFlight = 0;
const one = async i => {
  const [customer, unit, phone] = callers[i % callers.length];
  const started = performance.now();
  inFlight++; maxInFlight = Math.max(maxInFlight, inFlight);
  try {
    const r = await post(new URLSearchParams({
      'Input.IntakeKey': randomUUID(), 'Input.Phone': phone, 'Input.CustomerId': customer, 'Input.UnitId': unit,
      'Input.Channel': 'Phone', 'Input.Kind': 'Repair', 'Input.Urgency': 'Normal', 'Input.ServiceMode': 'OnSite',
      'Input.FaultDescription': faults[i % faults.length], __RequestVerificationToken: formToken,
    }).toString());
    const ms = performance.now() - started;
    if (r.status === 302 && r.location.includes('/Tickets/SR-')) { accepted++; latencies.push(ms); }
    else if (r.status === 503 || r.status === 429) shed++;
    else { errors++; if (errors <= 3) console.error('unexpected', r.status, r.location); }
  } catch (e) {
    errors++; if (errors <= 3) console.error(String(e));
  } finally { inFlight--; }
};

const total = Math.round(rate * seconds);
const start = performance.now();
const pending = [];
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise(r => setTimeout(r, wait));
  pending.push(one(i));
}
await Promise.all(pending);
agent.destroy();
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const p = q => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1) : '-';
console.log(`rate ${rate}/s for ${seconds}s: sent ${total}, accepted ${accepted} (${(accepted / elapsed).toFixed(1)}/s), shed ${shed}, errors ${errors}; accepted p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms; most in flight ${maxInFlight}`);
