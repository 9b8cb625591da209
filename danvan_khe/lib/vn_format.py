"""Vietnamese ways of writing dates and periods on printed forms (no Odoo import)."""

import calendar


def format_vn_date(day):
    """26 June 2023 → 'ngày 26 tháng 6 năm 2023', as administrative documents write it."""
    if not day:
        return "ngày ... tháng ... năm ..."
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def format_vn_period(start, end):
    """An implementation period as registration forms write it: 'Năm 2024', '03/2024 - 12/2024', dates."""
    if not start and not end:
        return ""
    if not start or not end:
        day = start or end
        return day.strftime("%d/%m/%Y")
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and start.month == 1 and end.month == 12 and start.year == end.year:
        return f"Năm {start.year}"
    if whole_months:
        return f"{start.month:02d}/{start.year} - {end.month:02d}/{end.year}"
    return f"{start:%d/%m/%Y} - {end:%d/%m/%Y}"
