"""Plain-Python helpers of the addon (no Odoo import: testable standalone)."""

from . import annex
from .registration_sheet import (
    PeriodError,
    Problem,
    SectorMatcher,
    SheetResult,
    SheetRow,
    normalize_text,
    parse_period,
    parse_registration_sheet,
)

__all__ = [
    "PeriodError",
    "Problem",
    "SectorMatcher",
    "SheetResult",
    "SheetRow",
    "annex",
    "normalize_text",
    "parse_period",
    "parse_registration_sheet",
]
