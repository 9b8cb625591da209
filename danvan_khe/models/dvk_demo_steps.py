from odoo import fields, models


class DvkDemoSteps(models.AbstractModel):
    """The steps of the workflow as the demo takes them, each by its real actor (``with_user``).

    Logins, agencies, sectors and committees are named by their demo XML ids (without
    ``danvan_khe.``); dvk.demo tells the province's years with these steps.
    """

    _name = "dvk.demo.steps"
    _description = "Steps of the demo movement"

    def _demo_user(self, login):
        return self.env.ref(f"danvan_khe.user_{login}")

    def _demo_period(self, year):
        Period = self.env["dvk.period"]
        return Period.search([("year", "=", year)]) or Period.create({"year": year})

    def _demo_register(self, agency, period, staff, lines):
        staff = self._demo_user(staff)
        registration = (
            self.env["dvk.registration"]
            .with_user(staff)
            .create({"department_id": self.env.ref(f"danvan_khe.{agency}").id, "period_id": period.id})
        )
        vals_list = []
        for line in lines:
            vals = {"registration_id": registration.id, "address": line.get("address") or "", **line}
            for key in ("department_id", "employee_id"):
                if isinstance(vals.get(key), str):
                    vals[key] = self.env.ref(f"danvan_khe.{vals[key]}").id
            vals["sector_id"] = self.env.ref(f"danvan_khe.sector_{vals['sector_id']}").id
            if isinstance(vals.get("predecessor_id"), models.BaseModel):
                vals["predecessor_id"] = vals["predecessor_id"].id
            vals_list.append(vals)
        models_ = self.env["dvk.model"].with_user(staff).create(vals_list)
        return registration, models_

    def _demo_submit(self, registration, staff):
        registration.with_user(self._demo_user(staff)).action_submit()

    def _demo_confirm(self, registration, head):
        registration.with_user(self._demo_user(head)).action_confirm()

    def _demo_approve(self, registration, member):
        registration.with_user(self._demo_user(member)).action_approve()

    def _demo_approved(self, agency, period, staff, head, member, lines):
        registration, models_ = self._demo_register(agency, period, staff, lines)
        self._demo_submit(registration, staff)
        self._demo_confirm(registration, head)
        self._demo_approve(registration, member)
        return registration, models_

    def _demo_report(self, models_, staff, summary):
        models_.with_user(self._demo_user(staff)).write({"result_summary": summary})
        models_.with_user(self._demo_user(staff)).action_report()

    def _demo_evaluate(self, model, head, share=0.85):
        evaluation = self.env["dvk.evaluation"].with_user(self._demo_user(head)).create({"model_id": model.id})
        for line in evaluation.line_ids:
            line.score = round(line.max_score * share)
        evaluation.note = "Mô hình đạt yêu cầu, có sức lan tỏa."
        evaluation.action_done()
        return evaluation

    def _demo_recognize(self, models_, member, committee, number):
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self._demo_user(member))
            .create(
                {
                    "committee_id": self.env.ref(f"danvan_khe.{committee}").id,
                    "name": number,
                    "signer": self._demo_user(member).name,
                    "reasoning": "Căn cứ kết quả đánh giá của thủ trưởng cơ quan, đơn vị.",
                    "model_ids": [fields.Command.set(models_.ids)],
                    "period_id": models_[:1].period_id.id,
                }
            )
        )
        recognition.action_done()
        return recognition
