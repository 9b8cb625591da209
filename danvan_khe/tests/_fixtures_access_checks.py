"""How the access-matrix tests (test_access_matrix.py) assert a cell and a transition: not a test module.

R3: a cell is asserted as an RPC call would meet it: ``has_access`` (the ACL and the
record rules) grants every allowed cell, and the real call (``search`` + ``read``,
``write``, ``create``, ``unlink``) on a real record is undone after the cell, each
RPC call being its own transaction.  A transition called by a wrong role must raise
and change nothing: not the state, not a field, not a related record, no activity and
no message; taken by every competent user, it must change its record.
"""

from contextlib import contextmanager
from datetime import date

from odoo.exceptions import AccessError, UserError

READ, WRITE, CREATE, UNLINK = "read", "write", "create", "unlink"

# the field each cell reads and writes, and the value it writes
FIELD = {
    "dvk.registration": ("note", "Ghi chú sửa"),
    "dvk.model": ("resources", "Kinh phí 5 triệu đồng"),
    "dvk.inspection": ("findings", "Đúng tiến độ"),
    "dvk.evaluation": ("note", "Kết luận"),
    "dvk.evaluation.line": ("comment", "Nhận xét"),
    "dvk.recognition": ("reasoning", "Căn cứ"),
    "dvk.recognition.rejection": ("reason", "Chưa lan tỏa"),
    "dvk.commendation": ("reason", "Thành tích"),
    "dvk.agency.report": ("note", "Báo cáo"),
    "dvk.agency.report.line": ("registered_count", 7),
    "dvk.committee": ("note", "<p>Ghi chú</p>"),
    "dvk.tier": ("sequence", 99),
    "dvk.sector": ("sequence", 99),
    "dvk.criterion": ("sequence", 99),
    "dvk.period": ("date_october", date(2190, 10, 15)),
    "dvk.regulation": ("issuer", "UBND tỉnh (thử)"),
    "dvk.classification": ("min_percent", 1.5),
}


class AccessChecks:
    """Mixed into the access matrix's TransactionCase, whose ``people`` are every user of the fixture."""

    # one cell -----------------------------------------------------------------

    @contextmanager
    def _undone(self):
        """Run a cell, then undo it: each RPC call is its own transaction."""
        savepoint = self.env.cr.savepoint()
        try:
            yield
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _assert_cell(self, user, record, values, operation, expected):
        """R3: ``user`` may do ``operation`` on ``record`` (or create from ``values``) exactly when ``expected``."""
        model = record._name
        field, value = FIELD[model]
        Model = self.env[model].with_user(user).with_context(active_test=False)
        mine = record.with_user(user)
        note = ""
        if operation == READ:
            self.assertEqual(mine.has_access(READ), expected, note)
            self.assertEqual(record in Model.search([]), expected, f"search finds it: {note}")
            if expected:
                self.assertEqual(mine.read([field])[0][field], record[field])
            else:
                with self.assertRaises(AccessError, msg=note):
                    mine.read([field])
        elif operation == WRITE:
            # the rules must grant the row; the model's table may still refuse the field
            if expected:
                self.assertTrue(mine.has_access(WRITE))
            before = record[field]
            with self._undone():
                if expected:
                    mine.write({field: value})
                    self.env.flush_all()
                    self.assertEqual(record[field], value)
                else:
                    with self.assertRaises(AccessError, msg=note):
                        mine.write({field: value})
                        self.env.flush_all()
                    self.assertEqual(record[field], before)
        elif operation == CREATE:
            if expected:
                self.assertTrue(Model.browse().has_access(CREATE), f"the ACL grants create: {note}")
            with self._undone():
                if expected:
                    created = Model.create(dict(values))
                    self.env.flush_all()
                    self.assertTrue(created.sudo().exists())
                else:
                    with self.assertRaises(AccessError, msg=note):
                        Model.create(dict(values))
                        self.env.flush_all()
        else:
            if expected:
                self.assertTrue(mine.has_access(UNLINK))
            with self._undone():
                if expected:
                    mine.unlink()
                    self.env.flush_all()
                    self.assertFalse(record.exists())
                else:
                    with self.assertRaises(AccessError, msg=note):
                        mine.unlink()
                        self.env.flush_all()
                    self.assertTrue(record.exists())

    # the transitions ---------------------------------------------------------------

    def _snapshot(self, records):
        """The rows of ``records``, their many2many links, messages and activities, as a commit would write them."""
        self.env.flush_all()
        cr = self.env.cr
        snapshot = []
        for recordset in records:
            ids = tuple(recordset.ids) or (0,)
            cr.execute(f'SELECT * FROM "{recordset._table}" WHERE id IN %s ORDER BY id', [ids])
            columns = [column.name for column in cr.description]
            rows = [
                {
                    name: value
                    for name, value in zip(columns, row, strict=True)
                    if name not in ("write_date", "write_uid")
                }
                for row in cr.fetchall()
            ]
            links = [name for name, field in recordset._fields.items() if field.type == "many2many" and field.store]
            snapshot.append((recordset._name, rows, recordset.sudo().read(links) if links else []))
            for table, res_model in (("mail_activity", "res_model"), ("mail_message", "model")):
                cr.execute(
                    f"SELECT res_id, count(*) FROM {table} WHERE {res_model} = %s AND res_id IN %s GROUP BY res_id",
                    [recordset._name, ids],
                )
                snapshot.append((table, sorted(cr.fetchall())))
        return snapshot

    def _check_transition(self, label, agency, prepare, call, related, competent):
        """R3: ``call(record_as_user)`` refuses everybody but ``competent`` and changes nothing.

        ``prepare()`` brings the record to the transition's state (in superuser mode)
        and returns it; ``related(record)`` are the records the transition would
        touch; ``competent`` are the users allowed to take it.
        """
        wrong = [user for user in self.people if user not in competent]
        self.assertTrue(wrong and competent, label)
        with self._undone():
            record = prepare()
            before = self._snapshot(related(record))  # each call below is undone: they all start from here
            for user in wrong:
                with self.subTest(transition=label, agency=agency.name, user=user.login):
                    with self._undone():
                        # no savepoint around the call: what it wrote before raising stays visible
                        self.env.invalidate_all()  # an RPC call starts from an empty cache
                        try:
                            call(record.with_user(user))
                        except (AccessError, UserError):
                            pass
                        else:
                            self.fail(f"{user.login} took {label}")
                        self.assertEqual(self._snapshot(related(record)), before, "a refused call changed something")
            for user in competent:
                with self.subTest(transition=label, agency=agency.name, user=user.login, competent=True):
                    before = self._snapshot([record])
                    with self._undone():
                        self.assertTrue(call(record.with_user(user)))
                        self.assertNotEqual(self._snapshot([record]), before, "the transition did nothing")
