"""`make analyst NAME=…` (python -m etl.intake.analyst_cli NAME): add an analyst or reset a password,
asked twice without echo."""
from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

from etl.errors import InputError
from etl.intake.accounts import MIN_PASSWORD, Accounts

USAGE = "dùng (usage): make analyst NAME=<tên chuyên viên>"


def main(argv: list[str] | None = None, *, ask: Callable[[str], str] = getpass.getpass,
         accounts: Accounts | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].strip():
        print(USAGE, file=sys.stderr)
        return 2
    accounts = accounts or Accounts()
    name = args[0]
    try:
        first = ask(f"Mật khẩu cho {name} (ít nhất {MIN_PASSWORD} ký tự): ")
        again = ask("Nhập lại mật khẩu: ")
    except (EOFError, KeyboardInterrupt):
        print("\nđã hủy, không thay đổi gì (cancelled, nothing changed)", file=sys.stderr)
        return 2
    if first != again:
        print("lỗi: hai lần nhập mật khẩu không giống nhau, không thay đổi gì (passwords differ)", file=sys.stderr)
        return 2
    try:
        added = accounts.set_password(name, first)
    except InputError as exc:
        print(f"lỗi: {exc}; không thay đổi gì", file=sys.stderr)
        return 2
    what = "Đã thêm chuyên viên" if added else "Đã đặt lại mật khẩu cho"
    print(f"{what} {name} ({accounts.path}).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
