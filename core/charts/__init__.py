"""Charts: query rows → plotly figures, series colours, PNG/SVG export, and a chart told in words."""
