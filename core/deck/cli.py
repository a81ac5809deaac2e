"""`python -m core.deck.cli SPEC OUT`: a PowerPoint deck from a YAML spec (`make deck SPEC=… OUT=…`).

Exit status 0 with the deck at OUT; 2 with the problems on stderr and nothing new at OUT.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from core.charts import export
from core.data.db import DB_ENV, DatabaseMissing
from core.deck.slides import DeckError, link_warnings, write_deck
from core.deck.spec import SpecError, load_spec
from core.deck.spec_charts import EmptySelection, deck_items


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.deck.cli",
        description="Tạo bộ slide PowerPoint (16:9) từ tệp mô tả YAML, ví dụ data/decks/example.yaml.",
    )
    parser.add_argument("spec", help="tệp mô tả YAML (title, subtitle, charts)")
    parser.add_argument("out", help="tệp .pptx sẽ ghi")
    parser.add_argument("--db", help="cơ sở dữ liệu (mặc định $DANVAN_DB, rồi data/danvan.duckdb)")
    args = parser.parse_args(argv)
    if not args.out.lower().endswith(".pptx"):
        print(f"lỗi: tệp ra phải có đuôi .pptx: {args.out}", file=sys.stderr)
        return 2
    clock = time.perf_counter()
    try:
        spec = load_spec(args.spec, args.db)
        items = deck_items(spec.charts, args.db)
        for warning in link_warnings(items):
            print(f"cảnh báo: {warning}", file=sys.stderr)
        started = export.start_browser()
        try:
            path = write_deck(items, args.out, spec.title, spec.subtitle, spec.day)
        finally:
            if started:  # a browser someone else keeps warm stays running
                export.stop_browser()
    except DatabaseMissing as exc:
        print(f"lỗi: chưa có cơ sở dữ liệu ở {exc}: chạy `make db` (hoặc đặt {DB_ENV})", file=sys.stderr)
        return 2
    except (SpecError, EmptySelection, DeckError, export.BrowserMissing) as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the output folder cannot be written, OUT is a folder, the disk is full
        print(f"lỗi: không ghi được {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"đã ghi {path}: {len(items)} biểu đồ, {time.perf_counter() - clock:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
