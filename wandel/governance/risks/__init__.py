"""The risk register.

``rules`` holds the pure rules (score, severity, overdue reviews), ``services`` the
writes, one function per user action, and ``queries`` the reads that pages, exports and the
API share; ``models`` the records. Callers import from the module that defines a name.
"""
