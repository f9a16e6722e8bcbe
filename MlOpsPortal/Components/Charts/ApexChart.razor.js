// Companion module of ApexChart.razor. ApexCharts itself is the global from the UMD build that
// App.razor loads with a <script> tag (see ApexChart.razor.cs for why not the ESM build).

// Keyed by the component's id rather than by element: when a component is disposed, Blazor may
// already have removed its element from the DOM, and an ElementReference to it no longer resolves.
const charts = new Map();

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

export async function create(id, element, optionsJson) {
  if (typeof globalThis.ApexCharts !== 'function') {
    throw new Error('ApexCharts is not loaded: App.razor needs <script src="lib/apexcharts/apexcharts.min.js"></script>.');
  }
  destroy(id);
  const chart = new globalThis.ApexCharts(element, parseOptions(optionsJson));
  charts.set(id, chart);
  await chart.render();
}

// Unknown ids are ignored: updates may race a destroy, and destroy may follow a failed create.
export async function updateSeries(id, seriesJson, animate) {
  await charts.get(id)?.updateSeries(JSON.parse(seriesJson), animate);
}

export async function appendData(id, dataPerSeriesJson) {
  const dataPerSeries = JSON.parse(dataPerSeriesJson);
  await charts.get(id)?.appendData(dataPerSeries.map((data) => ({ data })));
}

export async function updateOptions(id, optionsJson, redrawPaths, animate) {
  await charts.get(id)?.updateOptions(parseOptions(optionsJson), redrawPaths, animate);
}

export function destroy(id) {
  const chart = charts.get(id);
  if (!chart) return;
  charts.delete(id);
  chart.destroy();
}
