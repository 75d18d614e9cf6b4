"""SVG charts: pure geometry that templates draw.

Each module computes where things go and returns frozen dataclasses; nothing here reads the
database, the locale or the request. Positions are SVG user units rounded to a tenth.

- ``line``: values over dates, with an optional baseline and target (a KPI's chart).
- ``bar``: bars in proportion to the largest (the portfolio's funnel).
- ``scatter``: points or bubbles on two 1–5 style axes split into quadrants, with a legend
  of their colours (the value × feasibility matrix, the power/interest grid).
- ``heat``: a square grid of counts coloured by level (the risk heat map).
- ``ticks``: round tick values, date ticks and the ``Tick`` they share.

The templates in ``core/templates/core/charts/`` draw them. Each SVG template wraps itself in
``{% localize off %}`` so that coordinates keep their decimal point in German, and formats
every number a person reads with ``|localize`` or ``floatformat``. A chart whose marks are
links is a ``role="group"`` (a link inside ``role="img"`` is hidden from screen readers);
one without links is a ``role="img"``. Both are named by their ``<title>`` and ``<desc>``,
and the page shows the same data as text or a table.
"""
