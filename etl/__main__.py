"""Command line: python -m etl {extract,build,synth,facts,reference} …"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from etl.errors import InputError
from etl.figure import OUTPUT_COLUMNS
from etl.lock import WAIT_SECONDS
from etl.paths import (
    DB_ENV,
    LOCALITIES,
    REFERENCE,
    REPORTS,
    REVIEW,
    TABLES,
    database_path,
)
from sheets.cells import safe_cell
from sheets.writer import FORMATS


def _extract(args: argparse.Namespace) -> int:
    from etl.extract import Extractor  # noqa: PLC0415
    from etl.readers import extract_document, read_document  # noqa: PLC0415
    from etl.why import why_lines  # noqa: PLC0415

    extractor = Extractor()
    rows: list[dict] = []
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            if args.why:  # any format: the extractor's account works on the Report a reader gives
                print("\n".join(why_lines(read_document(path), extractor)))
                continue
            found = extract_document(path, extractor=extractor)  # .txt/.md, .docx, .pdf, scans
            rows.extend(f.record() for f in found.figures)
            for f in found.flagged:
                print(f"cần kiểm tra: {name}, {f.where}: “{f.number_text}” đọc bằng OCR, độ tin cậy {f.confidence:.0f}",
                      file=sys.stderr)
        except InputError as exc:
            print(f"lỗi: {exc}", file=sys.stderr)
            failed += 1
    if not args.why:
        _write(rows, args.format, OUTPUT_COLUMNS)
    return 1 if failed else 0


def _write(rows: list[dict], fmt: str, columns: tuple[str, ...] | list[str]) -> None:
    out = sys.stdout
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps({c: r[c] for c in columns}, ensure_ascii=False) + "\n")
    else:  # text cells as a spreadsheet may open them (sheets.cells)
        w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows({k: safe_cell(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"không phải số giây: {text!r}") from None
    if not value >= 0:  # NaN too
        raise argparse.ArgumentTypeError(f"số giây phải từ 0 trở lên: {text!r}")
    return value


def _build(args: argparse.Namespace) -> int:
    from etl.build import BuildFailed, build  # noqa: PLC0415
    from etl.lock import LockError  # noqa: PLC0415

    db = database_path(args.db)
    try:
        summary = build(db, reports_dir=Path(args.reports), tables_dir=Path(args.tables),
                        review_path=Path(args.review), keep_going=args.keep_going, lock_timeout=args.lock_timeout)
    except BuildFailed as failed:
        print("\n".join(failed.summary.lines()), file=sys.stderr)
        print("Sửa các lỗi trên rồi chạy lại, hoặc thêm --keep-going để nạp phần còn lại.", file=sys.stderr)
        return 2
    except LockError as busy:
        print(f"lỗi: {busy}", file=sys.stderr)
        return 3
    print("\n".join(summary.lines()), file=sys.stderr)
    return 0


def _synth(args: argparse.Namespace) -> int:
    from etl.synth import write_synthetic  # noqa: PLC0415

    try:
        given = {k: v for k, v in (("seed", args.seed), ("years", args.years), ("end_year", args.end_year))
                 if v is not None}
        made = write_synthetic(Path(args.out), provinces=args.provinces, fmt=args.format, **given)
    except FileExistsError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"DỮ LIỆU GIẢ LẬP: {made.provinces} tỉnh, {made.districts} huyện, {made.communes} xã, "
          f"{made.observations} số liệu trong {len(made.files)} bảng ở {made.out}", file=sys.stderr)
    print(f"Nạp vào cơ sở dữ liệu riêng: python -m etl build --tables {made.out} --db <tệp>.duckdb", file=sys.stderr)
    return 0


def _facts(args: argparse.Namespace) -> int:
    import duckdb  # noqa: PLC0415

    from etl.facts import write_facts  # noqa: PLC0415
    from sheets.writer import TooManyRows  # noqa: PLC0415

    db = database_path(args.db)
    out = io.BytesIO() if args.format == "xlsx" else sys.stdout.buffer  # a zip is written whole
    try:
        write_facts(db, args.format, out)
    except FileNotFoundError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    except TooManyRows:
        print("lỗi: quá nhiều dòng cho một trang XLSX; dùng --format csv hoặc parquet (too many rows for XLSX)",
              file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"lỗi: không đọc được cơ sở dữ liệu {db}: {type(exc).__name__} (cannot read the database)",
              file=sys.stderr)
        return 2
    if args.format == "xlsx":
        sys.stdout.buffer.write(out.getvalue())
    sys.stdout.buffer.flush()
    return 0


def _reference(args: argparse.Namespace) -> int:
    from etl.reference.make import differences, make_reference, write_reference  # noqa: PLC0415
    from etl.reference.sources import Repo  # noqa: PLC0415

    chosen = None if args.provinces == "all" else [c.strip() for c in args.provinces.split(",") if c.strip()]
    try:
        ref = make_reference(Repo(Path(args.dvhcvn)), Repo(Path(args.old)), Path(args.localities),
                             new_provinces=chosen)
    except InputError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if args.check:
        stale = differences(ref, out)
        for name in stale:
            print(f"khác với nguồn (differs from the sources): {out / name}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_reference(ref, out):
        print(f"đã ghi {path}", file=sys.stderr)
    print(f"{len(ref.units)} đơn vị thêm vào danh mục, {len(ref.former)} xã cũ, {len(ref.links)} liên kết cũ → mới",
          file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="ETL số liệu công tác dân vận → DuckDB")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="trích số liệu từ báo cáo (.txt, .md, .docx, .pdf, ảnh quét .png/.jpg)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--why", action="store_true",
                   help="in từng số trong văn bản: thành số liệu nào, hay bị bỏ vì quy tắc nào")
    p.set_defaults(func=_extract)

    db_help = f"tệp DuckDB (mặc định: ${DB_ENV} hoặc data/danvan.duckdb)"
    p = sub.add_parser("build", help="xây dựng cơ sở dữ liệu từ báo cáo, bảng và tệp rà soát")
    p.add_argument("--db", help=db_help)
    p.add_argument("--reports", default=str(REPORTS))
    p.add_argument("--tables", default=str(TABLES),
                   help="thư mục bảng (CSV/XLSX/Parquet); có synthetic.yaml thì chỉ nạp bộ GIẢ LẬP đó")
    p.add_argument("--review", default=str(REVIEW))
    p.add_argument("--keep-going", action="store_true", help="bỏ qua tệp lỗi, nạp phần còn lại")
    p.add_argument("--lock-timeout", type=_seconds, default=WAIT_SECONDS, metavar="GIÂY",
                   help=f"chờ bản dựng khác của cùng tệp tối đa chừng này giây (mặc định {WAIT_SECONDS:g}), "
                        "quá thì dừng và không thay đổi gì (exit 3)")
    p.set_defaults(func=_build)

    p = sub.add_parser("synth", help="tạo bộ dữ liệu GIẢ LẬP cỡ toàn quốc (bảng của chuyên viên)")
    p.add_argument("--out", required=True, help="thư mục đích (mới, hoặc bộ giả lập cũ sẽ bị thay)")
    p.add_argument("--seed", type=int, help="hạt giống ngẫu nhiên: cùng hạt, cùng dữ liệu (mặc định 2025)")
    p.add_argument("--years", type=int, help="số năm (mặc định 15)")
    p.add_argument("--end-year", type=int, help="năm cuối (mặc định 2024)")
    p.add_argument("--provinces", type=int, default=None, help="chỉ N tỉnh đầu (bộ nhỏ để thử)")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p.set_defaults(func=_synth)

    p = sub.add_parser("facts", help="in mọi số liệu kèm nguồn ra stdout, như tệp tải về ở trang Dữ liệu")
    p.add_argument("--db", help=db_help)
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.set_defaults(func=_facts)

    p = sub.add_parser("reference",
                       help="dựng lại dữ liệu tham chiếu đơn vị hành chính (data/reference/) từ nguồn công khai")
    p.add_argument("--dvhcvn", required=True, help="kho dvhcvn/20250701 (thư mục git, bare hoặc bản checkout)")
    p.add_argument("--old", required=True, help="kho daohoangson/dvhcvn (data/sorted.json: đơn vị trước 01/07/2025)")
    p.add_argument("--localities", default=str(LOCALITIES), help="danh mục giữ tay (mã của nó được giữ nguyên)")
    p.add_argument("--out", default=str(REFERENCE))
    p.add_argument("--provinces", default="all",
                   help="mã các tỉnh mới có danh sách xã: all (34 tỉnh) hoặc ví dụ 01,52")
    p.add_argument("--check", action="store_true", help="chỉ so sánh với tệp đã có, không ghi (mã thoát 1 nếu khác)")
    p.set_defaults(func=_reference)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m etl facts | head`
        sys.stderr.close()
        sys.exit(0)
