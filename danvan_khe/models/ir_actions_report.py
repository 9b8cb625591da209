from odoo import models

REPORT_PREFIX = "danvan_khe."


class IrActionsReport(models.Model):
    """The movement's forms print without wkhtmltopdf's script delay.

    Odoo lets wkhtmltopdf wait ``report.print_delay`` (1 s by default) for a report's
    scripts, holding a worker meanwhile. The movement's forms paginate in their page's
    load handler, which wkhtmltopdf runs before printing: the same pages, a second
    sooner. Other addons' reports keep the configured delay.
    """

    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report = self._get_report(report_ref)
        # set here for ours, and cleared for the others (a caller's context must not carry it there)
        ours = (report.report_name or "").startswith(REPORT_PREFIX)
        self = self.with_context(dvk_no_print_delay=ours)  # noqa: PLW0642
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _build_wkhtmltopdf_args(
        self, paperformat_id, landscape, specific_paperformat_args=None, set_viewport_size=False
    ):
        args = super()._build_wkhtmltopdf_args(
            paperformat_id,
            landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        # a flag, never a value from the context: nothing of the caller's reaches the command line
        if self.env.context.get("dvk_no_print_delay") is True and "--javascript-delay" in args:
            args[args.index("--javascript-delay") + 1] = "0"
        return args
