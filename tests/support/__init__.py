"""Helpers the tests share: frames shaped like query results, a build's rows, the served dashboard, AppTest pages,
the intake's desk (inbox, analyst, reviewer, publisher) and a publish run in a process of its own."""
