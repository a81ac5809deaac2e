"""OCR plumbing without running tesseract: the image prepared for it, and its TSV read back."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from etl.readers.layout import Word
from etl.readers.ocr import MIN_WIDTH, parse_tsv, prepare_scan

TSV = """level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t
4\t1\t2\t1\t1\t0\t377\t426\t346\t56\t-1\t
5\t1\t2\t1\t1\t1\t377\t437\t103\t36\t96.416870\tTỉnh
5\t1\t2\t1\t1\t2\t496\t426\t106\t47\t41.25\t|2.861
5\t1\t2\t1\t1\t3\t616\t426\t10\t56\t90.0\t|
5\t1\t3\t1\t1\t1\t377\t552\t64\t42\t93.3\tSố:
"""


def test_parse_tsv_keeps_words_with_confidence_and_drops_rules():
    assert parse_tsv(TSV) == [
        Word("Tỉnh", 377, 480, 437, 473, conf=96.4, block=2, par=1, seq=0),
        Word("2.861", 496, 602, 426, 473, conf=41.2, block=2, par=1, seq=1),
        Word("Số:", 377, 441, 552, 594, conf=93.3, block=3, par=1, seq=2),
    ]


def test_prepare_scan_erases_rules_keeps_letters_and_enlarges_small_images(tmp_path: Path):
    page = np.full((1200, 1000), 255, dtype=np.uint8)
    page[600:603, 50:950] = 0  # a table rule across the page
    page[100:1100, 500:502] = 0  # a column rule
    page[300:340, 100:125] = 0  # a letter-sized stroke
    Image.fromarray(page).save(tmp_path / "in.png")
    out = np.asarray(Image.open(prepare_scan(tmp_path / "in.png", tmp_path / "out.png")))
    scale = MIN_WIDTH / 1000
    assert out.shape == (round(1200 * scale), MIN_WIDTH)
    assert out[round(601 * scale), round(300 * scale)] == 255  # rule gone
    assert out[round(800 * scale), round(501 * scale)] == 255
    assert out[round(320 * scale), round(112 * scale)] < 100  # letter kept
