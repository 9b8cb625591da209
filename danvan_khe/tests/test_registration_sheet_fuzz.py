"""Import fuzzing of the registration-sheet reader (issue "import fuzzing").

A seeded, bounded run over generated files: random bytes, truncated and
bit-flipped workbooks, workbooks whose XML parts were mutated (wrong cell
types, broken references, junk), workbooks of random content (huge strings,
text starting with "=", "+", "@", "-", real formulas, merged cells), zip
bombs and zips nested in workbooks.  Whatever the input, the reader must
return a result instead of raising, and every problem it reports must name
where it is (row, column, cell, range, part, sheet or file).

The run is reproducible: the seed and each file's index are in the failure
message.  DVK_FUZZ_FILES overrides the number of files.

The generators are in _fixtures_fuzz.py.
"""

import os
import random
import unittest

if __package__:
    from ._fixtures_fuzz import GENERATORS, Corpus
    from ._fixtures_sheet import SECTORS, rs
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_fuzz.py
    from _fixtures_fuzz import GENERATORS, Corpus
    from _fixtures_sheet import SECTORS, rs

SEED = 976_2023
FILE_COUNT = int(os.environ.get("DVK_FUZZ_FILES", "2000"))
NAMING_PARAMS = {"file_name", "sheet", "cell", "range", "member"}


class TestImportFuzzing(unittest.TestCase):
    """Issue "import fuzzing": the reader never raises and always says where."""

    def test_import_fuzzing(self):
        rng = random.Random(SEED)
        corpus = Corpus(rng)
        functions = [function for function, _weight in GENERATORS]
        weights = [weight for _function, weight in GENERATORS]
        failures, seen_problems, clean = [], set(), 0
        for index in range(FILE_COUNT):
            generator = rng.choices(functions, weights)[0]
            data, file_name = generator(rng, corpus)
            try:
                result = rs.parse_registration_sheet(data, file_name, SECTORS, max_rows=200)
                self.check_result(result)
            except Exception as exc:
                failures.append(f"seed {SEED} file {index} ({generator.__name__}): {type(exc).__name__}: {exc}")
                continue
            clean += result.ok
            seen_problems.update(problem.message for problem in result.all_problems)
        self.assertEqual(failures, [], "\n".join(failures[:20]))
        # The run exercised both sides: clean files and a variety of problems.
        self.assertGreater(clean, 0)
        self.assertGreaterEqual(len(seen_problems), 10, sorted(seen_problems))

    def check_result(self, result):
        self.assertIsInstance(result, rs.SheetResult)
        problems = result.all_problems
        if problems:
            self.assertFalse(result.ok)
            self.assertTrue(any(self.names_something(problem) for problem in problems))
        for problem in problems:
            self.assertTrue(self.names_something(problem), problem)
            text = problem.render()
            self.assertTrue(text and "%(" not in text, text)
        if result.ok:
            self.assertTrue(result.rows)
            for row in result.rows:
                self.assertTrue(row.implementer and row.model_name and row.sector_code)
                self.assertLessEqual(row.date_start, row.date_end)

    @staticmethod
    def names_something(problem):
        return problem.row is not None or bool(problem.column) or bool(NAMING_PARAMS & set(problem.params))


if __name__ == "__main__":
    unittest.main()
