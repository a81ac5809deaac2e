-- The database the ETL writes. Grain of each table in its comment; tests/test_schema.py checks the rules.

-- One row per administrative unit version (old Gia Lai and the merged Gia Lai are two rows).
CREATE TABLE localities (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,           -- tỉnh, thành phố, quận, huyện, thị xã, phường
    level        VARCHAR NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    gso_code     VARCHAR,
    parent_id    VARCHAR,                    -- a locality id (checked by tests/test_schema.py)
    valid_from   DATE,
    valid_to     DATE,
    successor_id VARCHAR,
    aliases      VARCHAR[] NOT NULL,
    note         VARCHAR,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);

-- One row per commune, ward or township of Hà Nội, old Gia Lai and old Bình Định until 30/06/2025
-- (data/reference/former_communes.csv). Not localities: before the reform figures are kept by district;
-- these rows say what each new unit was formed from, and are found by the name search (unit_search).
CREATE TABLE former_communes (
    id        VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,               -- xã, phường, thị trấn
    gso_code  VARCHAR NOT NULL,
    parent_id VARCHAR NOT NULL REFERENCES localities (id),  -- its district
    valid_to  DATE NOT NULL
);

-- One row per old unit × new unit that took some of its area on 1 July 2025 (data/reference/links.csv):
-- old_id is a district (localities) or a former commune; new_id a commune-level unit (localities).
-- Provinces are linked by localities.successor_id; the table reform_links has both.
CREATE TABLE locality_links (
    old_id         VARCHAR NOT NULL,
    new_id         VARCHAR NOT NULL REFERENCES localities (id),
    share          VARCHAR NOT NULL CHECK (share IN ('whole', 'part')),  -- all of the old unit's area, or some
    new_inside_old BOOLEAN NOT NULL,          -- the new unit lies wholly within the old one
    PRIMARY KEY (old_id, new_id)
);

-- For the pages (etl/sql/views.sql; reform_links and unit_search are tables written at build time), in one place:
--   admin_units      one row per unit of any era and level (localities and former communes): id, name,
--                    kind, level, gso_code, parent, province_id/province, valid_from/valid_to, is_locality
--                    (figures can be attached to it).
--   reform_links     one row per old unit × new unit, named on both sides (kind, level, province,
--                    validity), with share and new_inside_old. An old district's successors:
--                    WHERE old_id = $id; a new unit's predecessors: WHERE new_id = $id (old_level says
--                    district or commune); a province: its merged province, share 'whole'.
--   unit_search      one row per unit × name it is known by (name and aliases), with search_key (lower
--                    case, no tone marks, đ → d: match it with
--                    lower(strip_accents(replace(replace($q, 'Đ', 'D'), 'đ', 'd')))), became (the units
--                    an old unit went into) and formed_from (the units a new unit came from), as lists.
--   observation_facts.crosses_validity   a figure whose period runs over its unit's first or last day
--                    (an old district's "năm 2025"): kept, to be shown marked.

-- One row per indicator of data/indicators.yaml.
CREATE TABLE indicators (
    code           VARCHAR PRIMARY KEY,
    name_vi        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    unit_vi        VARCHAR NOT NULL,
    unit_en        VARCHAR NOT NULL,
    description_vi VARCHAR NOT NULL,
    description_en VARCHAR NOT NULL,
    headline       BOOLEAN NOT NULL,
    sort_order     INTEGER NOT NULL
);

-- One row per indicator × breakdown.
CREATE TABLE breakdowns (
    indicator  VARCHAR NOT NULL REFERENCES indicators (code),
    code       VARCHAR NOT NULL,
    name_vi    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    part_of    VARCHAR,
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (indicator, code)
);

-- One row per input: a report text, an analyst table, or the review file's own additions.
CREATE TABLE sources (
    id                  VARCHAR PRIMARY KEY,
    kind                VARCHAR NOT NULL CHECK (kind IN ('report', 'table', 'review')),
    title               VARCHAR NOT NULL,
    publisher           VARCHAR,
    url                 VARCHAR,
    published           VARCHAR,             -- as known: 2024-12-05, 2024-12, 2024 or NULL
    published_date      DATE,                -- the last day it can be (for ordering)
    file_name           VARCHAR NOT NULL,
    file_hash           VARCHAR NOT NULL
);

-- One row per figure as a source states it: source × locality × indicator × breakdown × period × value.
CREATE TABLE observations (
    id           VARCHAR PRIMARY KEY,
    locality_id  VARCHAR NOT NULL REFERENCES localities (id),
    indicator    VARCHAR NOT NULL REFERENCES indicators (code),
    breakdown    VARCHAR NOT NULL,
    period_kind  VARCHAR NOT NULL CHECK (period_kind IN ('year', 'partial', 'cumulative', 'event')),
    period_start DATE,
    period_end   DATE,
    value        DOUBLE NOT NULL CHECK (value >= 0),
    qualifier    VARCHAR NOT NULL CHECK (qualifier IN ('exact', 'at_least', 'approx')),
    derived      BOOLEAN NOT NULL,
    derived_how  VARCHAR,
    source_id    VARCHAR NOT NULL REFERENCES sources (id),
    quote        VARCHAR,
    obtained     VARCHAR NOT NULL CHECK (obtained IN ('extracted', 'corrected', 'added', 'table')),
    figure_ref   VARCHAR,                    -- the number with the words around it
    review_note  VARCHAR,
    CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end),
    CHECK (derived = (derived_how IS NOT NULL)),
    CHECK (period_kind <> 'year' OR (period_start IS NOT NULL AND period_end IS NOT NULL))
);

-- One row per build: what went in (no clock time, so two builds of the same inputs are equal).
CREATE TABLE build_info (
    inputs_hash    VARCHAR NOT NULL,
    n_sources      INTEGER NOT NULL,
    n_observations INTEGER NOT NULL,
    synthetic      BOOLEAN NOT NULL
);
