"""The generated files of the import fuzzing (test_registration_sheet_fuzz.py): not a test module.

Building blocks (reproducible workbooks, zips and cell values, hostile or plausible)
and the generators: random bytes, truncated and bit-flipped workbooks, workbooks whose
XML parts were mutated, workbooks of random content, zip bombs and zips nested in
workbooks, zip sizes that lie.  Each generator takes the run's random generator and
the corpus of valid files, and returns (bytes, file name).
"""

import datetime as dt
import io
import math
import re
import zipfile

import openpyxl
import xlwt

if __package__:
    from ._fixtures_sheet import HEADER, SECTORS, rs
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_fuzz.py
    from _fixtures_sheet import HEADER, SECTORS, rs

PERIODS = [
    "Năm 2024",
    "3/2024 - 12/2024",
    "Quý I - IV/2024",
    "Tháng 3 - 12/2024",
    "15/03/2024 - 30/11/2024",
]
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
CELL_TYPES = [b"n", b"s", b"b", b"e", b"str", b"inlineStr", b"d", b"x", b""]


# --------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------
def freeze(data):
    """Rewrite an .xlsx with fixed timestamps so that the run is reproducible."""
    return rezip(
        data,
        {"docProps/core.xml": lambda xml: re.sub(rb"\d{4}-\d\d-\d\dT[\d:.]+Z", b"2024-01-01T00:00:00Z", xml)},
    )


def rezip(data, edits=None, compression=zipfile.ZIP_DEFLATED):
    """Copy a zip, transforming parts: ``edits`` maps a name to bytes or a function."""
    edits = edits or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            edit = edits.get(info.filename)
            content = edit(content) if callable(edit) else (content if edit is None else edit)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content, compression)
        for name, content in edits.items():
            if name not in source.namelist() and not callable(content):
                target.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, compression)
    return stream.getvalue()


def random_text(rng, size):
    alphabet = "abcdeđươạảãáàăâêôơưĐƯÂÊ Tên mô hình 0123456789,.;:-/()\n\t\"'<>&"
    return "".join(rng.choice(alphabet) for _ in range(size))


def random_value(rng):
    """A cell value of any type, mostly plausible, sometimes hostile."""
    roll = rng.random()
    if roll < 0.35:
        return random_text(rng, rng.randint(1, 40))
    if roll < 0.45:
        return rng.choice("=+@-") + random_text(rng, rng.randint(0, 20))
    if roll < 0.5:
        return rng.choice(["=SUM(1,2)", "=A1&B1", "=1/0", '=HYPERLINK("http://x")', "=NOW()"])
    if roll < 0.55:
        return "x" * rng.choice([2001, 10001, 30000])
    if roll < 0.62:
        return rng.choice([0, -1, 2024, 2024.5, 10**15, 1e308, float("inf"), float("nan"), 45292])
    if roll < 0.68:
        return dt.datetime(rng.randint(1900, 2100), rng.randint(1, 12), rng.randint(1, 28))
    if roll < 0.72:
        return rng.choice([True, False])
    if roll < 0.8:
        return rng.choice([*PERIODS, "12/2024 - 3/2024", "Tháng 3", "quý V", "31/02/2024"])
    if roll < 0.88:
        return rng.choice([code for code, _name in SECTORS] + ["Văn hoá – xã hội", "Y tế", "vhxh"])
    return None


def annex_rows(rng, count, hostile):
    """Rows of an annex: titles, header (maybe shuffled), numbers, data, signatures, footnote."""
    order = list(range(7))
    if rng.random() < 0.3:
        rng.shuffle(order)
    rows = [
        ["ĐƠN VỊ: " + random_text(rng, 12)],
        ["BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO"],
        [],
    ]
    rows.append([HEADER[i] for i in order])
    if rng.random() < 0.5:
        rows.append([i + 1 for i in order])
    for number in range(1, count + 1):
        if hostile:
            row = [random_value(rng) for _ in range(7)]
        else:
            row = [
                number,
                f"Phòng {number}",
                f"Mô hình {number}",
                rng.choice(SECTORS)[0],
                rng.choice(PERIODS),
                "Kết quả",
                "",
            ]
        rows.append([row[i] for i in order])
    rows += [
        [],
        ["Xác nhận, duyệt của lãnh đạo cơ quan, đơn vị"],
        ["¹ KT = kinh tế; VH-XH = Văn hóa - xã hội"],
    ]
    return rows


def make_xlsx(rows, merges=()):
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    for row in rows:
        worksheet.append(row)
    for cell_range in merges:
        worksheet.merge_cells(cell_range)
    stream = io.BytesIO()
    workbook.save(stream)
    return freeze(stream.getvalue())


def make_xls(rows, merges=()):
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Dang ky", cell_overwrite_ok=True)  # merges write blanks
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for row_index, row in enumerate(rows):
        for col_index, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                value = value[:30000]
                if value.startswith("="):
                    value = " " + value  # xlwt only writes formulas through xlwt.Formula
            if isinstance(value, float) and not math.isfinite(value):
                value = str(value)
            sheet.write(
                row_index,
                col_index,
                value,
                date_style if isinstance(value, dt.date) else xlwt.Style.default_style,
            )
    for r1, r2, c1, c2 in merges:
        sheet.merge(r1, r2, c1, c2)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def random_merges(rng, rows, as_xls):
    merges = []
    for _ in range(rng.randint(0, 3)):
        r1, c1 = rng.randint(1, max(1, len(rows))), rng.randint(1, 7)
        r2, c2 = r1 + rng.randint(0, 2), c1 + rng.randint(0, 1)
        if (r1, c1) != (r2, c2):
            merges.append((r1 - 1, r2 - 1, c1 - 1, c2 - 1) if as_xls else f"{_col(c1)}{r1}:{_col(c2)}{r2}")
    # xlwt refuses overlapping merges; keep the first of overlapping ones.
    return merges[:1] if as_xls else merges


def _col(index):
    return "ABCDEFGHIJ"[index - 1]


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression) as archive:
        for name, content in members:
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, compression)
    return stream.getvalue()


# --------------------------------------------------------------------------
# Generators: each returns (bytes, file name)
# --------------------------------------------------------------------------
class Corpus:
    """Valid files and bombs built once, then mutated by the generators."""

    def __init__(self, rng):
        self.xlsx = [make_xlsx(annex_rows(rng, rng.randint(1, 12), hostile=False)) for _ in range(6)]
        self.xls = [make_xls(annex_rows(rng, rng.randint(1, 12), hostile=False)) for _ in range(6)]
        self.hostile_xlsx = [make_xlsx(annex_rows(rng, rng.randint(1, 8), hostile=True)) for _ in range(6)]
        self.bomb_member = zlib_bomb_member()
        ratio_bomb = rezip(self.xlsx[0], {"xl/media/zeros.bin": bytes(3 * 1024 * 1024)})
        big_bomb = zip_of([(f"xl/media/z{i}.bin", bytes(20 * 1024 * 1024)) for i in range(3)])
        self.bombs = [
            ratio_bomb,
            big_bomb,
            rezip(self.xlsx[1], {"xl/embeddings/inner.zip": big_bomb}),
        ]


def zlib_bomb_member():
    return zip_of([("xl/worksheets/sheet1.xml", bytes(8 * 1024 * 1024))])


def gen_random_bytes(rng, corpus):
    return rng.randbytes(rng.randint(0, 3000)), rng.choice(["a.xlsx", "a.xls", "a.csv", ""])


def gen_magic_junk(rng, corpus):
    magic = rng.choice([b"PK\x03\x04", b"PK\x05\x06", rs.OLE2_MAGIC, rs.OLE2_MAGIC + bytes(504)])
    return magic + rng.randbytes(rng.randint(0, 3000)), "junk.xlsx"


def gen_truncated(rng, corpus):
    data = rng.choice(corpus.xlsx + corpus.xls)
    return data[: rng.randint(0, len(data) - 1)], "truncated.xlsx"


def gen_bit_flips(rng, corpus):
    data = bytearray(rng.choice(corpus.xlsx + corpus.xls + corpus.hostile_xlsx))
    start = 512 if data.startswith(rs.OLE2_MAGIC) and rng.random() < 0.8 else 0
    for _ in range(rng.randint(1, 12)):
        position = rng.randrange(start, len(data))
        data[position] = rng.randrange(256)
    return bytes(data), "flipped.xls"


def gen_xml_mutation(rng, corpus):
    """Mutate one XML part of a valid .xlsx and zip it again (CRCs stay valid)."""
    data = rng.choice(corpus.xlsx + corpus.hostile_xlsx)
    part = rng.choice(
        ["xl/worksheets/sheet1.xml"] * 6
        + [
            "xl/workbook.xml",
            "xl/styles.xml",
            "[Content_Types].xml",
            "xl/_rels/workbook.xml.rels",
            "xl/sharedStrings.xml",
        ]
    )
    return rezip(data, {part: lambda xml: mutate_xml(rng, xml)}), "mutated.xlsx"


def mutate_xml(rng, xml):
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.3:
            xml = re.sub(
                rb' t="[^"]*"',
                lambda _m: b' t="' + rng.choice(CELL_TYPES) + b'"',
                xml,
                count=rng.randint(1, 50),
            )
        elif roll < 0.45:
            xml = re.sub(
                rb"<v>[^<]*</v>",
                lambda _m: b"<v>" + rng.choice([b"abc", b"-1", b"1e999", b"99999999", b"", b"#N/A"]) + b"</v>",
                xml,
                count=rng.randint(1, 20),
            )
        elif roll < 0.6:
            xml = re.sub(
                rb' r="[A-Z]*\d+"',
                lambda _m: b' r="' + rng.choice([b"A0", b"XFD1048576", b"ZZZZ1", b"A-1", b"", b"A99999999"]) + b'"',
                xml,
                count=rng.randint(1, 10),
            )
        elif roll < 0.7:
            xml = xml.replace(
                b"<dimension ",
                b'<mergeCells count="1"><mergeCell ref="A1:ZZZ99999999"/></mergeCells><dimension ',
                1,
            )
        elif roll < 0.85 and xml:
            start = rng.randrange(len(xml))
            xml = xml[:start] + xml[start + rng.randint(1, 200) :]
        elif xml:
            start = rng.randrange(len(xml))
            xml = (
                xml[:start]
                + rng.choice(
                    [
                        b"<",
                        b">",
                        b"&",
                        b"\x00",
                        b"<c>",
                        b"</row>",
                        b"\xff\xfe",
                        rng.randbytes(8),
                    ]
                )
                + xml[start:]
            )
    return xml


def gen_random_content(rng, corpus):
    """A well-formed workbook of hostile content: wrong types, huge strings, formula-like text."""
    rows = annex_rows(rng, rng.randint(0, 6), hostile=True)
    if rng.random() < 0.5:
        return make_xlsx(rows, random_merges(rng, rows, as_xls=False)), "random.xlsx"
    return make_xls(rows, random_merges(rng, rows, as_xls=True)), "random.xls"


def gen_bomb(rng, corpus):
    data = rng.choice([*corpus.bombs, corpus.bomb_member])
    if rng.random() < 0.3:
        data = zip_of([("inner.xlsx", data)], zipfile.ZIP_STORED)  # a zip in a zip
    return data, "bomb.xlsx"


def gen_lying_sizes(rng, corpus):
    """Central directory and local headers announce sizes other than the real ones."""
    data = bytearray(rng.choice(corpus.xlsx))
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        position = data.find(signature)
        while position >= 0:
            if rng.random() < 0.4:
                declared = int.from_bytes(data[position + offset : position + offset + 4], "little")
                size = rng.choice(
                    [
                        rng.randrange(2**32),
                        rng.randrange(64),
                        max(0, declared + rng.randint(-50, 50)),
                    ]
                )
                data[position + offset : position + offset + 4] = size.to_bytes(4, "little")
            position = data.find(signature, position + 4)
    return bytes(data), "sizes.xlsx"


GENERATORS = [
    (gen_random_bytes, 2),
    (gen_magic_junk, 2),
    (gen_truncated, 3),
    (gen_bit_flips, 4),
    (gen_xml_mutation, 6),
    (gen_random_content, 2),
    (gen_bomb, 1),
    (gen_lying_sizes, 1),
]
