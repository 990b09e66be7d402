namespace VaeLab.Reporting;

/// <summary>The inline stylesheet and sorting script of report.html (no network, no external file).</summary>
internal static class HtmlReportAssets
{
    /// <summary>Colours are CSS variables with a dark set under prefers-color-scheme: dark; verdict colours keep their
    /// meaning in both (and carry a word, so colour is never the only signal). Figures sit on a light card in both.</summary>
    public const string Css = """
:root { --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #f6f8fa; --link: #0550ae;
        --holds: #1a7f37; --holds-bg: #dafbe1; --fails: #cf222e; --fails-bg: #ffebe9; --mixed: #9a6700; --mixed-bg: #fff8c5; --card: #ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --head: #161b22; --link: #4493f8;
          --holds: #3fb950; --holds-bg: #12261e; --fails: #f85149; --fails-bg: #2d1214; --mixed: #d29922; --mixed-bg: #2b2111; --card: #f6f8fa; }
}
body { background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
a { color: var(--link); }
h1, h2, h3 { line-height: 1.2; }
.facts { color: var(--muted); padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 14px; }
caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--head); cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.holds { color: var(--holds); background: var(--holds-bg); font-weight: 600; }
td.fails { color: var(--fails); background: var(--fails-bg); font-weight: 600; }
td.mixed { color: var(--mixed); background: var(--mixed-bg); font-weight: 600; }
td.na { color: var(--muted); }
figure { display: inline-block; margin: 0 0.8rem 0.8rem 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem; }
figure img { width: 360px; height: auto; display: block; }
figure.wide img { width: 560px; }
figcaption { color: #57606a; font-size: 13px; max-width: 560px; }
section.run { border-top: 1px solid var(--line); margin-top: 1.5rem; }
details { margin: 0.3rem 0 1rem; } summary { cursor: pointer; color: var(--link); }
pre { background: var(--head); border: 1px solid var(--line); padding: 0.6rem; overflow-x: auto; font-size: 13px; }
.scroll { overflow-x: auto; }
""";

    /// <summary>Click a header to sort its table (numbers by data-sort, text otherwise; again to reverse).
    /// "#sort=TABLE:COLUMN[:desc]" in the address sorts on load, so a sorted view can be linked.</summary>
    public const string Script = """
(function () {
  function key(row, col) { var c = row.cells[col]; var s = c.getAttribute('data-sort'); return s !== null ? parseFloat(s) : c.textContent.trim().toLowerCase(); }
  function sortTable(table, col, descending) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (r) { return r.cells[col].hasAttribute('data-sort'); });
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var d = numeric ? x - y : (x < y ? -1 : x > y ? 1 : 0);
      return descending ? -d : d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (i === col) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending'); else th.removeAttribute('aria-sort');
    });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener('click', function () { sortTable(table, i, th.getAttribute('aria-sort') === 'ascending'); });
    });
  });
  var m = /^#sort=([A-Za-z0-9-]+):(\d+)(:desc)?$/.exec(location.hash);
  if (m) { var t = document.getElementById(m[1]); if (t && t.tHead) sortTable(t, parseInt(m[2], 10), !!m[3]); }
})();
""";
}
