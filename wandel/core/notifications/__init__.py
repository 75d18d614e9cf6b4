"""Notifications: telling a person that something needs them or concerns them.

One service for every app. An app declares its events (``NotificationEvent``, registered in
its ``hooks.py`` on ``NOTIFICATION_EVENTS``) and calls ``notify`` inside the transaction of the
action that caused them. A notification stores the event's key and its parameters, never a
finished sentence, so the bell, the list and the e-mail word it in the reader's language
when they are read.

E-mail goes out through background tasks (``wandel worker``): the delivery row and its task
are written in the action's transaction, so a mail server that is down never breaks or loses
the action; a delivery that fails is retried a few times, then listed for an admin, who can
send it again.
"""
