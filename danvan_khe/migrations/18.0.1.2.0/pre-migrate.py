"""18.0.1.2.0: tiers are versioned by the regulation that sets them (R1, R7.2, the 2025 reform).

A tier code is now unique within its regulation (``unique(code, regulation_id)``), no
longer in the whole database, and every tier names its regulation. Before the new
schema is applied: the global ``unique(code)`` is dropped (Odoo would drop it at the
end of the update only, its record being gone from the code), and a tier an
administrator created without a regulation is given Decision 976's, the act of the
tiers this addon shipped (else the newest act), so that the column can be required.
"""


def migrate(cr, version):
    cr.execute("ALTER TABLE dvk_tier DROP CONSTRAINT IF EXISTS dvk_tier_code_uniq")
    cr.execute("SELECT 1 FROM dvk_tier WHERE regulation_id IS NULL LIMIT 1")
    if not cr.fetchone():
        return
    cr.execute(
        """SELECT res_id FROM ir_model_data
            WHERE module = 'danvan_khe' AND model = 'dvk.regulation' AND name = 'regulation_976_2023'"""
    )
    row = cr.fetchone()
    if not row:
        cr.execute("SELECT id FROM dvk_regulation ORDER BY date_issued DESC NULLS LAST, id DESC LIMIT 1")
        row = cr.fetchone()
    if row:
        cr.execute("UPDATE dvk_tier SET regulation_id = %s WHERE regulation_id IS NULL", (row[0],))
