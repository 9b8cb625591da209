from odoo import _, models
from odoo.exceptions import AccessError


class MailMessage(models.Model):
    """The chatter of the movement's records is their audit trail (R3): a user changes or deletes only
    their own comments there, never what the workflow logged nor another officer's words."""

    _inherit = "mail.message"

    def _dvk_check_own(self):
        if self.env.su or self.env.user.has_group("danvan_khe.group_dvk_admin"):
            return
        partner = self.env.user.partner_id
        for message in self.sudo():
            if (message.model or "").startswith("dvk.") and (
                message.author_id != partner or message.message_type != "comment"
            ):
                raise AccessError(
                    _("The history of the movement's records is kept: you change only your own comments.")
                )

    def write(self, vals):
        self._dvk_check_own()
        return super().write(vals)

    def unlink(self):
        self._dvk_check_own()
        return super().unlink()
