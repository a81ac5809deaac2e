"""Reading a deck spec's YAML file within bounds: a regular file of at most MAX_SPEC_BYTES, UTF-8,
parsed by a loader that refuses aliases (a 600-byte "billion laughs" expanded to 3.3 GB), reads no
timestamp (a date is text, checked by the spec with a message) and no number longer than
MAX_NUMBER_DIGITS digits. Every problem is a SpecFileError with its message; never a traceback."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

MAX_SPEC_BYTES = 256 * 1024
MAX_NUMBER_DIGITS = 20
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class SpecFileError(ValueError):
    """A spec file that cannot be read; str() is the message."""


class _SpecLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, timestamps or endless numbers."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "bí danh YAML (*tên) không được dùng trong tệp mô tả "
                                              "(aliases are refused)", event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > MAX_NUMBER_DIGITS:
            raise yaml.constructor.ConstructorError(None, None, f"số dài {len(node.value)} chữ số, tối đa "
                                                    f"{MAX_NUMBER_DIGITS} (number too long)", node.start_mark)
        return super().construct_yaml_int(node)


_SpecLoader.add_constructor("tag:yaml.org,2002:int", _SpecLoader.construct_yaml_int)


def read_spec_file(path: Path) -> Any:
    """The YAML data of the spec at `path`; SpecFileError naming what is wrong."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SpecFileError(f"không có tệp {path}") from None
    except OSError as exc:
        raise SpecFileError(f"không mở được {path}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SpecFileError(f"{path} là thư mục, không phải tệp mô tả YAML (a folder, not a spec file)")
    if not stat.S_ISREG(info.st_mode):
        raise SpecFileError(f"{path} không phải tệp thường (not a regular file)")
    if info.st_size > MAX_SPEC_BYTES:
        raise SpecFileError(f"{path}: tệp mô tả {info.st_size} byte, tối đa {MAX_SPEC_BYTES} (spec file too large)")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_SPEC_BYTES + 1)
    except OSError as exc:
        raise SpecFileError(f"không mở được {path}: {exc.strerror}") from None
    if len(data) > MAX_SPEC_BYTES:
        raise SpecFileError(f"{path}: tệp mô tả quá {MAX_SPEC_BYTES} byte (spec file too large)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecFileError(f"{path}: không phải UTF-8 (byte {exc.start}); lưu lại tệp dạng UTF-8 "
                            "(not UTF-8, e.g. Windows-1258)") from None
    try:
        return yaml.load(text, Loader=_SpecLoader)  # noqa: S506  (a safe loader, narrowed further)
    except yaml.YAMLError as exc:
        raise SpecFileError(f"{path}: YAML không đọc được: {exc}") from None
    except RecursionError:
        raise SpecFileError(f"{path}: YAML lồng nhau quá sâu (nested too deep)") from None
    except ValueError as exc:  # a value the safe loader cannot build
        raise SpecFileError(f"{path}: YAML không đọc được: {type(exc).__name__}") from None
