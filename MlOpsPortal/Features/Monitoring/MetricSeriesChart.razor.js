// Companion module of MetricSeriesChart: a tab's live socket (/live, see LiveSocket.cs). Every live chart on the tab's
// pages follows its series over this one socket, so a new point reaches the browser once per tab and series, as a small
// message, instead of as a render of each chart in the tab's circuit.
import { appendLive } from '../../Components/Charts/ApexChart.razor.js';

// After a lost socket or token, how long to wait before following again, times the failures in a row (up to
// MAX_BACKOFF): the portal may be restarting, or a balancer without sticky sessions may send the socket to an
// instance that does not hold the chart's token.
const RETRY_MS = 2000;
const MAX_BACKOFF = 15;

// By token: { chartId, token, keys, windowMs, dotnet, socket (the one it was sent on), failures }.
const follows = new Map();
let socket = null;
let retry = null;

function socketUrl() {
  const url = new URL('live', document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

function open() {
  if (socket && socket.readyState <= WebSocket.OPEN) return socket;
  const current = new WebSocket(socketUrl());
  socket = current;
  current.addEventListener('open', () => follows.forEach((entry) => send(entry)));
  current.addEventListener('message', (event) => receive(JSON.parse(event.data)));
  current.addEventListener('close', () => lost(current));
  return current;
}

function send(entry) {
  const current = open();
  if (current.readyState !== WebSocket.OPEN || entry.socket === current) return;
  entry.socket = current;
  current.send(JSON.stringify({ follow: entry.token }));
}

// Called by the chart once it is drawn; a chart that follows again (FollowAgainAsync) replaces its earlier token.
export function follow(chartId, token, keys, windowMs, dotnet, failures = 0) {
  unfollow(chartId);
  const entry = { chartId, token, keys, windowMs, dotnet, socket: null, failures };
  follows.set(token, entry);
  send(entry);
}

// Called by the chart when it goes (the person left the page): the server stopped sending its points already.
export function unfollow(chartId) {
  for (const [token, entry] of follows) {
    if (entry.chartId === chartId) follows.delete(token);
  }
}

function receive(message) {
  if (message.lost) {
    const entry = follows.get(message.lost);
    if (entry) {
      follows.delete(entry.token);
      entry.failures++;
      setTimeout(() => followAgain(entry), RETRY_MS * Math.min(entry.failures, MAX_BACKOFF));
    }
    return;
  }
  for (const entry of follows.values()) {
    const index = entry.keys.indexOf(message.key);
    if (index < 0) continue;
    entry.failures = 0;
    const newest = Math.max(...message.points.map(([x]) => x));
    const max = Math.max(message.now, newest);
    const perSeries = entry.keys.map((_, i) => (i === index ? message.points : []));
    appendLive(entry.chartId, perSeries, { min: max - entry.windowMs, max });
  }
}

// The socket closed (the portal restarted, the network went, or this tab fell too far behind): each chart reads its
// series afresh through its circuit and follows again on a new socket, so no point is missing from what it draws.
function lost(closed) {
  if (socket !== closed) return;
  socket = null;
  if (follows.size === 0 || retry) return;
  retry = setTimeout(() => {
    retry = null;
    [...follows.values()].forEach((entry) => {
      entry.failures++;
      followAgain(entry);
    });
  }, RETRY_MS);
}

async function followAgain(entry) {
  follows.delete(entry.token);
  try {
    const token = await entry.dotnet.invokeMethodAsync('FollowAgainAsync');
    // Null: the chart is no longer live; a newer follow of the same chart replaced this one meanwhile.
    if (token && ![...follows.values()].some((e) => e.chartId === entry.chartId)) {
      follow(entry.chartId, token, entry.keys, entry.windowMs, entry.dotnet, entry.failures);
    }
  } catch {
    // The circuit is gone too (the chart's page was left or the portal restarted): Blazor reconnects or reloads it.
  }
}
