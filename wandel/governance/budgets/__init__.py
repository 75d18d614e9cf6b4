"""Budgets of use cases: requests, spending, and what the steering committee approved.

``services`` holds the writes, one function per user action; ``queries`` the figures,
lists and totals that pages, the API and the overview share; ``models`` the records.
Callers import from the module that defines a name.
"""
