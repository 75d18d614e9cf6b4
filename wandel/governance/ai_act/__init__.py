"""The EU AI Act classification of use cases, for the organisation that deploys them.

``questionnaire`` holds the parsed questionnaire, ``validation`` checks a file, ``loader``
finds the file in use and caches it; ``engine`` is the pure classification, ``services``
the writes, ``queries`` the reads and ``models`` the records. Callers import from the
module that defines a name.
"""
