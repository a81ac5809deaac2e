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
