"""Ethics reviews, the DPIA threshold check and DPIA, works-council involvement.

One package each (``ethics``, ``dpia``, ``codetermination``): ``services`` holds the writes
(one function per action, each in one transaction with its audit event), ``queries`` the
reads for pages, the API and the gates (``ethics_passed``, ``dpia_state`` and
``codetermination_state``, at most two queries each). ``queries`` here is the overview across
all three; ``errors`` the refusal they share.
"""
