"""A generated report corpus for the extraction benchmark: the sentences of data/reports/*.txt
recombined into new documents, with other numbers, years and provinces. Deterministic from a seed.

The documents are marked GIẢ LẬP in their title; they measure speed, not quality (quality is
measured on the annotated corpus by tests/test_extraction_quality.py).
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from etl.gazetteer import default_gazetteer
from etl.report import parse_report, split_sentences

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "data" / "reports"
# A number not inside a date (05/12/2024, 6-3) or a document number (30-CT/TU).
_NUMBER = re.compile(r"(?<![\d/.,-])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/]|[.,]\d|-\d)")
_YEAR = re.compile(r"^(?:19[89]\d|20[0-3]\d)$")


def _sentences() -> list[str]:
    out = []
    for path in sorted(REPORTS.glob("*.txt")):
        report = parse_report(path.read_text(encoding="utf-8"), path.name)
        for para in report.paragraphs:
            out.extend(s for s in split_sentences(para) if len(s) > 20)
    return out


def _vary_number(text: str, rng: random.Random, year_shift: int) -> str:
    plain = text.replace(".", "")
    if _YEAR.match(plain) and "." not in text:
        return str(int(plain) + year_shift)
    value = max(1, int(int(plain) * rng.uniform(0.5, 1.6)))
    return f"{value:,}".replace(",", ".") if "." in text or value >= 10_000 else str(value)


def write_corpus(out: Path, megabytes: float = 10.5, seed: int = 11) -> tuple[int, int]:
    """Write documents into `out` (replaced) until they hold `megabytes` of text. Returns (files, bytes)."""
    rng = random.Random(seed)
    sentences = _sentences()
    provinces = sorted({loc.name for loc in default_gazetteer().localities if loc.level == "province"})
    named = [p for p in provinces if any(p in s for s in sentences)]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    total, n = 0, 0
    while total < megabytes * 1_000_000:
        year_shift = rng.randint(-3, 1)
        swap = {p: rng.choice(provinces) for p in named}
        swap_re = re.compile("|".join(re.escape(p) for p in sorted(swap, key=len, reverse=True)))
        paragraphs = []
        for _ in range(rng.randint(3, 8)):
            picked = [rng.choice(sentences) for _ in range(rng.randint(2, 6))]
            text = " ".join(picked)
            text = swap_re.sub(lambda m, swap=swap: swap[m.group(0)], text)
            text = _NUMBER.sub(lambda m, shift=year_shift: _vary_number(m.group(0), rng, shift), text)
            paragraphs.append(text)
        year = 2024 + year_shift
        doc = (f"---\ntitle: GIẢ LẬP — báo cáo đo tốc độ số {n}\nsource_url:\npublisher: (giả lập)\n"
               f"published: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n---\n\n"
               + "\n\n".join(paragraphs) + "\n")
        data = doc.encode("utf-8")
        (out / f"g{n:05d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return n, total
