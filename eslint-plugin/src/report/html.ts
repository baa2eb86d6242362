import { coverageCounts, percent, type RouteReport, type ServiceReport } from '../analysis/service-model/report';
import { summaryLine } from './text';

/**
 * One self-contained page: inline CSS and script, no network. Rendered here in full (it reads without script);
 * the script only sorts the route table when a header is clicked.
 */
export function formatHtml(report: RouteReport, title = 'Observability route report'): string {
  const services = report.services.map(serviceCard).join('\n');
  const rows = report.services.flatMap((service) => service.routes.map((route) => routeRow(service, route))).join('\n');
  const problems = report.problems.length
    ? `<section class="problems"><h2>Files left out (${report.problems.length})</h2><ul>${report.problems.map((problem) => `<li><code>${escape(problem.file)}</code>: ${escape(problem.message)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="summary">${escape(summaryLine(report))}</p>
${report.services.length === 0 ? '<p class="empty">No service found.</p>' : ''}
<section class="services">
${services}
</section>
${problems}
<h2>Routes</h2>
<table id="routes">
<thead><tr>${COLUMNS.map(([key, label, type]) => `<th data-key="${key}" data-type="${type}" aria-sort="none" tabindex="0">${label}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const COLUMNS: Array<[key: string, label: string, type: 'text' | 'number']> = [
  ['service', 'Service', 'text'],
  ['method', 'Method', 'text'],
  ['path', 'Path', 'text'],
  ['location', 'Location', 'text'],
  ['logged', 'Logged', 'number'],
  ['requestId', 'Request ID', 'number'],
  ['timed', 'Timed', 'number'],
];

function serviceCard(service: ServiceReport): string {
  const counts = coverageCounts([service]);
  const bar = (label: string, covered: number): string => {
    const value = percent(covered, counts.routes);
    return `<div class="bar"><span class="label">${label}</span><span class="track" role="meter" aria-label="${label}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${value}"><span class="fill${value < 100 ? ' partial' : ''}" style="width:${value}%"></span></span><span class="value">${value}% <small>(${covered}/${counts.routes})</small></span></div>`;
  };
  const probe = (label: string, ok: boolean): string =>
    `<span class="probe ${ok ? 'ok' : 'missing'}">${ok ? '✓' : '✗'} ${label}</span>`;
  return `<article class="service">
<h3>${escape(service.framework)} <code>${escape(`${service.file}:${service.line}`)}</code> <small>${escape(service.name)}</small></h3>
<p>${probe('health', service.health.liveness)} ${probe('readiness', service.health.readiness)} ${probe('/metrics', service.metricsEndpoint)}</p>
${bar('Logged', counts.logged)}
${bar('Request ID', counts.requestId)}
${bar('Timed', counts.timed)}
</article>`;
}

function routeRow(service: ServiceReport, route: ServiceReport['routes'][number]): string {
  const mark = (ok: boolean): string =>
    `<td data-value="${ok ? 1 : 0}" class="${ok ? 'ok' : 'missing'}">${ok ? '✓' : '✗'}</td>`;
  const cells = [
    `<td>${escape(`${service.framework} ${service.file}:${service.line}`)}</td>`,
    `<td>${escape(route.method)}</td>`,
    `<td><code>${escape(route.path)}</code>${route.exempt ? ' <small class="exempt">exempt</small>' : ''}</td>`,
    `<td data-value="${escape(`${route.file}:${String(route.line).padStart(6, '0')}`)}">${escape(`${route.file}:${route.line}`)}</td>`,
    mark(route.logged),
    mark(route.requestId),
    mark(route.timed),
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; margin: 0 0 .5rem; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
.summary { color: #59636e; }
.services { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; }
.service { border: 1px solid #d1d9e0; border-radius: 8px; padding: 1rem; }
.service h3 small { color: #59636e; font-weight: normal; }
.probe { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: 12px; margin-right: .25rem; }
.probe.ok { background: #dafbe1; color: #116329; } .probe.missing { background: #ffebe9; color: #a40e26; }
.bar { display: grid; grid-template-columns: 6rem 1fr 6.5rem; align-items: center; gap: .5rem; margin: .3rem 0; }
.track { height: .65rem; background: #eff2f5; border-radius: .4rem; overflow: hidden; }
.fill { display: block; height: 100%; background: #1f883d; } .fill.partial { background: #bf8700; }
.value { text-align: right; font-variant-numeric: tabular-nums; } .value small { color: #59636e; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #d1d9e0; }
th { cursor: pointer; user-select: none; background: #f6f8fa; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.ok { color: #1a7f37; } td.missing { color: #cf222e; font-weight: 600; }
.exempt { color: #59636e; }
.problems li { color: #9a6700; }
`;

/** Sorts the route table by the clicked header; a second click reverses. */
const SCRIPT = `
(function () {
  var table = document.getElementById('routes');
  var headers = table.tHead.rows[0].cells;
  function value(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.getAttribute('data-value');
    if (raw === null) raw = cell.textContent;
    return type === 'number' ? Number(raw) : raw.toLowerCase();
  }
  function sort(index) {
    var header = headers[index];
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var type = header.getAttribute('data-type');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, type), y = value(b, index, type);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    for (var i = 0; i < headers.length; i++) headers[i].setAttribute('aria-sort', 'none');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }
  Array.prototype.forEach.call(headers, function (header, index) {
    header.addEventListener('click', function () { sort(index); });
    header.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(index); } });
  });
})();
`;
