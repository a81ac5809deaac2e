"""Scans through OCR: Debian's tesseract with the Vietnamese model, run locally as a subprocess.

`tesseract IMAGE stdout -l vie tsv` gives every word with its box, its block and paragraph numbers
and its confidence (0–100); nothing is downloaded. $DANVAN_TESSERACT names another binary.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from etl.errors import InputError
from etl.readers.layout import Word
from etl.textnorm import nfc

TESSERACT_ENV = "DANVAN_TESSERACT"
LANGUAGE = "vie"
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
MAX_PIXELS = 120_000_000  # an A4 page at 600 dpi is 35 million
TIMEOUT_S = 300
MIN_WIDTH = 1700  # pixels across a page: an A4 page at 200 dpi


def tesseract() -> str | None:
    """The tesseract binary, or None when OCR is not installed."""
    named = os.environ.get(TESSERACT_ENV)
    if named:
        return named if Path(named).is_file() and os.access(named, os.X_OK) else None
    return shutil.which("tesseract")


def require_ocr(where: str, what: str, what_en: str) -> str:
    """The tesseract binary, or a message saying how to install it and the Vietnamese model."""
    binary = tesseract()
    if binary is None:
        raise InputError(
            f"{what} cần nhận dạng chữ (OCR) nhưng máy chưa cài tesseract: chạy `{INSTALL}` (hoặc `make run`) "
            f"rồi thử lại ({what_en} needs OCR and tesseract is not installed)", where=where)
    langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    if LANGUAGE not in (langs.stdout + langs.stderr).split():
        raise InputError(
            f"{what} cần OCR tiếng Việt nhưng tesseract chưa có gói tiếng Việt: chạy `{INSTALL}` "
            f"(the Vietnamese OCR model is not installed)", where=where)
    return binary


def check_image_size(width: int, height: int, where: str) -> None:
    if width * height > MAX_PIXELS:
        raise InputError(f"ảnh {width}×{height} điểm, quá lớn để nhận dạng (image too large: over "
                         f"{MAX_PIXELS // 1_000_000} megapixels)", where=where)


def prepare_scan(image: Path, out: Path) -> Path:
    """The image as tesseract reads it best: upright (a phone photo's EXIF orientation), grey, at least
    MIN_WIDTH pixels wide, and with its table rules erased, since a ruling line read as "|" or merged
    into a digit spoils the words beside it. A rule is a run of dark pixels far longer than a letter."""
    import numpy as np  # noqa: PLC0415
    from PIL import Image, ImageOps  # noqa: PLC0415

    with Image.open(image) as img:
        page = ImageOps.exif_transpose(img).convert("L")
    if page.width < MIN_WIDTH:  # a small photo or a 100 dpi scan: letters too small to read well
        scale = MIN_WIDTH / page.width
        page = page.resize((MIN_WIDTH, round(page.height * scale)), Image.Resampling.LANCZOS)
    grey = np.asarray(page).copy()
    dark = grey < 140
    height, width = dark.shape
    for mask, limit in ((dark, width // 8), (dark.T, height // 25)):
        rule = np.zeros_like(mask)
        for i, line in enumerate(mask):
            if line.sum() < limit:
                continue
            edges = np.flatnonzero(np.diff(np.concatenate(([0], line.view(np.int8), [0]))))
            # padded with 0 at both ends, the line rises as often as it falls: as many starts as stops
            for start, stop in zip(edges[0::2], edges[1::2], strict=True):
                if stop - start >= limit:
                    rule[i, start:stop] = True
        for shift in (-2, -1, 1, 2):  # and the grey edge a scan's blur leaves either side
            rule[max(0, shift):len(rule) + min(0, shift)] |= rule[max(0, -shift):len(rule) - max(0, shift)]
        target = grey if mask is dark else grey.T
        target[rule] = 255
    Image.fromarray(grey).save(out)
    return out


def ocr_words(image: Path, where: str, *, dpi: int | None = None) -> list[Word]:
    """Every word tesseract reads in the image, in its reading order, with box and confidence."""
    binary = require_ocr(where, "ảnh quét", "a scanned image")
    with tempfile.TemporaryDirectory(prefix="danvan-ocr-") as tmp:
        clean = prepare_scan(image, Path(tmp) / "clean.png")
        return _tesseract(binary, clean, where, dpi)


def _tesseract(binary: str, image: Path, where: str, dpi: int | None) -> list[Word]:
    cmd = [binary, str(image), "stdout", "-l", LANGUAGE, "--psm", "3"]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}  # one thread: the machine is shared, pages go one by one
    try:
        done = subprocess.run([*cmd, "tsv"], capture_output=True, text=True, timeout=TIMEOUT_S, env=env,
                              check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"nhận dạng chữ (OCR) quá {TIMEOUT_S} giây cho một trang (OCR timed out)",
                         where=where) from None
    if done.returncode != 0:
        raise InputError(f"tesseract không đọc được ảnh: {done.stderr.strip()[:300]} (OCR failed)", where=where)
    return parse_tsv(done.stdout)


def parse_tsv(tsv: str) -> list[Word]:
    """tesseract's TSV → words (level 5 rows with text)."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip().strip("|¦")
        if row.get("level") != "5" or not text or float(row["conf"]) < 0:
            continue
        left, top = float(row["left"]), float(row["top"])
        words.append(Word(nfc(text), left, left + float(row["width"]), top, top + float(row["height"]),
                          conf=round(float(row["conf"]), 1), block=int(row["block_num"]), par=int(row["par_num"]),
                          seq=len(words)))
    return words
