"""Bodies, meetings, agendas and the decision register.

``meetings`` and ``services`` hold the writes (bodies, meetings and agendas; decisions and
their conditions), one function per user action; ``queries`` the reads that pages,
exports, the API and the gates share; ``models`` the records. Callers import from the
module that defines a name, so loading the models never pulls in the services.
"""
