"""Writing the DuckDB database: a new file under a temporary name, swapped into place at the end."""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl.catalog import Catalog
from etl.figure import Figure
from etl.gazetteer import Gazetteer
from etl.periods import PartialDate

SQL = Path(__file__).parent / "sql"


@dataclass
class SourceRow:
    id: str
    kind: str
    title: str
    publisher: str
    url: str
    published: str
    file_name: str
    file_hash: str

    @property
    def published_date(self) -> date | None:
        p = PartialDate.parse(self.published)
        return p.last if p else None


def observation_id(fig: Figure) -> str:
    key = "|".join(str(x) for x in (fig.doc, fig.locality_id, fig.indicator, fig.breakdown, fig.period_kind,
                                     fig.period_start, fig.period_end, repr(float(fig.value)), fig.derived,
                                     fig.number_text, fig.paragraph, fig.sentence))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _frames(gaz: Gazetteer, catalog: Catalog, sources: list[SourceRow],
            figures: list[Figure]) -> dict[str, pd.DataFrame]:
    localities = pd.DataFrame([{
        "id": loc.id, "name": loc.name, "kind": loc.kind, "level": loc.level, "gso_code": loc.gso_code or None,
        "parent_id": loc.parent_id or None, "valid_from": loc.valid_from, "valid_to": loc.valid_to,
        "successor_id": loc.successor_id or None, "aliases": list(loc.aliases), "note": loc.note or None,
    } for loc in gaz.localities])
    succession = gaz.succession
    former = pd.DataFrame([{
        "id": c.id, "name": c.name, "kind": c.kind, "gso_code": c.gso_code, "parent_id": c.parent_id,
        "valid_to": c.valid_to,
    } for c in succession.former], columns=["id", "name", "kind", "gso_code", "parent_id", "valid_to"])
    links = pd.DataFrame([{
        "old_id": k.old_id, "new_id": k.new_id, "share": k.share, "new_inside_old": k.new_inside_old,
    } for k in succession.links], columns=["old_id", "new_id", "share", "new_inside_old"])
    indicators = pd.DataFrame([{
        "code": i.code, "name_vi": i.name_vi, "name_en": i.name_en, "unit_vi": i.unit_vi, "unit_en": i.unit_en,
        "description_vi": i.description_vi, "description_en": i.description_en, "headline": i.headline,
        "sort_order": i.order,
    } for i in catalog.indicators])
    breakdowns = pd.DataFrame([{
        "indicator": i.code, "code": b.code, "name_vi": b.name_vi, "name_en": b.name_en,
        "part_of": b.part_of or None, "sort_order": n,
    } for i in catalog.indicators for n, b in enumerate(i.breakdowns)])
    src = pd.DataFrame([{
        "id": s.id, "kind": s.kind, "title": s.title, "publisher": s.publisher or None, "url": s.url or None,
        "published": s.published or None, "published_date": s.published_date, "file_name": s.file_name,
        "file_hash": s.file_hash,
    } for s in sorted(sources, key=lambda s: s.id)], columns=["id", "kind", "title", "publisher", "url", "published",
                                                              "published_date", "file_name", "file_hash"])
    obs = observations_frame(figures)
    return {"localities": localities, "former_communes": former, "locality_links": links, "indicators": indicators,
            "breakdowns": breakdowns, "sources": src, "observations": obs}


OBS_COLUMNS = ["id", "locality_id", "indicator", "breakdown", "period_kind", "period_start", "period_end", "value",
               "qualifier", "derived", "derived_how", "source_id", "quote", "obtained", "figure_ref", "review_note"]


def observations_frame(figures: list[Figure]) -> pd.DataFrame:
    rows = [{
        "id": observation_id(f), "locality_id": f.locality_id, "indicator": f.indicator, "breakdown": f.breakdown,
        "period_kind": f.period_kind, "period_start": f.period_start, "period_end": f.period_end,
        "value": float(f.value), "qualifier": f.qualifier, "derived": bool(f.derived),
        "derived_how": (f.derived_how or "suy ra") if f.derived else None, "source_id": f.doc,
        "quote": f.quote or None, "obtained": f.obtained, "figure_ref": f.number_text or None,
        "review_note": f.review_note or None,
    } for f in figures]
    df = pd.DataFrame(rows, columns=OBS_COLUMNS)
    return df.drop_duplicates("id").sort_values("id").reset_index(drop=True)


# The SQL twin of observation_id(), for observations that arrive as columns (etl/bulktable.py).
BULK_ID_SQL = """substr(sha1(concat_ws('|', source_id, locality_id, indicator, breakdown, period_kind,
    coalesce(CAST(period_start AS VARCHAR), 'None'), coalesce(CAST(period_end AS VARCHAR), 'None'), value_repr,
    CASE WHEN derived THEN 'True' ELSE 'False' END, coalesce(figure_ref, ''), '0', '0')), 1, 16)"""
BULK_ORDER = "indicator, breakdown, locality_id, period_end, period_start, id"
# From this many observations on, the per-row key and reference checks of the observations table
# (seconds per million rows in DuckDB) are replaced by the same checks run once over the whole table.
BULK_OBSERVATIONS = 100_000


def schema_sql(*, bulk: bool = False) -> str:
    """etl/sql/schema.sql; for a bulk load, the observations table without its PRIMARY KEY and
    REFERENCES clauses (check_integrity() enforces them after the load). CHECKs stay."""
    text = (SQL / "schema.sql").read_text(encoding="utf-8")
    if not bulk:
        return text
    start = text.index("CREATE TABLE observations")
    end = text.index(");", start)
    block = re.sub(r"\s+REFERENCES \w+ \(\w+\)", "", text[start:end])
    block = re.sub(r"\bid(\s+)VARCHAR PRIMARY KEY", r"id\1VARCHAR NOT NULL", block, count=1)
    return text[:start] + block + text[end:]


INTEGRITY_CHECKS = {
    "mã số liệu trùng": "SELECT id FROM observations GROUP BY id HAVING count(*) > 1",
    "địa phương không có": "SELECT DISTINCT o.locality_id FROM observations o "
                           "ANTI JOIN localities l ON l.id = o.locality_id",
    "chỉ tiêu không có": "SELECT DISTINCT o.indicator FROM observations o "
                         "ANTI JOIN indicators i ON i.code = o.indicator",
    "nguồn không có": "SELECT DISTINCT o.source_id FROM observations o ANTI JOIN sources s ON s.id = o.source_id",
}


def check_integrity(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What the PRIMARY KEY and REFERENCES of observations would refuse, as messages."""
    out = []
    for what, sql in INTEGRITY_CHECKS.items():
        rows = con.sql(sql + " LIMIT 5").fetchall()
        if rows:
            out.append(f"{what}: {', '.join(str(r[0]) for r in rows)}")
    return out


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temporary files of earlier builds of `path` whose process is gone (killed mid-build)."""
    removed = []
    for leftover in path.parent.glob(f".{path.name}.tmp-*"):
        pid_text = leftover.name.removeprefix(f".{path.name}.tmp-").removesuffix(".wal")
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
        except PermissionError:
            pass  # alive, someone else's
    return removed


@dataclass(frozen=True)
class NewDatabase:
    """A database written under a temporary name beside its place, not yet swapped in."""

    path: Path  # where it goes
    temp: Path
    observations: int


def write_new(path: Path, gaz: Gazetteer, catalog: Catalog, sources: list[SourceRow], figures: list[Figure],
              *, synthetic: bool = False, bulk: Sequence[pa.Table] = (),
              on_stage: Callable[[str], None] = lambda stage: None) -> NewDatabase:
    """Write everything to a temporary file beside `path` (nothing at `path` changes). `bulk` holds
    observations that came as columns (large analyst tables)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    frames = _frames(gaz, catalog, sources, figures)
    n_obs = len(frames["observations"]) + sum(t.num_rows for t in bulk)
    bulk_load = n_obs >= BULK_OBSERVATIONS
    digest = hashlib.sha256()
    for s in sorted(sources, key=lambda s: s.id):
        digest.update(f"{s.id}:{s.file_hash}".encode())
    digest.update(str(n_obs).encode())
    new = NewDatabase(path, tmp, n_obs)
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute(schema_sql(bulk=bulk_load))
            for table in ("localities", "former_communes", "locality_links", "indicators", "breakdowns", "sources",
                          "observations"):
                frame = frames[table]
                con.register("frame", frame)
                cols = ", ".join(frame.columns)
                # Table and column names come from this module, never from input.
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM frame")
                con.unregister("frame")
            cols = ", ".join(c for c in OBS_COLUMNS if c != "id")
            if bulk:
                # One statement, sorted the way pages ask (indicator, breakdown, place, period): the file
                # is about half the size, row groups can be skipped by their min/max, and the order is
                # the same at every build.
                con.register("bulk", pa.concat_tables(bulk, promote_options="permissive"))
                con.execute(f"INSERT INTO observations (id, {cols}) SELECT id, {cols} FROM "
                            f"(SELECT {BULK_ID_SQL} AS id, {cols} FROM bulk) ORDER BY {BULK_ORDER}")
                con.unregister("bulk")
            if bulk_load:
                problems = check_integrity(con)
                if problems:
                    raise RuntimeError("cơ sở dữ liệu mới vi phạm ràng buộc: " + "; ".join(problems))
            con.execute((SQL / "views.sql").read_text(encoding="utf-8"))
            con.execute("INSERT INTO build_info VALUES ($h, $s, $o, $syn)",
                        {"h": digest.hexdigest(), "s": len(frames["sources"]), "o": n_obs, "syn": synthetic})
            on_stage("load")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    except BaseException:
        discard(new)
        raise
    return new


def swap_in(new: NewDatabase) -> None:
    """The new database replaces the old one in one step: a reader sees one or the other."""
    try:
        os.replace(new.temp, new.path)
    except BaseException:
        discard(new)
        raise


def discard(new: NewDatabase) -> None:
    """Remove a new database that will not be swapped in."""
    new.temp.unlink(missing_ok=True)
    new.temp.with_name(new.temp.name + ".wal").unlink(missing_ok=True)


def write_database(path: Path, gaz: Gazetteer, catalog: Catalog, sources: list[SourceRow], figures: list[Figure],
                   *, synthetic: bool = False, bulk: Sequence[pa.Table] = ()) -> int:
    """Write everything to `path` atomically (write_new, then swap_in). Returns the number of
    observations written."""
    new = write_new(path, gaz, catalog, sources, figures, synthetic=synthetic, bulk=bulk)
    swap_in(new)
    return new.observations
