"""R6.2: a bad file gives problems naming where, never an exception (no database needed).

lib/registration_sheet's safety and workbook modules, and the header search: what is
not a spreadsheet, is empty, encrypted, truncated or corrupt; zip bombs and zip sizes
that lie, XML entity declarations; a workbook or sheet without content, a header
missing columns, no data rows, too many rows.  The encrypted workbook is
tests/data/encrypted_registration.xlsx (msoffcrypto-tool, password "danvan").
"""

import io
import re
import unittest
import zipfile

if __package__:
    from ._fixtures_sheet import (
        DATA,
        DATA_DIR,
        FIRST_DATA_ROW,
        HEADER_ROW,
        ProblemAssertions,
        annex,
        make_xls,
        make_xlsx,
        parse,
        rezip,
        rs,
    )
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_files.py
    from _fixtures_sheet import (
        DATA,
        DATA_DIR,
        FIRST_DATA_ROW,
        HEADER_ROW,
        ProblemAssertions,
        annex,
        make_xls,
        make_xlsx,
        parse,
        rezip,
        rs,
    )


class TestFileProblems(ProblemAssertions, unittest.TestCase):
    """R6.2: a bad file gives problems naming where, never an exception."""

    def test_not_a_spreadsheet(self):
        for name, data in (
            ("text", "TT;Tên mô hình\n1;Mô hình".encode()),
            ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
            (
                "html saved as xls",
                b"<html><body><table><tr><td>TT</td></tr></table></body></html>",
            ),
        ):
            with self.subTest(name):
                result = parse(data, "dang_ky.xls")
                self.assert_file_problem(result, rs.MSG_NOT_SPREADSHEET)
                self.assertEqual(result.rows, [])

    def test_zip_that_is_not_a_workbook(self):
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        self.assert_file_problem(parse(stream.getvalue()), rs.MSG_NOT_SPREADSHEET)

    def test_empty_file(self):
        self.assert_file_problem(parse(b""), rs.MSG_EMPTY_FILE)

    def test_password_protected_xlsx(self):
        data = (DATA_DIR / "encrypted_registration.xlsx").read_bytes()
        self.assert_file_problem(parse(data), rs.MSG_ENCRYPTED)

    def test_password_protected_xls(self):
        """A BIFF FILEPASS record (xlrd: "Workbook is encrypted")."""
        data = bytearray(make_xls(annex()))
        mms = data.index(b"\xc1\x00\x02\x00", 512)  # MMS record, 2 bytes long: same size as patched
        data[mms : mms + 2] = b"\x2f\x00"  # FILEPASS
        self.assert_file_problem(parse(bytes(data), "dang_ky.xls"), rs.MSG_ENCRYPTED)

    def test_truncated_files(self):
        for name, data in (("xlsx", make_xlsx(annex())), ("xls", make_xls(annex()))):
            for cut in (len(data) // 2, 600, 20):
                with self.subTest(name, cut=cut):
                    self.assert_file_problem(parse(data[:cut]), rs.MSG_CORRUPT)

    def test_corrupt_member(self):
        data = rezip(
            make_xlsx(annex()),
            {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"},
        )
        self.assert_file_problem(parse(data), rs.MSG_CORRUPT)

    def test_zip_bomb_total_size(self):
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for index in range(3):
                archive.writestr(f"xl/media/image{index}.bin", bytes(20 * 1024 * 1024))
        problem = self.assert_file_problem(parse(stream.getvalue()), rs.MSG_UNPACKED_TOO_BIG)
        self.assertEqual(problem.params["limit_mb"], 50)

    def test_zip_bomb_compression_ratio(self):
        data = rezip(make_xlsx(annex()), {"xl/worksheets/sheet2.xml": bytes(4 * 1024 * 1024)})
        problem = self.assert_file_problem(parse(data), rs.MSG_ZIP_BOMB)
        self.assertEqual(problem.params["member"], "xl/worksheets/sheet2.xml")

    def test_zip_declared_size_lies(self):
        """A central directory announcing a small size for a big member is caught on read."""
        data = bytearray(
            rezip(
                make_xlsx(annex()),
                {"xl/worksheets/sheet1.xml": lambda xml: xml + b" " * 200000},
            )
        )
        name = b"xl/worksheets/sheet1.xml"
        for header in (b"PK\x03\x04", b"PK\x01\x02"):
            start = 0
            while (start := data.find(header, start)) >= 0:
                size_offset = start + (22 if header == b"PK\x03\x04" else 24)
                name_offset = start + (30 if header == b"PK\x03\x04" else 46)
                if data[name_offset : name_offset + len(name)] == name:
                    data[size_offset : size_offset + 4] = (1000).to_bytes(4, "little")
                start += 4
        result = parse(bytes(data))
        self.assertFalse(result.ok)
        self.assertTrue(all(problem.render() for problem in result.all_problems))

    def test_xml_entity_declarations_refused(self):
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b"<sst><si><t>&lol2;</t></si></sst>"
        )
        utf16 = bomb.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
        for encoding, content in (("utf-8", bomb), ("utf-16", utf16)):
            with self.subTest(encoding):
                data = rezip(make_xlsx(annex()), {"xl/sharedStrings.xml": content})
                problem = self.assert_file_problem(parse(data), rs.MSG_XML_DTD)
                self.assertEqual(problem.params["member"], "xl/sharedStrings.xml")

    def test_workbook_without_sheet(self):
        def drop_sheets(xml):
            return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.DOTALL)

        self.assert_file_problem(
            parse(rezip(make_xlsx(annex()), {"xl/workbook.xml": drop_sheets})),
            rs.MSG_EMPTY_WORKBOOK,
        )

    def test_empty_sheet(self):
        for name, data in (("xlsx", make_xlsx([])), ("xls", make_xls([["  "]]))):
            with self.subTest(name):
                problem = self.assert_file_problem(parse(data), rs.MSG_EMPTY_SHEET)
                self.assertTrue(problem.params["sheet"])

    def test_no_header_names_missing_columns(self):
        result = parse(make_xlsx([["Danh sách"], ["a", "b", "c"], [1, 2, 3]]))
        problem = self.assert_file_problem(result, rs.MSG_NO_HEADER)
        for label in (
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình",
            "Lĩnh vực",
            "Thời gian thực hiện",
        ):
            self.assertIn(label, problem.render())

    def test_incomplete_header_names_missing_columns(self):
        header = [
            "TT",
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình",
            "Thời gian thực hiện",
        ]
        result = parse(make_xlsx(annex([row[:3] + row[4:5] for row in DATA], header=header)))
        problem = self.assert_file_problem(result, rs.MSG_HEADER_INCOMPLETE, row=HEADER_ROW)
        self.assertEqual(problem.params["missing"], '"Lĩnh vực"')

    def test_no_data_rows(self):
        result = parse(make_xlsx(annex([])))
        self.assert_file_problem(result, rs.MSG_NO_DATA, row=HEADER_ROW)

    def test_too_many_rows(self):
        data = [[i, f"Phòng {i}", f"Mô hình {i}", "KT", "2024", "", ""] for i in range(1, 8)]
        result = parse(make_xlsx(annex(data)), max_rows=5)
        problem = self.assert_file_problem(result, rs.MSG_TOO_MANY_ROWS, row=FIRST_DATA_ROW + 5)
        self.assertEqual(problem.params["max_rows"], 5)
        self.assertEqual(len(result.rows), 5)


if __name__ == "__main__":
    unittest.main()
