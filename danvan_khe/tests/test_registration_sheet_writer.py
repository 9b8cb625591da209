"""RA: the annex written by the addon (report/registration_xlsx) reads back to the same rows.

No database needed: the layout of the written annex (title, header, numbering row,
signatures, footnote, A4 landscape, print titles), the round trip through the reader,
the table sheets of the exports, and the guard against formula injection: user text
never becomes a formula.
"""

import datetime as dt
import io
import unittest
import zipfile

import openpyxl

if __package__:
    from ._fixtures_sheet import HEADER, NUMBERS, parse, writer
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_writer.py
    from _fixtures_sheet import HEADER, NUMBERS, parse, writer


class TestWriter(unittest.TestCase):
    """RA: the annex written by the addon reads back to the same rows."""

    ROWS = (
        {
            "seq": 1,
            "implementer": "Phòng Tư pháp",
            "model_name": "Mô hình “Tổ hòa giải khéo”",
            "sector_code": "VH-XH",
            "period": "Năm 2024",
            "expected_result": "Hòa giải 95% vụ việc\nkhông khiếu kiện",
            "note": "",
        },
        {
            "seq": 2,
            "implementer": '=HYPERLINK("http://x")',
            "model_name": "+Mô hình cộng",
            "sector_code": "KT",
            "period": "3/2024 - 12/2024",
            "expected_result": "-giảm 10%",
            "note": "@ghi chú",
        },
        {
            "seq": 3,
            "implementer": "Ông Nguyễn Văn A",
            "model_name": "Mô hình C",
            "sector_code": "XD HTCT",
            "period": "Quý I/2024 - Quý III/2025",
            "expected_result": None,
            "note": "=1+1",
        },
    )

    def written(self, **kwargs):
        return writer.write_registration_sheet("Sở Tư pháp", list(self.ROWS), **kwargs)

    def test_ra_round_trip(self):
        for place_date in ("", "Trà Vinh, ngày 15 tháng 3 năm 2024"):
            with self.subTest(place_date=place_date):
                result = parse(self.written(place_date=place_date))
                self.assertEqual(result.all_problems, [], [p.render() for p in result.all_problems])
                self.assertEqual(result.unit_name, "Sở Tư pháp")
                read = [
                    {
                        "seq": row.seq,
                        "implementer": row.implementer,
                        "model_name": row.model_name,
                        "sector_code": row.sector_code,
                        "period": row.period_raw,
                        "expected_result": row.expected_result,
                        "note": row.note,
                    }
                    for row in result.rows
                ]
                expected = [{key: (value or None) for key, value in row.items()} for row in self.ROWS]
                self.assertEqual(read, expected)

    def test_ra_layout(self):
        worksheet = openpyxl.load_workbook(io.BytesIO(self.written(place_date="Trà Vinh, ngày 1"))).active
        texts = {cell.value for row in worksheet.iter_rows() for cell in row if isinstance(cell.value, str)}
        self.assertEqual(worksheet["A1"].value, "ĐƠN VỊ: Sở Tư pháp")
        self.assertEqual(worksheet["A2"].value, writer.TITLE)
        self.assertTrue(worksheet["A2"].font.b)
        self.assertEqual(worksheet["A2"].alignment.horizontal, "center")
        self.assertIn("A2:G2", {str(cell_range) for cell_range in worksheet.merged_cells.ranges})
        self.assertEqual([cell.value for cell in worksheet[5]], list(writer.HEADERS))
        self.assertEqual(list(writer.HEADERS), HEADER)
        self.assertEqual([cell.value for cell in worksheet[6]], NUMBERS)
        self.assertEqual(worksheet["B7"].border.left.style, "thin")
        self.assertTrue(worksheet["C7"].alignment.wrap_text)
        self.assertEqual(worksheet.page_setup.orientation, "landscape")
        self.assertEqual(str(worksheet.page_setup.paperSize), str(worksheet.PAPERSIZE_A4))
        self.assertIn(str(worksheet.print_title_rows), ("$5:$6", "5:6"))
        workbook_xml = zipfile.ZipFile(io.BytesIO(self.written())).read("xl/workbook.xml").decode()
        self.assertIn("'Đăng ký Dân vận khéo'!$5:$6", workbook_xml)
        for text in (
            writer.REFERENCE,
            "Xác nhận, duyệt của lãnh đạo cơ quan, đơn vị",
            "Xác nhận, duyệt của BCĐ QCDC và phong trào thi đua “Dân vận khéo”",
            "Tập thể/cá nhân đăng ký",
            "(Ký tên, đóng dấu)",
            "Ký tên, đóng dấu",
            "Ký tên",
            "Trà Vinh, ngày 1",
            writer.DEFAULT_FOOTNOTE,
        ):
            self.assertIn(text, texts)

    def test_written_cells_starting_with_formula_characters_are_strings(self):
        """Formula-injection guard: user text never becomes a formula."""
        for data in (
            self.written(),
            writer.write_table_sheet("=Báo cáo", ["=A", "B"], [["=1+1", "+2"], ["-3", "@SUM(A1)"], [5, None]]),
        ):
            worksheet = openpyxl.load_workbook(io.BytesIO(data), data_only=False).active
            risky = [
                cell
                for row in worksheet.iter_rows()
                for cell in row
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@"
            ]
            self.assertTrue(risky)
            for cell in risky:
                self.assertEqual(cell.data_type, "s", cell.coordinate)
            self.assertNotIn(
                b"<f>",
                zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"),
            )

    def test_table_sheet_keeps_types(self):
        data = writer.write_table_sheet(
            "Tổng hợp: mô hình",
            ["Tên", "Số", "Ngày"],
            [["Mô hình A", 3, dt.date(2024, 3, 1)], ["B", float("nan"), None]],
            subtitle="Năm 2024",
        )
        worksheet = openpyxl.load_workbook(io.BytesIO(data)).active
        self.assertEqual(worksheet.title, "Tổng hợp_ mô hình")
        self.assertEqual(worksheet["A1"].value, "Tổng hợp: mô hình")
        self.assertEqual(worksheet["A2"].value, "Năm 2024")
        self.assertEqual([cell.value for cell in worksheet[4]], ["Tên", "Số", "Ngày"])
        self.assertEqual(worksheet["B5"].value, 3)
        self.assertEqual(worksheet["C5"].value, dt.datetime(2024, 3, 1))
        self.assertEqual((worksheet["B6"].value, worksheet["B6"].data_type), ("nan", "s"))

    def test_writer_drops_illegal_control_characters(self):
        rows = [dict(self.ROWS[0], model_name="Mô hình\x00\x07 A")]
        result = parse(writer.write_registration_sheet("Sở", rows))
        self.assertEqual(result.rows[0].model_name, "Mô hình A")


if __name__ == "__main__":
    unittest.main()
