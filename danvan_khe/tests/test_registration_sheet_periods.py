"""RA columns "Thời gian thực hiện" and "Lĩnh vực": periods, sectors and text (no database needed).

lib/registration_sheet's periods and text modules: the Vietnamese ways of writing a
period (years, months, quarters, dates; with or without diacritics; a default year),
the sectors by code or name (data, not hard-coded), and the normalised text they are
matched on.
"""

import datetime as dt
import unittest

if __package__:
    from ._fixtures_sheet import SECTORS, rs
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_periods.py
    from _fixtures_sheet import SECTORS, rs


class TestPeriods(unittest.TestCase):
    """RA column "Thời gian thực hiện": Vietnamese ways of writing a period."""

    CASES = (
        ("Năm 2024", (2024, 1, 1), (2024, 12, 31)),
        ("2024", (2024, 1, 1), (2024, 12, 31)),
        ("năm 2024.", (2024, 1, 1), (2024, 12, 31)),
        ("01/2024 - 12/2024", (2024, 1, 1), (2024, 12, 31)),
        ("3/2024-12/2024", (2024, 3, 1), (2024, 12, 31)),
        ("Tháng 3 - 12/2024", (2024, 3, 1), (2024, 12, 31)),
        ("Tháng 2/2024", (2024, 2, 1), (2024, 2, 29)),
        ("Từ tháng 3/2024 đến tháng 12/2024", (2024, 3, 1), (2024, 12, 31)),
        ("Từ tháng 3 đến tháng 12 năm 2024", (2024, 3, 1), (2024, 12, 31)),
        ("T3/2024 – T11/2024", (2024, 3, 1), (2024, 11, 30)),
        ("Quý I - IV/2024", (2024, 1, 1), (2024, 12, 31)),
        ("Quý II/2024", (2024, 4, 1), (2024, 6, 30)),
        ("Quý I/2024 - Quý III/2025", (2024, 1, 1), (2025, 9, 30)),
        ("Quý 2 năm 2024", (2024, 4, 1), (2024, 6, 30)),
        ("15/03/2024 - 30/11/2024", (2024, 3, 15), (2024, 11, 30)),
        ("15.03.2024 - 30.11.2024", (2024, 3, 15), (2024, 11, 30)),
        ("15/3 - 30/11/2024", (2024, 3, 15), (2024, 11, 30)),
        ("15/03/2024", (2024, 3, 15), (2024, 12, 31)),
        ("2024 - 2025", (2024, 1, 1), (2025, 12, 31)),
        ("Tháng 10 - 3/2025", (2024, 10, 1), (2025, 3, 31)),
        ("6 tháng đầu năm 2024", (2024, 1, 1), (2024, 6, 30)),
        ("6 tháng cuối năm 2024", (2024, 7, 1), (2024, 12, 31)),
        ("Tu thang 3/2024 den thang 12/2024", (2024, 3, 1), (2024, 12, 31)),
        (dt.date(2024, 3, 15), (2024, 3, 15), (2024, 12, 31)),
        (dt.datetime(2024, 3, 15, 0, 0), (2024, 3, 15), (2024, 12, 31)),
        (2024, (2024, 1, 1), (2024, 12, 31)),
        (2024.0, (2024, 1, 1), (2024, 12, 31)),
    )
    WITH_DEFAULT_YEAR = (
        ("Tháng 3 - tháng 12", (2025, 3, 1), (2025, 12, 31)),
        ("Quý I - Quý II", (2025, 1, 1), (2025, 6, 30)),
        ("Tháng 5", (2025, 5, 1), (2025, 5, 31)),
        ("Cả năm", (2025, 1, 1), (2025, 12, 31)),
    )
    ERRORS = (
        ("", "missing"),
        (None, "missing"),
        ("sớm nhất có thể", "unreadable"),
        ("13/2024", "unreadable"),
        ("Quý V/2024", "unreadable"),
        ("31/02/2024 - 30/11/2024", "unreadable"),
        ("3", "unreadable"),
        (45000, "unreadable"),
        (True, "unreadable"),
        ("1/2024 - 2/2024 - 3/2024", "unreadable"),
        ("Tháng 3 - tháng 12", "no_year"),
        ("12/2024 - 3/2024", "reversed"),
        ("Quý III/2025 - Quý I/2025", "reversed"),
    )

    def test_ra_period_table(self):
        for value, start, end in self.CASES:
            with self.subTest(value=value):
                self.assertEqual(rs.parse_period(value), (dt.date(*start), dt.date(*end)))

    def test_ra_period_default_year(self):
        for value, start, end in self.WITH_DEFAULT_YEAR:
            with self.subTest(value=value):
                self.assertEqual(rs.parse_period(value, 2025), (dt.date(*start), dt.date(*end)))
        self.assertEqual(rs.parse_period("3/2024 - 12/2024", 2025)[0], dt.date(2024, 3, 1))

    def test_ra_period_errors(self):
        for value, code in self.ERRORS:
            with self.subTest(value=value):
                with self.assertRaises(rs.PeriodError) as caught:
                    rs.parse_period(value)
                self.assertEqual(caught.exception.code, code)


class TestSectorsAndText(unittest.TestCase):
    """RA column "Lĩnh vực": codes or names, with or without diacritics."""

    def test_ra_sector_matching(self):
        matcher = rs.SectorMatcher(SECTORS)
        for value, code in (
            ("KT", "KT"),
            ("kt", "KT"),
            ("Kinh tế", "KT"),
            ("kinh te", "KT"),
            ("VH-XH", "VH-XH"),
            ("VH - XH", "VH-XH"),
            ("vhxh", "VH-XH"),
            ("Văn hoá – xã hội", "VH-XH"),
            ("Văn hóa - Xã hội", "VH-XH"),
            ("van hoa xa hoi", "VH-XH"),
            ("AN-QP", "AN-QP"),
            ("An ninh - Quốc phòng", "AN-QP"),
            ("Quốc phòng - an ninh", "AN-QP"),
            ("quoc phong va an ninh", "AN-QP"),
            ("XD HTCT", "XD HTCT"),
            ("XDHTCT", "XD HTCT"),
            ("Xây dựng hệ thống chính trị", "XD HTCT"),
            ("Lĩnh vực kinh tế", "KT"),
            ("Văn hóa - xã hội (VH-XH)", "VH-XH"),
            ("Y tế", None),
            ("", None),
        ):
            with self.subTest(value=value):
                self.assertEqual(matcher.match(value), code)

    def test_sectors_are_data_not_hard_coded(self):
        matcher = rs.SectorMatcher([("MT", "Môi trường"), ("MT", "Environment")])
        self.assertEqual(matcher.match("moi truong"), "MT")
        self.assertEqual(matcher.match("environment"), "MT")
        self.assertIsNone(matcher.match("KT"))
        self.assertEqual(matcher.codes, ["MT"])

    def test_normalize_text(self):
        self.assertEqual(rs.normalize_text("  Phòng Tư   pháp. "), "phong tu phap")
        self.assertEqual(rs.normalize_text("ĐƠN VỊ: Sở Tư pháp"), "don vi so tu phap")
        self.assertEqual(rs.normalize_text("Văn hoá – Xã hội"), rs.normalize_text("van hoa xa hoi"))
        self.assertEqual(rs.normalize_text(None), "")
        self.assertEqual(rs.normalize_text(2024), "2024")


if __name__ == "__main__":
    unittest.main()
