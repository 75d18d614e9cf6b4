"""The governance gate: what pilot and production need, and where each need is met.

``rules`` holds the pure rules (which approvals a move needs, given the facts of
``governance.facts``), ``check`` gathers the facts from the sub-domains and plugs the gate
into the portfolio's lifecycle, ``views`` shows a use case's governance at a glance. The
gate sits above the sub-domains: it reads their states, and none of them imports it.
"""
