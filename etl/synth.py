"""A synthetic national dataset in the analyst-table format: `python -m etl synth --out PATH`.

63 provinces (the real pre-2025 names), about 705 districts and 10,600 communes with made-up
names ("Huyện GL-03", "Xã GL-03-07"; Hà Nội's and Gia Lai's real districts keep their names),
every indicator of data/indicators.yaml with its breakdowns, 15 years, gaps, partial-year,
cumulative, event and derived rows: about 2.3 million figures, the same for the same seed.

EVERY NUMBER IS INVENTED. The folder gets a synthetic.yaml marker and every source title starts
with "GIẢ LẬP"; `python -m etl build --tables PATH --db OTHER.duckdb` then builds a database of it
alone (no report, no review row) with build_info.synthetic = true, and refuses to mix it with
real tables. Never build it into data/danvan.duckdb.
"""
from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from domain.reform import LAST_DAY_BEFORE_REFORM
from etl.bulktable import Vocab
from etl.catalog import Catalog, load_catalog
from etl.gazetteer import Gazetteer, Locality
from etl.locindex import LOCALITY_COLUMNS, ExtendedGazetteer
from etl.tabledir import EXTRA_LOCALITIES, SYNTHETIC_MARKER, SYNTHETIC_TAG
from etl.textnorm import strip_accents

N_DISTRICTS = 705
N_COMMUNES = 10_600
DEFAULT_SEED = 2025
DEFAULT_YEARS = 15
DEFAULT_END_YEAR = 2024
REFORM_EVE = LAST_DAY_BEFORE_REFORM  # districts and communes as they were until the July 2025 reform
TABLE_COLUMNS = ("locality", "province", "indicator", "breakdown", "period", "value", "qualifier", "derived",
                 "source", "publisher", "published", "note")
NOTE_ESTIMATE = "số liệu ước tính (giả lập)"


@dataclass
class Place:
    id: str
    ref: str  # how the tables name it ("Xã GL-03-07", "Sóc Sơn", "Gia Lai")
    province: int  # index of its province
    level: str
    size: float  # how big its figures are, relative to a commune


@dataclass
class Chunk:
    place: np.ndarray
    period: np.ndarray
    source: np.ndarray
    value: np.ndarray
    file_year: np.ndarray
    indicator: int
    breakdown: int
    qualifier: np.ndarray
    derived: int
    dotted: bool  # values of 1000 and more written the Vietnamese way (13.663)


MODEL_SPLITS = (  # the ways a place splits its models: one of them per place and year
    (("collective", "individual"), [0.6, 0.4]),
    (("province_level", "district_level", "commune_level"), [0.05, 0.25, 0.7]),
    (("maintained", "new"), [0.7, 0.3]),
    (("model", "exemplar"), [0.55, 0.45]))


@dataclass(frozen=True)
class Calendar:
    """[province, year] → the source of its report (a year's, six and nine months') and the period
    as it writes it; the year of the file each figure goes to."""

    annual: np.ndarray
    half: np.ndarray
    nine: np.ndarray
    per_year: np.ndarray
    per_half: np.ndarray
    per_nine: np.ndarray
    file_y: np.ndarray


@dataclass(frozen=True)
class Level:
    """Provinces, districts or communes: their places and [place, year] whether each reports."""

    name: str
    places: np.ndarray
    present: np.ndarray
    drop: float  # the share of figures a reporting place leaves out


class Synth:
    def __init__(self, seed: int, years: int, end_year: int, n_provinces: int | None,
                 gaz: Gazetteer, catalog: Catalog) -> None:
        self.rng = np.random.default_rng(seed)
        self.seed = seed
        self.years = np.arange(end_year - years + 1, end_year + 1)
        self.gaz = gaz
        self.catalog = catalog
        self.places: list[Place] = []
        self.new_localities: list[Locality] = []
        self.periods = Vocab()
        self.sources = Vocab()  # (title, publisher, published)
        self.indicators = Vocab()
        self.breakdowns = Vocab()
        self.chunks: list[Chunk] = []
        self._make_places(n_provinces)

    # --- places ---------------------------------------------------------------------------
    def _make_places(self, n_provinces: int | None) -> None:
        rng = self.rng
        provinces = [loc for loc in self.gaz.localities if loc.level == "province" and loc.valid_from is None]
        provinces = provinces[:n_provinces] if n_provinces else provinces
        self.province_locs = provinces
        abbrs: dict[str, str] = {}
        taken: set[str] = set()
        for loc in provinces:
            ab = "".join(w[0] for w in strip_accents(loc.name).upper().replace("-", " ").split())
            abbrs[loc.id] = ab if ab not in taken else f"{ab}{loc.gso_code}"
            taken.add(abbrs[loc.id])
        real = {p.id: [d for d in self.gaz.localities if d.parent_id == p.id and d.level == "district"]
                for p in provinces}
        scale = len(provinces) / 63
        full = {pid for pid, ds in real.items() if len(ds) >= 5}  # Hà Nội, Gia Lai: their real districts
        rest = [p for p in provinces if p.id not in full]
        budget = round(N_DISTRICTS * scale) - sum(len(real[pid]) for pid in full)
        counts = {p.id: len(real[p.id]) for p in provinces if p.id in full}
        if rest:
            extra = rng.multinomial(max(budget - 6 * len(rest), 0), rng.dirichlet(np.full(len(rest), 4.0)))
            counts.update({p.id: 6 + int(k) for p, k in zip(rest, extra, strict=True)})
        n_dist = sum(counts.values())
        per_district = 5 + rng.multinomial(max(round(N_COMMUNES * scale) - 5 * n_dist, 0),
                                           rng.dirichlet(np.full(n_dist, 3.0)))
        self.p_places: list[int] = []
        self.d_idx: list[int] = []
        self.c_idx: list[int] = []
        k = 0
        for pi, prov in enumerate(provinces):
            psize = float(rng.lognormal(0.0, 0.45))
            p_place = len(self.places)
            self.places.append(Place(prov.id, prov.name, pi, "province", 0.0))
            districts: list[tuple[str, str, int]] = [(d.id, d.name, i + 1) for i, d in enumerate(real[prov.id])]
            for n in range(len(districts) + 1, counts[prov.id] + 1):
                kind = "thành phố" if n == 1 else ("thị xã" if rng.random() < 0.1 else "huyện")
                did = f"{prov.id}.syn-{n:02d}"
                name = f"{abbrs[prov.id]}-{n:02d}"
                self.new_localities.append(_loc(did, name, kind, "district", prov.id))
                districts.append((did, f"{kind.capitalize()} {name}", n))
            province_total = 0.0
            for did, ref, n in districts:
                dsize = 0.0
                d_place = len(self.places)
                self.places.append(Place(did, ref, pi, "district", 0.0))
                self.d_idx.append(d_place)
                for c in range(1, int(per_district[k]) + 1):
                    r = rng.random()
                    kind = "phường" if r < 0.15 else ("thị trấn" if r < 0.2 else "xã")
                    name = f"{abbrs[prov.id]}-{n:02d}-{c:02d}"
                    cid = f"{did}.x{c:02d}"
                    self.new_localities.append(_loc(cid, name, kind, "commune", did))
                    size = psize * float(rng.lognormal(0.0, 0.5))
                    dsize += size
                    self.c_idx.append(len(self.places))
                    self.places.append(Place(cid, f"{kind.capitalize()} {name}", pi, "commune", size))
                self.places[d_place].size = dsize * 0.35 + psize * 2
                province_total += self.places[d_place].size
                k += 1
            self.places[p_place].size = province_total * 0.4 + psize * 20
            self.p_places.append(p_place)
        self.d_idx_a = np.array(self.d_idx)
        self.c_idx_a = np.array(self.c_idx)
        self.prov_place = np.array(self.p_places)
        self.province_of = np.array([p.province for p in self.places])
        self.size = np.array([p.size for p in self.places])

    # --- sources and periods ---------------------------------------------------------------
    def _source(self, pi: int, what: str, published: str) -> int:
        name = self.province_locs[pi].name
        return self.sources.code((f"{SYNTHETIC_TAG} — {name}: {what}", f"Ban Dân vận {name} (giả lập)", published))

    def _year_sources(self, what: str, month: int) -> np.ndarray:
        """[province, year] → source code of that province's report of that year."""
        out = np.zeros((len(self.province_locs), len(self.years)), dtype=np.int64)
        for pi in range(len(self.province_locs)):
            for yi, y in enumerate(self.years):
                day = 5 + (pi * 7 + yi * 3) % 20
                out[pi, yi] = self._source(pi, what.format(y=y), f"{y}-{month:02d}-{day:02d}")
        return out

    # --- figures ---------------------------------------------------------------------------
    def values(self, places: np.ndarray, mean: float, trend: float, noise: float = 0.18) -> np.ndarray:
        """[place, year] → a count around mean × size × (1 + trend)^t."""
        t = np.arange(len(self.years))
        grow = (1.0 + trend) ** t
        jitter = self.rng.lognormal(0.0, noise, (len(places), len(self.years)))
        return np.rint(mean * self.size[places][:, None] * grow[None, :] * jitter).astype(np.int64)

    def emit(self, places: np.ndarray, mask: np.ndarray, values: np.ndarray, indicator: str, breakdown: str,
             periods: np.ndarray, sources: np.ndarray, file_years: np.ndarray, *, derived: bool = False,
             qualifier: np.ndarray | None = None, dotted: bool = False) -> None:
        """One row per True cell of mask[place, column]; periods/sources/file_years are [province, column]."""
        li, ci = np.nonzero(mask)
        prov = self.province_of[places[li]]
        self.chunks.append(Chunk(
            place=places[li], period=periods[prov, ci], source=sources[prov, ci], value=values[li, ci],
            file_year=file_years[prov, ci], indicator=self.indicators.code(indicator),
            breakdown=self.breakdowns.code(breakdown),
            qualifier=np.zeros(len(li), dtype=np.int64) if qualifier is None else qualifier[li, ci],
            derived=int(derived), dotted=dotted))

    def split(self, total: np.ndarray, shares: list[float], spread: float = 30.0) -> list[np.ndarray]:
        """Parts that add up exactly to total (shares vary a little from place to place)."""
        w = self.rng.dirichlet(np.array(shares) * spread, total.shape)
        parts = [np.floor(total * w[..., k]).astype(np.int64) for k in range(len(shares) - 1)]
        parts.append(total - sum(parts))
        return parts

    def generate(self) -> None:
        """Every figure of the set: each level's yearly and part-year figures, then the derived,
        cumulative and one-day ones, and the half year after the last (the order of the random draws
        is part of the output: the same seed gives the same files)."""
        cal = self._calendar()
        levels = self._levels()
        totals: dict[tuple[str, str], np.ndarray] = {}
        for level in levels:
            totals.update(self._level_figures(_Writer(self, level, cal)))
        self._derived_rows(cal.annual, cal.per_year, cal.file_y)
        self._cumulative_rows({lv.name: lv.places for lv in levels}, totals)
        self._event_rows(cal.annual)
        self._last_half_year()

    def _calendar(self) -> Calendar:
        """Each province's reports (a year's, six and nine months') and how it writes their periods."""
        npv, ny = len(self.province_locs), len(self.years)
        annual = self._year_sources("báo cáo công tác dân vận năm {y}", 12)
        half = self._year_sources("sơ kết 6 tháng đầu năm {y}", 7)
        nine = self._year_sources("sơ kết 9 tháng năm {y}", 10)
        style = self.rng.random(npv) < 0.3  # these provinces write "năm 2023"
        per_year = np.array([[self.periods.code(f"năm {y}" if style[p] else str(y)) for y in self.years]
                             for p in range(npv)])
        per_half = np.array([[self.periods.code(f"6 tháng đầu năm {y}") for y in self.years]] * npv)
        per_nine = np.array([[self.periods.code(f"9 tháng {y}") for y in self.years]] * npv)
        return Calendar(annual, half, nine, per_year, per_half, per_nine, np.broadcast_to(self.years, (npv, ny)))

    def _levels(self) -> list[Level]:
        """Provinces, districts and communes, and the years each one reports at all (some communes
        only from a later year)."""
        ny, nc = len(self.years), len(self.c_idx_a)
        first = self.years[0]
        district = self.rng.random((len(self.d_idx_a), ny)) > 0.03
        commune = (self.rng.random((nc, ny)) > 0.06) & (
            self.years[None, :] >= np.where(self.rng.random(nc) < 0.2, first + self.rng.integers(1, 6, nc),
                                            first)[:, None])
        return [Level("province", self.prov_place, np.ones((len(self.province_locs), ny), dtype=bool), 0.01),
                Level("district", self.d_idx_a, district, 0.02),
                Level("commune", self.c_idx_a, commune, 0.04)]

    def since(self, year: int) -> np.ndarray:
        """[1, year column]: the columns from `year` on."""
        return np.broadcast_to(self.years >= year, (1, len(self.years)))

    def _level_figures(self, w: _Writer) -> dict[tuple[str, str], np.ndarray]:
        """One level's yearly figures of every indicator and its part-year totals; the models'
        yearly totals (for the cumulative rows)."""
        turns = self._reception(w)
        pet = self._petitions(w)
        reg, recog = self._models(w)
        dia = self._dialogues(w)
        com = self._commendations(w)
        self._inspections(w)
        self._part_years(w, {"reception_turns": turns, "petitions": pet, "models_registered": reg,
                             "dialogues": dia, "commendations": com})
        return {(w.level.name, "models_registered"): reg, (w.level.name, "models_recognized"): recog}

    def _reception(self, w: _Writer) -> np.ndarray:
        """Citizen reception: turns and persons, with their parts."""
        turns = self.values(w.places, 30.0, -0.01)
        mask = w.keep()
        w.put("reception_turns", "total", turns, mask, q=True)
        regular, leader, deputy = self.split(turns, [0.75, 0.2, 0.05])
        w.put("reception_turns", "regular", regular, mask & w.keep())
        w.put("reception_turns", "leader", leader, mask & w.keep())
        if w.big:
            w.put("reception_turns", "deputy", deputy, mask & self.since(2016) & w.keep())
        persons = np.floor(turns * self.rng.uniform(0.7, 0.95, turns.shape)).astype(np.int64)
        pmask = w.keep()
        w.put("reception_persons", "total", persons, pmask)
        if w.province:
            for b, v in zip(("regular", "leader", "deputy"), self.split(persons, [0.75, 0.2, 0.05]), strict=True):
                w.put("reception_persons", b, v, pmask)
        if w.big:
            w.put("group_delegations", "total", self.values(w.places, 0.3, -0.03, 0.4), w.keep())
        return turns

    def _petitions(self, w: _Writer) -> np.ndarray:
        pet = self.values(w.places, 12.0, 0.0, 0.3)
        pmask = w.keep()
        w.put("petitions", "total", pet, pmask, q=True)
        cd, rec = self.split(pet, [0.4, 0.6])
        w.put("petitions", "complaint_denunciation", cd, pmask & w.keep())
        w.put("petitions", "recommendation", rec, pmask & w.keep())
        if w.province:
            comp, den = self.split(cd, [0.7, 0.3])
            w.put("petitions", "complaint", comp, pmask)
            w.put("petitions", "denunciation", den, pmask)
        return pet

    def _models(self, w: _Writer) -> tuple[np.ndarray, np.ndarray]:
        """"Dân vận khéo" models: registered and recognised, one way of splitting per place and year."""
        reg = self.values(w.places, 3.0, 0.06, 0.25)
        recog = np.floor(reg * self.rng.uniform(0.4, 0.75, reg.shape)).astype(np.int64)
        for ind, v in (("models_registered", reg), ("models_recognized", recog)):
            mask = w.keep()
            w.put(ind, "total", v, mask, q=ind == "models_registered")
            if w.level.name == "commune":
                continue
            scheme = self.rng.integers(0, 4, v.shape) if w.province else np.zeros(v.shape, dtype=np.int64)
            for s, (codes, shares) in enumerate(MODEL_SPLITS):
                for b, part in zip(codes, self.split(v, shares), strict=True):
                    w.put(ind, b, part, mask & (scheme == s))
            if w.province:
                # Cities (Hà Nội, Hải Phòng, …) give their best models a certificate of merit.
                city = np.array([self.province_locs[self.places[p].province].kind == "thành phố"
                                 for p in w.places])[:, None]
                w.put(ind, "city_commendation", np.floor(v * 0.2).astype(np.int64), mask & city)
        return reg, recog

    def _dialogues(self, w: _Writer) -> np.ndarray:
        """Dialogues and the opinions raised at them."""
        dia = self.values(w.places, 1.5, 0.05, 0.3)
        dmask = w.keep() & (self.since(self.years[0] + 3) if w.level.name == "commune" else True)
        w.put("dialogues", "total", dia, dmask)
        opinions = dia * self.rng.integers(4, 14, dia.shape)
        omask = dmask & w.keep()
        w.put("dialogue_opinions", "total", opinions, omask)
        if w.big:
            lv = ("province_level", "district_level", "commune_level") if w.province \
                else ("district_level", "commune_level")
            sh = [0.05, 0.25, 0.7] if w.province else [0.3, 0.7]
            for b, part in zip(lv, self.split(dia, sh), strict=True):
                w.put("dialogues", b, part, dmask)
            if w.province:
                for b, part in zip(lv, self.split(opinions, sh), strict=True):
                    w.put("dialogue_opinions", b, part, omask)
                w.put("dialogues", "unscheduled", np.floor(dia * 0.1).astype(np.int64), dmask & self.since(2020))
        return dia

    def _commendations(self, w: _Writer) -> np.ndarray:
        com = self.values(w.places, 1.2, 0.02, 0.35)
        cmask = w.keep()
        w.put("commendations", "total", com, cmask)
        if w.province:
            for b, part in zip(("collective", "individual"), self.split(com, [0.45, 0.55]), strict=True):
                w.put("commendations", b, part, cmask)
        return com

    def _inspections(self, w: _Writer) -> None:
        if not w.big:
            return
        ins = self.values(w.places, 0.6, 0.0, 0.3)
        imask = w.keep()
        w.put("inspections", "total", ins, imask)
        planned, unannounced = self.split(ins, [0.8, 0.2])
        w.put("inspections", "planned", planned, imask)
        w.put("inspections", "unannounced", unannounced, imask)
        if w.province:
            w.put("inspections", "concluded", np.floor(ins * 0.9).astype(np.int64), imask)
            ps = self.values(w.places, 0.4, 0.05, 0.3)
            smask = w.keep() & self.since(2019)
            w.put("inspections", "public_service", ps, smask)
            for b, part in zip(("public_service_unannounced", "public_service_verification"),
                               self.split(ps, [0.5, 0.5]), strict=True):
                w.put("inspections", b, part, smask)

    def _part_years(self, w: _Writer, yearly: dict[str, np.ndarray]) -> None:
        """Six months (and nine months for provinces) of some indicators, totals only; communes
        only in the last years."""
        recent = self.since(self.years[-1] - 5)
        for ind, v in yearly.items():
            if w.level.name == "commune" and ind in ("dialogues", "commendations"):
                continue
            mask = w.keep() & (recent if w.level.name == "commune" else True)
            w.put_part(ind, v, 0.5, w.cal.per_half, w.cal.half, mask)
            if w.province:
                w.put_part(ind, v, 0.75, w.cal.per_nine, w.cal.nine, w.keep() & (self.rng.random(v.shape) < 0.5))

    def _derived_rows(self, annual: np.ndarray, per_year: np.ndarray, file_y: np.ndarray) -> None:
        """A province's report of year y also says "tăng … so với năm y-1": a derived figure for y-1,
        usually equal to last year's report, now and then not (a conflict between sources)."""
        for chunk in list(self.chunks):
            if chunk.breakdown != self.breakdowns.code("total") or chunk.derived:
                continue
            if self.indicators.items[chunk.indicator] not in ("reception_turns", "petitions"):
                continue
            is_prov = np.isin(chunk.place, self.prov_place)
            is_annual = np.isin(chunk.source, annual[:, :-1].ravel())
            sel = np.flatnonzero(is_prov & is_annual & (chunk.file_year < self.years[-1]))
            if not len(sel):
                continue
            prov = self.province_of[chunk.place[sel]]
            yi = chunk.file_year[sel] - self.years[0]
            off = self.rng.random(len(sel)) < 0.01
            value = chunk.value[sel] + np.where(off, self.rng.integers(1, 30, len(sel)), 0)
            self.chunks.append(Chunk(
                place=chunk.place[sel], period=per_year[prov, yi], source=annual[prov, yi + 1], value=value,
                file_year=file_y[prov, yi + 1], indicator=chunk.indicator, breakdown=chunk.breakdown,
                qualifier=np.zeros(len(sel), dtype=np.int64), derived=1, dotted=True))

    def _cumulative_rows(self, levels: dict[str, np.ndarray], totals: dict[tuple[str, str], np.ndarray]) -> None:
        """Term reports: models built over 2011–2015, 2016–2020, 2021 to the last year."""
        starts = sorted({int((y - 1) // 5 * 5 + 1) for y in self.years})
        for a in starts:
            b = min(a + 4, int(self.years[-1]))
            cols = (self.years >= a) & (self.years <= b)
            if cols.sum() < 3:
                continue
            npv = len(self.province_locs)
            sources = np.array([[self._source(p, f"tổng kết giai đoạn {a}-{b}", f"{b}-12-28")] for p in range(npv)])
            periods = np.full((npv, 1), self.periods.code(f"{a}-{b}"))
            files = np.full((npv, 1), b)
            for level, places in levels.items():
                for ind in ("models_registered", "models_recognized"):
                    v = totals[(level, ind)][:, cols].sum(axis=1)[:, None]
                    mask = self.rng.random(v.shape) > 0.05
                    self.emit(places, mask, v, ind, "total", periods, sources, files, dotted=level == "province")

    def _event_rows(self, annual: np.ndarray) -> None:
        """One dialogue conference a year per province: the opinions raised that day."""
        npv = len(self.province_locs)
        ny = len(self.years)
        days = self.rng.integers(0, 300, (npv, ny))
        periods = np.array([[self.periods.code(date.fromordinal(date(int(y), 3, 1).toordinal() + int(days[p, i]))
                                               .isoformat()) for i, y in enumerate(self.years)] for p in range(npv)])
        values = self.rng.integers(20, 120, (npv, ny))
        mask = self.rng.random((npv, ny)) < 0.6
        self.emit(self.prov_place, mask, values, "dialogue_opinions", "total", periods, annual,
                  np.broadcast_to(self.years, (npv, ny)))

    def _last_half_year(self) -> None:
        """The first half of the year after the last: the most recent figures before the reform."""
        y = int(self.years[-1]) + 1
        if date(y, 6, 30) > REFORM_EVE:
            return
        npv = len(self.province_locs)
        sources = np.array([[self._source(p, f"sơ kết 6 tháng đầu năm {y}", f"{y}-07-{10 + p % 15:02d}")]
                            for p in range(npv)])
        periods = np.full((npv, 1), self.periods.code(f"6 tháng đầu năm {y}"))
        files = np.full((npv, 1), y)
        for ind, mean in (("reception_turns", 15.0), ("petitions", 6.0), ("models_registered", 2.0)):
            v = np.rint(mean * self.size[self.prov_place] * self.rng.lognormal(0, 0.15, npv))[:, None].astype(np.int64)
            self.emit(self.prov_place, np.ones((npv, 1), dtype=bool), v, ind, "total", periods, sources, files,
                      dotted=True)

    # --- writing ---------------------------------------------------------------------------
    def tables(self) -> dict[int, pa.Table]:
        """file year → its table (string columns, dictionary-encoded)."""
        cat = lambda name: np.concatenate([getattr(c, name) for c in self.chunks])  # noqa: E731
        place, period, source, value, fyear, qual = (cat(n) for n in ("place", "period", "source", "value",
                                                                      "file_year", "qualifier"))
        rep = lambda name: np.concatenate([np.full(len(c.place), getattr(c, name)) for c in self.chunks])  # noqa: E731
        ind, brk, derived, dotted = rep("indicator"), rep("breakdown"), rep("derived"), rep("dotted").astype(bool)
        dotted &= value >= 1000
        vkey = value * 2 + dotted
        uniq, vidx = np.unique(vkey, return_inverse=True)
        vtext = [f"{k // 2:,}".replace(",", ".") if k % 2 else str(k // 2) for k in uniq.tolist()]
        locs = [p.ref for p in self.places]
        provs = ["" if p.level == "province" else self.province_locs[p.province].name for p in self.places]
        titles = [s[0] for s in self.sources.items]
        publishers = [s[1] for s in self.sources.items]
        published = [s[2] for s in self.sources.items]
        note_idx = (qual == 2).astype(np.int64)

        def col(indices: np.ndarray, items: list[str]) -> pa.Array:
            """The texts of a column, dictionary-encoded with only (and each once) the texts it uses:
            the same data always gives the same file."""
            return pc.dictionary_encode(pa.array(items, pa.string()).take(pa.array(indices)))

        out = {}
        for y in np.unique(fyear).tolist():
            sel = np.flatnonzero(fyear == y)
            out[int(y)] = pa.table({
                "locality": col(place[sel], locs),
                "province": col(place[sel], provs),
                "indicator": col(ind[sel], self.indicators.items),
                "breakdown": col(brk[sel], self.breakdowns.items),
                "period": col(period[sel], self.periods.items),
                "value": col(vidx[sel], vtext),
                "qualifier": col(qual[sel], ["", "at_least", "approx"]),
                "derived": col(derived[sel], ["", "yes"]),
                "source": col(source[sel], titles),
                "publisher": col(source[sel], publishers),
                "published": col(source[sel], published),
                "note": col(note_idx[sel], ["", NOTE_ESTIMATE]),
            })
        return out


class _Writer:
    """Figures of one level of places into the synth's chunks: which ones a place gives (keep) and
    rows of its yearly report (put) or of its part-year reports (put_part)."""

    def __init__(self, synth: Synth, level: Level, cal: Calendar) -> None:
        self.synth, self.level, self.cal = synth, level, cal
        self.places = level.places
        self.province = level.name == "province"
        self.big = level.name != "commune"

    def keep(self) -> np.ndarray:
        """[place, year] the figure is given: the place reports that year and did not leave it out."""
        return self.level.present & (self.synth.rng.random(self.level.present.shape) > self.level.drop)

    def put(self, indicator: str, breakdown: str, values: np.ndarray, mask: np.ndarray, *, q: bool = False) -> None:
        """Rows of the yearly reports; with `q`, a province's value is now and then "hơn"/"khoảng"."""
        self.synth.emit(self.places, mask, values, indicator, breakdown, self.cal.per_year, self.cal.annual,
                        self.cal.file_y, qualifier=self._qualifiers(values.shape) if q else None,
                        dotted=self.province)

    def put_part(self, indicator: str, values: np.ndarray, share: float, periods: np.ndarray, sources: np.ndarray,
                 mask: np.ndarray) -> None:
        """Totals of part of the year: about `share` of the year's."""
        part = np.floor(values * share * self.synth.rng.uniform(0.85, 1.15, values.shape)).astype(np.int64)
        self.synth.emit(self.places, mask, part, indicator, "total", periods, sources, self.cal.file_y,
                        dotted=self.province)

    def _qualifiers(self, shape: tuple[int, ...]) -> np.ndarray | None:
        if not self.province:
            return None
        r = self.synth.rng.random(shape)
        return np.where(r < 0.02, 1, np.where(r < 0.03, 2, 0))


def _loc(lid: str, name: str, kind: str, level: str, parent: str) -> Locality:
    return Locality(id=lid, name=name, kind=kind, level=level, gso_code="", parent_id=parent, valid_from=None,
                    valid_to=REFORM_EVE, successor_id="", aliases=(f"{kind.capitalize()} {name}",),
                    note="giả lập (synthetic)")


@dataclass
class SynthSummary:
    out: Path
    files: list[str]
    provinces: int
    districts: int
    communes: int
    observations: int


def write_synthetic(out: Path, *, seed: int = DEFAULT_SEED, years: int = DEFAULT_YEARS,
                    end_year: int = DEFAULT_END_YEAR, provinces: int | None = None, fmt: str = "parquet",
                    gaz: Gazetteer | None = None, catalog: Catalog | None = None) -> SynthSummary:
    """Write the synthetic dataset into the folder `out` (replaced if it holds an earlier one)."""
    import pyarrow.csv as pcsv  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    if out.exists():
        if not (out / SYNTHETIC_MARKER).is_file() and any(out.iterdir()):
            raise FileExistsError(f"{out} có tệp khác: chọn thư mục trống hoặc thư mục giả lập cũ")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    s = Synth(seed, years, end_year, provinces, gaz or ExtendedGazetteer.load(), catalog or load_catalog())
    s.generate()
    tables = s.tables()
    files = []
    for y, table in sorted(tables.items()):
        name = f"nam-{y}.{fmt}"
        if fmt == "parquet":
            pq.write_table(table, out / name, compression="zstd")
        else:
            plain = pa.table({c: table[c].cast(pa.string()) for c in table.column_names})
            # No text of the set needs quotes; "none" fails loudly if one ever does.
            with (out / name).open("wb") as f:
                f.write((",".join(plain.column_names) + "\n").encode("utf-8"))
                pcsv.write_csv(plain, f, write_options=pcsv.WriteOptions(include_header=False,
                                                                         quoting_style="none"))
        files.append(name)
    with (out / EXTRA_LOCALITIES).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(LOCALITY_COLUMNS)
        for loc in s.new_localities:
            w.writerow([loc.id, loc.name, loc.kind, loc.level, loc.gso_code, loc.parent_id, "",
                        loc.valid_to.isoformat() if loc.valid_to else "", "", "|".join(loc.aliases), loc.note])
    n_obs = sum(t.num_rows for t in tables.values())
    levels = [p.level for p in s.places]
    summary = SynthSummary(out, files, levels.count("province"), levels.count("district"), levels.count("commune"),
                           n_obs)
    marker = {
        "synthetic": True,
        "note": ("DỮ LIỆU GIẢ LẬP — mọi con số đều do máy tạo ra, không phải số liệu thật. "
                 "Synthetic data: every number is invented."),
        "generator": "python -m etl synth",
        "seed": seed,
        "years": [int(s.years[0]), int(s.years[-1])],
        "provinces": summary.provinces, "districts": summary.districts, "communes": summary.communes,
        "observations": n_obs,
        "files": files,
    }
    (out / SYNTHETIC_MARKER).write_text(yaml.safe_dump(marker, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "README.md").write_text(
        "# DỮ LIỆU GIẢ LẬP (synthetic data)\n\n"
        "Mọi con số trong thư mục này do `python -m etl synth` tạo ra: không phải số liệu thật.\n"
        "Chỉ nạp vào một cơ sở dữ liệu riêng: `python -m etl build --tables <thư mục này> --db <tệp riêng>.duckdb`.\n",
        encoding="utf-8")
    return summary
