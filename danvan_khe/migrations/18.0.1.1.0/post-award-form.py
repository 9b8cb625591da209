"""18.0.1.1.0: the proposed award is a form of the catalogue (dvk.award.form), no longer free text (R7.2).

Odoo keeps the column of a removed field: each proposal's old text is matched to the
form of that name (in any language of the catalogue), else keeps the first form of the
proposal's level (computed when the field was added); the old text is written in the
proposal's chatter, so nothing is lost.
"""

from markupsafe import Markup

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'dvk_commendation' AND column_name = 'award_form'"
    )
    if not cr.fetchone():
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Form = env["dvk.award.form"].with_context(active_test=False)
    names = {}
    cr.execute("SELECT id, name FROM dvk_award_form ORDER BY sequence, id")
    for form_id, translations in cr.fetchall():
        for text in (translations or {}).values():
            names.setdefault((text or "").strip().lower(), Form.browse(form_id))
    # the new field was computed for every proposal when it was added (the first form of its level)
    cr.execute("SELECT id, award_form, award_form_id FROM dvk_commendation WHERE award_form IS NOT NULL")
    for proposal_id, text, form_id in cr.fetchall():
        proposal = env["dvk.commendation"].browse(proposal_id)
        form = names.get((text or "").strip().lower()) or Form.browse(form_id)
        if not form:
            form = Form._dvk_default(proposal.level, proposal.tier_id)
        if not form:
            continue
        cr.execute("UPDATE dvk_commendation SET award_form_id = %s WHERE id = %s", (form.id, proposal_id))
        proposal._message_log(
            body=Markup("<p>%s</p>") % f"Proposed award before the catalogue of award forms: {text} → {form.name}"
        )
    env.invalidate_all()
