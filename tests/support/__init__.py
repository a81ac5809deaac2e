"""Helpers the tests share: frames shaped like query results, a build's rows, the served dashboard, AppTest pages."""
