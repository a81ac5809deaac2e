"""core/ui/tables.py: a link column holds only web addresses (domain.links)."""
import pandas as pd

from core.ui import tables
from core.words.i18n import t


def test_a_link_column_holds_only_web_addresses():
    sources = pd.DataFrame({
        "title": ["A", "B", "C", "D"], "publisher": ["Báo A", None, "Báo C", "Báo D"],
        "published": ["2024-12-05", None, "2024", "2023-01"], "n_observations": [3, 1, 2, 5],
        "first_year": [2024, None, 2023, 2022], "last_year": [2024, None, 2024, 2022],
        "url": ["https://baogialai.com.vn/a", "javascript:alert(1)", "file:///etc/passwd", None],
    })
    shown = tables.sources_table(sources, "vi")
    links = [None if pd.isna(v) else v for v in shown[t("columns.link", "vi")]]
    assert links == ["https://baogialai.com.vn/a", None, None, None]
