"""R6.2: each bad cell is reported with its row and annex column label (no database needed).

lib/registration_sheet's rows and messages: missing values, unknown sectors, unreadable,
yearless or reversed periods, formula and error cells, merged cells inside the table,
duplicate rows, too-long text, in .xlsx and in legacy .xls; and a problem rendered to
text, translated.
"""

import unittest

if __package__:
    from ._fixtures_sheet import DATA, FIRST_DATA_ROW, ProblemAssertions, annex, make_xls, make_xlsx, parse, rs
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_rows.py
    from _fixtures_sheet import DATA, FIRST_DATA_ROW, ProblemAssertions, annex, make_xls, make_xlsx, parse, rs


class TestRowProblems(ProblemAssertions, unittest.TestCase):
    """R6.2: each bad cell is reported with its row and annex column label."""

    def parse_one(self, row, maker=make_xlsx, **kwargs):
        return parse(maker(annex([DATA[0], row])), **kwargs)

    def test_missing_model_name(self):
        result = self.parse_one([2, "Phòng A", "", "KT", "2024"])
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(len(result.rows), 2)

    def test_missing_implementer(self):
        result = self.parse_one([2, None, "Mô hình B", "KT", "2024"])
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "implementer")

    def test_missing_sector_and_period(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B"])
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "sector")
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "period")

    def test_unknown_sector_quotes_value(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "Y tế", "2024"])
        problem = self.assert_row_problem(result, rs.MSG_UNKNOWN_SECTOR, FIRST_DATA_ROW + 1, "sector")
        self.assertIn('"Y tế"', problem.render())
        self.assertIn("XD HTCT", problem.render())
        self.assertEqual(problem.params["letter"], "D")

    def test_unreadable_period_quotes_value(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "sớm nhất có thể"])
        problem = self.assert_row_problem(result, rs.MSG_BAD_PERIOD, FIRST_DATA_ROW + 1, "period")
        self.assertIn('"sớm nhất có thể"', problem.render())

    def test_period_without_year(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "Tháng 3 - tháng 12"])
        self.assert_row_problem(result, rs.MSG_PERIOD_NO_YEAR, FIRST_DATA_ROW + 1, "period")
        self.assertTrue(
            self.parse_one(
                [2, "Phòng A", "Mô hình B", "KT", "Tháng 3 - tháng 12"],
                default_year=2024,
            ).ok
        )

    def test_period_end_before_start(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "12/2024 - 3/2024"])
        problem = self.assert_row_problem(result, rs.MSG_PERIOD_REVERSED, FIRST_DATA_ROW + 1, "period")
        self.assertEqual(
            (problem.params["date_start"], problem.params["date_end"]),
            ("2024-12-01", "2024-03-31"),
        )

    def test_formula_cell(self):
        result = self.parse_one([2, "Phòng A", '=CONCATENATE("Mô hình ","B")', "KT", "2024"])
        problem = self.assert_row_problem(result, rs.MSG_FORMULA, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(problem.params["cell"], f"C{FIRST_DATA_ROW + 1}")
        # The formula is reported once, not also as a missing model name.
        self.assertEqual(len(result.rows[1].problems), 1)

    def test_error_cell(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "#N/A"])
        self.assert_row_problem(result, rs.MSG_CELL_ERROR, FIRST_DATA_ROW + 1, "period")

    def test_merged_cells_inside_data_rows(self):
        rows = [
            DATA[0],
            [2, "Phòng A", "Mô hình B", "KT", "2024"],
            [3, None, "Mô hình C", "KT", "2024"],
            [4, None, "Mô hình D", "KT", "2024"],
        ]
        first = FIRST_DATA_ROW + 1
        for maker, merges in (
            (make_xlsx, [f"B{first}:B{first + 2}"]),
            (make_xls, [(first - 1, first + 1, 1, 1)]),
        ):
            with self.subTest(maker.__name__):
                result = parse(maker(annex(rows), merges=merges))
                problem = self.assert_row_problem(result, rs.MSG_MERGED, first, "implementer")
                self.assertEqual(problem.params["range"], f"B{first}:B{first + 2}")
                # The cells under the merge are not reported again as empty.
                self.assertEqual(
                    len(result.all_problems),
                    1,
                    [p.render() for p in result.all_problems],
                )

    def test_duplicate_row_names_the_first(self):
        duplicate = [2, " phòng tư pháp ", "MÔ HÌNH “TỔ HÒA GIẢI KHÉO”", "KT", "2024"]
        result = self.parse_one(duplicate)
        problem = self.assert_row_problem(result, rs.MSG_DUPLICATE, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(problem.params["other_row"], FIRST_DATA_ROW)
        self.assertIn(str(FIRST_DATA_ROW), problem.render())

    def test_too_long_strings(self):
        result = self.parse_one([2, "Phòng A", "M" * 2001, "KT", "2024", "", "n" * 10001])
        problem = self.assert_row_problem(result, rs.MSG_TOO_LONG, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual((problem.params["length"], problem.params["limit"]), (2001, 2000))
        self.assert_row_problem(result, rs.MSG_TOO_LONG, FIRST_DATA_ROW + 1, "note")
        self.assertEqual(len(result.rows[1].model_name), 2000)

    def test_problems_in_legacy_xls(self):
        result = self.parse_one([2, "Phòng A", "", "Y tế", "12/2024 - 1/2024"], maker=make_xls)
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "model_name")
        self.assert_row_problem(result, rs.MSG_UNKNOWN_SECTOR, FIRST_DATA_ROW + 1, "sector")
        self.assert_row_problem(result, rs.MSG_PERIOD_REVERSED, FIRST_DATA_ROW + 1, "period")

    def test_render_translates_message_and_prefix(self):
        result = self.parse_one([2, "Phòng A", "", "KT", "2024"])
        problem = result.all_problems[0]
        self.assertEqual(
            problem.render(),
            f"Row {FIRST_DATA_ROW + 1}, column Tên mô hình: This required cell is empty.",
        )
        catalog = {
            rs.MSG_PREFIX_ROW_COLUMN: "Dòng %(row)s, cột %(column)s: ",
            rs.MSG_MISSING_VALUE: "Ô bắt buộc này đang trống.",
        }
        self.assertEqual(
            problem.render(lambda message: catalog.get(message, message)),
            f"Dòng {FIRST_DATA_ROW + 1}, cột Tên mô hình: Ô bắt buộc này đang trống.",
        )
        broken = {rs.MSG_MISSING_VALUE: "%(nope)s"}
        self.assertTrue(problem.render(lambda message: broken.get(message, message)).endswith("empty."))


if __name__ == "__main__":
    unittest.main()
