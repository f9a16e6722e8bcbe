// Companion module of ApexChart.razor. ApexCharts itself is the global from the UMD build that
// App.razor loads with a <script> tag (see ApexChart.razor.cs for why not the ESM build).

// Keyed by the component's id rather than by element: when a component is disposed, Blazor may
// already have removed its element from the DOM, and an ElementReference to it no longer resolves.
const charts = new Map();

// Live sources in the page (a dashboard's live socket) may hear points before the chart they feed is created.
const waiting = new Map();

function created(id) {
  const entry = charts.get(id);
  if (entry) return Promise.resolve(entry);
  if (!waiting.has(id)) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    waiting.set(id, { promise, resolve });
  }
  return waiting.get(id).promise;
}

// How many points the chart draws, on its element: what browser tests (and a curious person) can read.
function countDrawn(entry, element) {
  const count = entry.chart.w.config.series.reduce((sum, s) => sum + (s.data?.length ?? 0), 0);
  element.setAttribute('data-drawn-points', String(count));
}

const pad2 = (n) => String(n).padStart(2, '0');

// Datetime axis labels get (label, timestamp); tooltips get (timestamp). Prefer whichever is a number.
function timestampOf(value, timestamp) {
  if (typeof timestamp === 'number' && Number.isFinite(timestamp)) return timestamp;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return null;
}

function localTime(value, timestamp) {
  const ms = timestampOf(value, timestamp);
  if (ms === null) return value ?? '';
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function localDateTime(value, timestamp) {
  const ms = timestampOf(value, timestamp);
  if (ms === null) return value ?? '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${localTime(ms)}`;
}

function fixed(digits) {
  return (value) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : (value ?? ''));
}

// The names are the contract with ChartFormatters in ApexChartOptions.cs.
export const formatters = Object.freeze({
  localTime,
  localDateTime,
  fixed0: fixed(0),
  fixed1: fixed(1),
  fixed2: fixed(2),
  fixed3: fixed(3),
});

// Replaces every string-valued "formatter" with the named function, so options stay pure data.
function resolveFormatters(node) {
  if (Array.isArray(node)) {
    node.forEach(resolveFormatters);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    // Point arrays can be large and never contain formatters.
    if (key === 'series' || key === 'data') continue;
    if (key === 'formatter' && typeof value === 'string') {
      if (!Object.hasOwn(formatters, value)) {
        throw new Error(`Unknown chart formatter '${value}'. Known: ${Object.keys(formatters).join(', ')}.`);
      }
      node[key] = formatters[value];
    } else {
      resolveFormatters(value);
    }
  }
}

function parseOptions(json) {
  const options = JSON.parse(json);
  resolveFormatters(options);
  return options;
}

// A person's zoom (toolbar, selection or pan) is theirs until they reset it: live updates that move the
// x-axis window (a sliding "last hour") only move where "reset zoom" goes back to.
function trackZoom(entry, options) {
  options.chart ??= {};
  // Registers the chart in ApexCharts' own registry (Apex._chartInstances), where tests can reach it.
  options.chart.id ??= entry.id;
  const events = (options.chart.events ??= {});
  const { zoomed, scrolled, beforeResetZoom, updated } = events;
  events.updated = (chart, w) => {
    entry.redraws++;
    return updated?.(chart, w);
  };
  events.zoomed = (chart, range) => {
    if (entry.resetting) {
      entry.resetting = false;
    } else if (range?.xaxis) {
      entry.zoom = { min: range.xaxis.min, max: range.xaxis.max };
    }
    return zoomed?.(chart, range);
  };
  events.scrolled = (chart, range) => {
    if (range?.xaxis) entry.zoom = { min: range.xaxis.min, max: range.xaxis.max };
    return scrolled?.(chart, range);
  };
  events.beforeResetZoom = (chart, w) => {
    entry.zoom = null;
    // The reset calls 'zoomed' with the restored range, which is not a zoom of the person's.
    entry.resetting = true;
    return beforeResetZoom?.(chart, w) ?? (entry.home ? { xaxis: { ...entry.home } } : undefined);
  };
  if (options.xaxis && ('min' in options.xaxis || 'max' in options.xaxis)) {
    entry.home = { min: options.xaxis.min, max: options.xaxis.max };
  }
}

export async function create(id, element, optionsJson) {
  if (typeof globalThis.ApexCharts !== 'function') {
    throw new Error('ApexCharts is not loaded: App.razor needs <script src="lib/apexcharts/apexcharts.min.js"></script>.');
  }
  destroy(id);
  const entry = { id, chart: null, element: null, zoom: null, home: null, resetting: false, redraws: 0, appends: Promise.resolve() };
  const options = parseOptions(optionsJson);
  trackZoom(entry, options);
  entry.chart = new globalThis.ApexCharts(element, options);
  entry.element = element;
  charts.set(id, entry);
  await entry.chart.render();
  countDrawn(entry, element);
  waiting.get(id)?.resolve(entry);
  waiting.delete(id);
}

// Unknown ids are ignored: updates may race a destroy, and destroy may follow a failed create.
export async function updateSeries(id, seriesJson, animate) {
  const entry = charts.get(id);
  if (!entry) return;
  await entry.chart.updateSeries(JSON.parse(seriesJson), animate);
  countDrawn(entry, entry.element);
}

// Inserts each point at its place in time (by x); a point with an x already drawn replaces it.
function mergeInOrder(existing, points) {
  const data = existing.slice();
  for (const point of points) {
    let at = data.length;
    while (at > 0 && data[at - 1].x > point.x) at--;
    if (at > 0 && data[at - 1].x === point.x) data[at - 1] = point;
    else data.splice(at, 0, point);
  }
  return data;
}

// Keeps the x-axis as it is (zoomed or not); only updateOptions with an x-axis range would move it. Points newer than
// a series' last go through ApexCharts' appendData; a late point goes in its place in time, or the line would run
// back to it: the same steps as appendData (apexcharts.js 4.7.0), with the data merged instead of pushed. With options,
// merges them afterwards as updateOptions does (a live chart's sliding window).
async function appendParsed(entry, dataPerSeries, options) {
  if (charts.get(entry.id) !== entry) return;
  const chart = entry.chart;
  const series = chart.w.config.series;
  const late = dataPerSeries.some((points, i) => {
    const last = series[i]?.data?.at(-1);
    return last !== undefined && points.some((p) => p.x <= last.x);
  });
  if (!late) {
    await chart.appendData(dataPerSeries.map((data) => ({ data })));
  } else {
    chart.w.globals.dataChanged = true;
    chart.series.getPreviousPaths();
    chart.w.config.series = series.map((s, i) => (dataPerSeries[i]?.length ? { ...s, data: mergeInOrder(s.data, dataPerSeries[i]) } : s));
    chart.w.globals.initialSeries = JSON.parse(JSON.stringify(chart.w.config.series));
    await chart.update();
  }
  if (options) await applyOptions(entry, options, false, true);
  countDrawn(entry, entry.element);
}

// Points from a live source, [[x, y], …] per series, with the window [min, max] the x-axis now shows: points before
// the window are not drawn. A chart whose y-axis has a set range (one drawn with a baseline, which ApexCharts would
// otherwise leave off the plot) widens it to cover a point outside it, by a tenth of the new span above and below as
// the server does when it draws the chart (MetricSeriesChart.YRange). Waits for the chart to be created; in order.
export async function appendLive(id, pointsPerSeries, window) {
  const entry = await created(id);
  entry.appends = entry.appends
    .then(() => {
      if (charts.get(id) !== entry) return undefined;
      const data = pointsPerSeries.map((points) => points.filter(([x]) => x >= window.min).map(([x, y]) => ({ x, y })));
      if (data.every((points) => points.length === 0)) return undefined;
      const options = { xaxis: { min: window.min, max: window.max } };
      const yaxis = widenedY(entry, data);
      if (yaxis) options.yaxis = yaxis;
      return appendParsed(entry, data, options);
    })
    .catch((error) => console.error(`Chart ${id}: a live append failed.`, error));
  return entry.appends;
}

function widenedY(entry, data) {
  const axis = entry.chart.w.config.yaxis?.[0];
  if (typeof axis?.min !== 'number' || typeof axis?.max !== 'number') return null;
  const values = data.flat().map((p) => p.y).filter((y) => typeof y === 'number');
  if (!values.some((y) => y < axis.min || y > axis.max)) return null;
  const drawn = entry.chart.w.config.series.flatMap((s) => s.data.map((p) => p.y)).filter((y) => typeof y === 'number');
  const baselines = (entry.chart.w.config.annotations?.yaxis ?? []).map((a) => a.y).filter((y) => typeof y === 'number');
  const all = [...drawn, ...values, ...baselines];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const pad = max > min ? (max - min) * 0.1 : Math.max(Math.abs(max) * 0.05, 0.01);
  return { ...axis, min: min - pad, max: max + pad };
}

export async function updateOptions(id, optionsJson, redrawPaths, animate) {
  const entry = charts.get(id);
  if (!entry) return;
  await applyOptions(entry, parseOptions(optionsJson), redrawPaths, animate);
}

async function applyOptions(entry, options, redrawPaths, animate) {
  const xaxis = options.xaxis;
  if (xaxis && ('min' in xaxis || 'max' in xaxis)) {
    entry.home = { min: xaxis.min, max: xaxis.max };
    if (entry.zoom) {
      delete xaxis.min;
      delete xaxis.max;
      if (Object.keys(xaxis).length === 0) delete options.xaxis;
    }
  }
  if (Object.keys(options).length === 0) return;
  const before = entry.redraws;
  await entry.chart.updateOptions(options, redrawPaths, animate);
  // ApexCharts 4.7.0 remembers the options of updateOptions and then skips the redraw it asks for as "identical
  // options", so the change would only show at the next redraw (the next append). Draw it now.
  if (entry.redraws === before) await entry.chart.update();
}

export function destroy(id) {
  const entry = charts.get(id);
  if (!entry) return;
  charts.delete(id);
  waiting.delete(id);
  entry.chart.destroy();
}
