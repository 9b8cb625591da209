"""RA, R6.2: the annex of Decision 976/QĐ-UBND is read as agencies fill it (no database needed).

Clause RA is the annex form of Decision 976/QĐ-UBND (Trà Vinh, 2023); R6.2 is the
requirement that agencies can import their registration lists kept in that form.
Here the reader (lib/registration_sheet: locate, rows, reader) on whole sheets: the
header found under title rows, on a later sheet or with its columns in any order, the
signatures and footnote left out, dates and years, 10 000 rows.

The registration sheet's other tests, by the package's modules:
test_registration_sheet_periods.py (periods, text), _files.py (bad files: safety,
workbook), _rows.py (cell problems), _formulas.py (formula and blank cells) and
_writer.py (the annex written back); their fixtures are in _fixtures_sheet.py.
"""

import datetime as dt
import unittest

if __package__:
    from ._fixtures_sheet import (
        DATA,
        FIRST_DATA_ROW,
        HEADER,
        HEADER_ROW,
        SECTORS,
        TAIL,
        ProblemAssertions,
        annex,
        make_xls,
        make_xlsx,
        parse,
    )
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet.py
    from _fixtures_sheet import (
        DATA,
        FIRST_DATA_ROW,
        HEADER,
        HEADER_ROW,
        SECTORS,
        TAIL,
        ProblemAssertions,
        annex,
        make_xls,
        make_xlsx,
        parse,
    )


class TestAnnexReading(ProblemAssertions, unittest.TestCase):
    """RA / R6.2: the annex of Decision 976/QĐ-UBND is read as agencies fill it."""

    def check_standard_rows(self, result):
        self.assertEqual(result.all_problems, [], [p.render() for p in result.all_problems])
        self.assertTrue(result.ok)
        self.assertEqual(result.unit_name, "Sở Tư pháp tỉnh Trà Vinh")
        self.assertEqual(result.header_row, HEADER_ROW)
        self.assertEqual([row.row for row in result.rows], [FIRST_DATA_ROW + i for i in range(3)])
        first, second, third = result.rows
        self.assertEqual(first.seq, 1)
        self.assertEqual(first.implementer, "Phòng Tư pháp")
        self.assertEqual(first.model_name, "Mô hình “Tổ hòa giải khéo”")
        self.assertEqual((first.sector_raw, first.sector_code), ("VH-XH", "VH-XH"))
        self.assertEqual(first.period_raw, "Năm 2024")
        self.assertEqual(
            (first.date_start, first.date_end),
            (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        )
        self.assertEqual(first.expected_result, "Hòa giải 95% vụ việc")
        self.assertIsNone(first.note)
        self.assertEqual(
            (second.date_start, second.date_end),
            (dt.date(2024, 3, 1), dt.date(2024, 12, 31)),
        )
        self.assertEqual(second.note, "Mới")
        self.assertEqual(third.sector_code, "XD HTCT")

    def test_ra_xlsx_header_found_under_title_rows(self):
        result = parse(make_xlsx(annex()))
        self.assertEqual(result.file_format, "xlsx")
        self.check_standard_rows(result)

    def test_ra_legacy_xls_read_through_xlrd(self):
        result = parse(make_xls(annex()), "dang_ky.xls")
        self.assertEqual(result.file_format, "xls")
        self.check_standard_rows(result)

    def test_ra_format_detected_by_content_not_extension(self):
        self.check_standard_rows(parse(make_xls(annex()), "dang_ky.xlsx"))
        self.check_standard_rows(parse(make_xlsx(annex()), "dang_ky.xls"))

    def test_ra_title_merged_cells_are_allowed(self):
        result = parse(make_xlsx(annex(), merges=["A1:C1", "A2:G2", "A3:G3", "E12:G12", "A13:B13"]))
        self.check_standard_rows(result)

    def test_ra_columns_shuffled_and_labels_without_diacritics(self):
        """R6.2: the columns may come in any order and be typed without diacritics."""
        order = [6, 2, 0, 4, 1, 3, 5]
        header = [
            "Ghi chu",
            "Ten mo hinh",
            "STT",
            "Thoi gian thuc hien",
            "Ten tap the/ca nhan",
            "LINH VUC",
            "Ket qua",
        ]
        data = [[row[i] for i in order] for row in DATA]
        result = parse(make_xlsx([header, *data]))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(result.header_row, 1)
        self.assertIsNone(result.unit_name)
        self.assertEqual(result.columns["seq"], "C")
        self.assertEqual(result.columns["implementer"], "E")
        self.assertEqual([row.implementer for row in result.rows], [row[1] for row in DATA])
        self.assertEqual([row.note for row in result.rows], [None, "Mới", None])

    def test_ra_optional_columns_and_numbering_row_may_be_missing(self):
        header = HEADER[1:5]
        data = [row[1:5] for row in DATA]
        result = parse(make_xlsx(annex(data, header=header, numbers=False, tail=[])))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(len(result.rows), 3)
        self.assertIsNone(result.rows[0].seq)
        self.assertIsNone(result.rows[0].expected_result)

    def test_ra_signature_and_footnote_rows_ignored(self):
        """RA: the signature blocks and the "¹ KT = ..." footnote are not data."""
        for name, tail in (
            ("standard", TAIL),
            ("signature right under the table", TAIL[2:]),
            ("footnote right under the table", TAIL[-1:]),
            ("footnote without marker", [["KT = kinh tế; VH-XH = Văn hóa - xã hội"]]),
            ("place and date right under the table", TAIL[1:]),
            (
                "lone remark after a blank row",
                [[], ["Ghi chú: danh sách gửi kèm"], [], TAIL[-1]],
            ),
            ("total row", [[None, "Tổng cộng", "3 mô hình"], *TAIL]),
        ):
            with self.subTest(name):
                result = parse(make_xlsx(annex(tail=tail)))
                self.assertTrue(result.ok, [p.render() for p in result.all_problems])
                self.assertEqual(len(result.rows), 3)

    def test_ra_pre_numbered_empty_rows_are_ignored(self):
        """Templates often number TT 1..20 in advance; unfilled rows are not registrations."""
        result = parse(make_xlsx(annex([*DATA, [4], [5], ["=A10+1"]])))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(len(result.rows), 3)

    def test_ra_blank_row_inside_table_is_skipped(self):
        data = [DATA[0], [], DATA[1], DATA[2]]
        result = parse(make_xlsx(annex(data)))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(
            [row.row for row in result.rows],
            [FIRST_DATA_ROW, FIRST_DATA_ROW + 2, FIRST_DATA_ROW + 3],
        )

    def test_ra_unit_name_variants(self):
        for titles, expected in (
            ([["Đơn vị:", "Ban Dân vận Tỉnh ủy"]], "Ban Dân vận Tỉnh ủy"),
            ([["ĐƠN VỊ ..........Sở Y tế.........."]], "Sở Y tế"),
            ([["DON VI: UBND huyen Cang Long"]], "UBND huyen Cang Long"),
            ([["ĐƠN VỊ: ........................"]], None),
            ([["BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO"]], None),
        ):
            with self.subTest(titles=titles):
                result = parse(make_xlsx(annex(titles=titles)))
                self.assertEqual(result.unit_name, expected)

    def test_ra_header_found_on_a_later_sheet(self):
        data = make_xlsx([["Hướng dẫn điền biểu mẫu"]], sheets={"Dang ky": annex()})
        result = parse(data)
        self.assertEqual(result.sheet_name, "Dang ky")
        self.check_standard_rows(result)

    def test_ra_date_and_year_cells(self):
        data = [
            [1, "Phòng A", "Mô hình A", "KT", dt.datetime(2024, 3, 15), "", ""],
            [2, "Phòng B", "Mô hình B", "KT", 2025, "", ""],
        ]
        for maker in (make_xlsx, make_xls):
            with self.subTest(maker.__name__):
                result = parse(maker(annex(data)))
                self.assertTrue(result.ok, [p.render() for p in result.all_problems])
                self.assertEqual(
                    [(row.date_start, row.date_end) for row in result.rows],
                    [
                        (dt.date(2024, 3, 15), dt.date(2024, 12, 31)),
                        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                    ],
                )
                self.assertEqual([row.period_raw for row in result.rows], ["15/03/2024", "2025"])

    def test_ra_default_year_fills_missing_year(self):
        data = [[1, "Phòng A", "Mô hình A", "KT", "Tháng 3 - tháng 12", "", ""]]
        result = parse(make_xlsx(annex(data)), default_year=2025)
        self.assertTrue(result.ok)
        self.assertEqual(
            (result.rows[0].date_start, result.rows[0].date_end),
            (dt.date(2025, 3, 1), dt.date(2025, 12, 31)),
        )

    def test_ra_ten_thousand_rows_without_problems(self):
        """R6.2: a large list (10 000 rows) is read in one go with no problem."""
        codes = [code for code, _name in SECTORS]
        data = [
            [
                i,
                f"Phòng {i}",
                f"Mô hình dân vận khéo số {i}",
                codes[i % 4],
                f"{1 + i % 6}/2024 - 12/2024",
                "Kết quả",
                "",
            ]
            for i in range(1, 10001)
        ]
        result = parse(make_xlsx(annex(data)))
        self.assertEqual(result.all_problems, [])
        self.assertEqual(len(result.rows), 10000)
        self.assertEqual(result.rows[-1].row, FIRST_DATA_ROW + 9999)
        self.assertEqual(result.rows[-1].model_name, "Mô hình dân vận khéo số 10000")


if __name__ == "__main__":
    unittest.main()
