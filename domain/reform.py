"""The administrative reform of 1 July 2025: the district level ended and provinces merged (Gia Lai with Bình Định)."""
from __future__ import annotations

import datetime as dt

REFORM_DATE = dt.date(2025, 7, 1)  # the first day of the new units
LAST_DAY_BEFORE_REFORM = REFORM_DATE - dt.timedelta(days=1)  # 30/06/2025: the last day of districts
