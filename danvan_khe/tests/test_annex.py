"""RA: the annex of Decision 976/QĐ-UBND is defined once (lib/annex.py) and used by all (no database needed).

The reader, the spreadsheet writer and these tests take its title, its seven
numbered columns, the decision reference, the signature blocks and the
footnote from lib/annex.py: no other Python file of the addon spells them.
"""

import ast
import datetime as dt
import io
import unittest

import openpyxl

if __package__:
    from ._fixtures_sheet import ADDON_DIR, _addon_module
else:  # run as a script: python3 danvan_khe/tests/test_annex.py
    from _fixtures_sheet import ADDON_DIR, _addon_module

annex = _addon_module("lib.annex")
rs = _addon_module("lib.registration_sheet")
writer = _addon_module("report.registration_xlsx")

SECTORS = [("KT", "Kinh tế"), ("VH-XH", "Văn hóa - xã hội"), ("AN-QP", "An ninh - Quốc phòng"), ("XD HTCT", "XD HTCT")]


class TestAnnex(unittest.TestCase):
    def test_RA_title_columns_reference_footnote(self):
        """RA: the title, columns 1–7 with their labels, the decision reference and the footnote."""
        self.assertEqual(annex.TITLE, "BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO")
        self.assertEqual(
            [(column["number"], column["label"]) for column in annex.columns()],
            [
                (1, "TT"),
                (2, "Tên tập thể/ cá nhân thực hiện"),
                (3, "Tên mô hình"),
                (4, "Lĩnh vực"),
                (5, "Thời gian thực hiện"),
                (6, "Kết quả ước đạt"),
                (7, "Ghi chú"),
            ],
        )
        self.assertEqual(annex.column(annex.SECTOR).heading, "Lĩnh vực ¹")
        self.assertEqual(
            annex.REFERENCE,
            "(Kèm theo Quyết định số: 976/QĐ-UBND ngày 26 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh Trà Vinh)",
        )
        self.assertTrue(annex.FOOTNOTE.startswith("¹ KT = kinh tế; VH-XH = Văn hóa - xã hội; AN-QP = An ninh"))
        self.assertEqual([title for title, _hint in annex.SIGNATURES][2], "Tập thể/cá nhân đăng ký")
        self.assertEqual(annex.unit_line("Sở Tư pháp"), "ĐƠN VỊ: Sở Tư pháp")

    def test_RA_reference_is_a_default_the_regulation_may_replace(self):
        """RA: 976/QĐ-UBND by default; every act, 976 included, prints its own number, date and issuer."""
        self.assertEqual(annex.reference(), annex.REFERENCE)
        decided = dt.date(annex.DECISION_YEAR, annex.DECISION_MONTH, annex.DECISION_DAY)
        self.assertEqual(annex.reference(annex.DECISION_NUMBER, decided, annex.DECISION_ISSUER), annex.REFERENCE)
        self.assertEqual(
            annex.reference("976/QĐ-UBND", decided, "Ủy ban nhân dân tỉnh Vĩnh Long"),
            annex.REFERENCE.replace("Trà Vinh", "Vĩnh Long"),
        )
        self.assertEqual(
            annex.reference(
                annex.DECISION_NUMBER.replace("976", "977"),
                dt.date(annex.DECISION_YEAR, annex.DECISION_MONTH, annex.DECISION_DAY),
                annex.DECISION_ISSUER,
            ),
            annex.REFERENCE.replace("976", "977"),
        )
        self.assertEqual(
            annex.reference("12/QĐ-UBND", dt.date(2025, 7, 1), "Ủy ban nhân dân tỉnh Vĩnh Long"),
            "(Kèm theo Quyết định số: 12/QĐ-UBND ngày 01 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh Vĩnh Long)",
        )

    def test_RA_footnote_from_the_sector_pairs(self):
        """RA: the footnote lists the sectors it is given, code = Vietnamese name, in their order;
        Decision 976's four print the annex's footnote."""
        self.assertEqual(
            annex.FOOTNOTE,
            "¹ KT = kinh tế; VH-XH = Văn hóa - xã hội; AN-QP = An ninh - Quốc phòng; "
            "XD HTCT = Xây dựng hệ thống chính trị.",
        )
        self.assertEqual(annex.footnote(annex.FOOTNOTE_SECTORS), annex.FOOTNOTE)
        self.assertEqual(annex.footnote(), annex.FOOTNOTE)
        self.assertEqual(
            annex.footnote([("KT-XH", "Kinh tế - xã hội"), ("CĐS", "Chuyển đổi số")]),
            "¹ KT-XH = Kinh tế - xã hội; CĐS = Chuyển đổi số.",
        )
        self.assertEqual(annex.footnote([]), "")
        values = annex.annex_values("Sở Y tế", footnote_text=annex.footnote([("CĐS", "Chuyển đổi số")]))
        self.assertEqual(values["footnote"], "¹ CĐS = Chuyển đổi số.")
        self.assertEqual(annex.annex_values("Sở Y tế")["footnote"], annex.FOOTNOTE)

    def test_RA_values_for_a_template(self):
        """RA: what a QWeb template loops over: numbered columns, signatures, footnote."""
        values = annex.annex_values("Sở Y tế")
        self.assertEqual(values["unit_line"], "ĐƠN VỊ: Sở Y tế")
        self.assertEqual([column["number"] for column in values["columns"]], [1, 2, 3, 4, 5, 6, 7])
        self.assertEqual([column["footnote"] for column in values["columns"]].count("¹"), 1)
        self.assertEqual(len(values["signatures"]), 3)
        self.assertEqual(values["reference"], annex.REFERENCE)
        self.assertEqual(annex.annex_values(reference_text="(Kèm theo X)")["reference"], "(Kèm theo X)")

    def test_RA_writer_prints_the_annex(self):
        """RA: the spreadsheet writer's header, numbering row, title, reference and footnote are the annex's."""
        data = writer.write_registration_sheet("Sở Tư pháp", [], reference=annex.reference("12/QĐ-UBND"))
        worksheet = openpyxl.load_workbook(io.BytesIO(data)).active
        self.assertEqual(worksheet["A1"].value, "ĐƠN VỊ: Sở Tư pháp")
        self.assertEqual(worksheet["A2"].value, annex.TITLE)
        self.assertEqual(worksheet["A3"].value, "(Kèm theo Quyết định số: 12/QĐ-UBND)")
        self.assertEqual([cell.value for cell in worksheet[5]], list(annex.HEADINGS))
        self.assertEqual([cell.value for cell in worksheet[6]], [column.number for column in annex.COLUMNS])
        texts = [cell.value for row in worksheet.iter_rows() for cell in row if isinstance(cell.value, str)]
        self.assertIn(annex.FOOTNOTE, texts)
        for title, hint in annex.SIGNATURES:
            self.assertIn(title, texts)
            self.assertIn(hint, texts)
        self.assertEqual(writer.write_registration_sheet("Sở", [])[:2], b"PK")
        default = openpyxl.load_workbook(io.BytesIO(writer.write_registration_sheet("Sở", []))).active
        self.assertEqual(default["A3"].value, annex.REFERENCE)

    def test_RA_reader_knows_the_annex_columns(self):
        """RA: the reader names columns by the annex's labels and reads the annex the writer prints."""
        self.assertEqual(rs.COLUMN_LABELS, annex.LABELS)
        rows = [
            {
                "seq": 1,
                "implementer": "Văn phòng",
                "model_name": "Mô hình",
                "sector_code": "KT",
                "period": "Năm 2024",
                "expected_result": "",
                "note": "",
            }
        ]
        result = rs.parse_registration_sheet(writer.write_registration_sheet("Sở", rows), "a.xlsx", SECTORS)
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(result.unit_name, "Sở")
        self.assertEqual(set(result.columns), set(annex.KEYS))

    def test_RA_defined_once(self):
        """RA: no Python file of the addon but lib/annex.py spells the annex's title, reference, footnote,
        signature blocks or its list of columns (a single label as another table's heading is not the annex)."""
        words = {annex.TITLE, annex.REFERENCE, annex.FOOTNOTE, *(title for title, _hint in annex.SIGNATURES)}
        # columns 2-7 ("TT" is every table's): three of them in one list is the annex's header again
        labels = {column.label for column in annex.COLUMNS[1:]} | set(annex.HEADINGS[1:])
        own = ADDON_DIR / "lib" / "annex.py"
        offenders = []
        for path in sorted(ADDON_DIR.rglob("*.py")):
            if path == own or "tests" in path.relative_to(ADDON_DIR).parts:
                continue
            where = path.relative_to(ADDON_DIR)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in words:
                    offenders.append(f"{where}:{node.lineno}: {node.value}")
                elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                    spelled = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in labels]
                    if len(spelled) >= 3:
                        offenders.append(f"{where}:{node.lineno}: the annex's columns {spelled}")
        self.assertEqual(offenders, [])
