// Every plotly chart's text boxes: title, legend entries, annotations (source line,
// subplot titles), axis tick labels and bar labels. Returns the problems: a box outside
// its chart, or two boxes that overlap (tick labels of one axis among themselves too).
() => {
  const problems = [];
  const inter = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1.5 &&
                          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1.5;
  document.querySelectorAll('.js-plotly-plot').forEach((plot, n) => {
    if (!plot.offsetParent) return;  // hidden (a closed tab or expander)
    const box = plot.getBoundingClientRect();
    const items = [];
    const add = (sel, group) => plot.querySelectorAll(sel).forEach(e => {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && (e.textContent || '').trim())
        items.push({group, text: e.textContent.trim().slice(0, 40), r});
    });
    add('.gtitle', 'title');
    add('.legend .legendtext', 'legend');
    plot.querySelectorAll('.annotation-text').forEach((e, i) => {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && (e.textContent || '').trim())
        items.push({group: 'annotation' + i, text: e.textContent.trim().slice(0, 40), r});
    });
    plot.querySelectorAll('.xaxislayer-above, .yaxislayer-above').forEach((layer, i) => {
      layer.querySelectorAll('text').forEach(e => {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && (e.textContent || '').trim())
          items.push({group: 'tick' + i + layer.getAttribute('class'), text: e.textContent.trim(), r});
      });
    });
    add('.textpoint text, text.bartext', 'bartext');  // scatter text and bar labels
    // the chart's title: the dashboard writes it as the last annotation but one (ui/figures.py anatomy)
    const notes = plot.querySelectorAll('.annotation-text');
    const title = (notes.length > 1 ? notes[notes.length - 2].textContent : '') || ('chart ' + n);
    for (const it of items) {
      const r = it.r;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        problems.push(`${title.slice(0, 50)}: ${it.group} "${it.text}" outside the chart`);
    }
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      const sameGroup = a.group === b.group;
      if (sameGroup && !a.group.startsWith('tick')) continue;
      if (a.group.startsWith('tick') && b.group.startsWith('tick') && !sameGroup) continue;
      if (a.group === 'bartext' && b.group.startsWith('tick') && !b.group.includes('yaxis')) continue;
      if (inter(a.r, b.r)) problems.push(`${title.slice(0, 50)}: ${a.group} "${a.text}" overlaps ${b.group} "${b.text}"`);
    }
  });
  return problems;
}
