"""Downloads of the figures: CSV (`exports.csv`) and the Excel workbook of every dataset
(`exports.excel`). Both open safely in a spreadsheet program: no cell can run as a
formula. The PowerPoint brief is its own room, `brief/`."""
