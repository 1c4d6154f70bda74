"""Views: one module per page. A view calls `metrics/` (pure: ids and numbers) and the
label layer (`ui.labels`) and hands the page frames ready to draw: the rows a chart
draws (ids, for keys and colours, plus the words it shows) and the rows a table shows
(in the reader's words). Pages keep only layout: widgets, headings, charts, tables."""
