"""The intake of analysts' reports (issue 8), write side: accounts, the inbox of uploaded files,
the decisions on each figure, and publishing them into the database. The page calls only this
package; its errors are etl.errors.InputError, named here for it."""
from etl.errors import InputError

__all__ = ["InputError"]
