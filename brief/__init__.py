"""The brief: charts a reader collects on any page, downloaded as an editable PowerPoint deck.

- `brief.spec`: what a collected chart is (ChartSpec) and its categories and series; pure polars.
- `brief.link`: the brief as a link value (`?charts=`): each chart's name, page, filters and
  the reader's title, never data.
- `brief.collect`: the "Add this chart to the brief" button under a chart and the reader's
  brief, kept in the session and in the address (ui.briefs.rebuild draws each chart again
  from its page's view functions).
- `brief.deck`: the PowerPoint renderer (python-pptx, native editable charts).
The Brief page (pages/brief.py) orders the collection and offers the download.

Nothing is imported here, so a page that only shows the button never loads python-pptx.
"""
