"""Helpers the tests share: small frames shaped like query results, a build's rows, the served dashboard, AppTest pages."""
