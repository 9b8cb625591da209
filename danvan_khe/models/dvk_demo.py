from odoo import api, fields, models


class DvkDemo(models.AbstractModel):
    """The demo province's movement, made through the workflow by the demo logins themselves.

    Every step is taken by its real actor (``with_user``), so the chatter, the tracking and the
    activities are what a real year leaves behind, and every deciding login finds work waiting.
    The years follow today's date: this year and the two before.
    """

    _name = "dvk.demo"
    _inherit = ["dvk.demo.steps"]
    _description = "Demo of the movement"

    @api.model
    def _dvk_build(self):
        year = fields.Date.context_today(self).year
        lang = "vi_VN" if self.env["res.lang"]._lang_get("vi_VN") else self.env.lang
        demo = self.with_context(lang=lang, mail_notify_force_send=False)
        periods = {y: demo._demo_period(y) for y in (year - 2, year - 1, year)}
        demo._demo_sotuphap(periods, year)
        demo._demo_other_departments(periods, year)
        demo._demo_city_and_wards(periods, year)
        demo._demo_district(periods, year)
        demo._demo_reports(periods, year)
        return True

    def _demo_reports(self, periods, year):
        """R8: the heads sent their February and October reports, but for a few of last year's and this
        year's Octobers, which Home Affairs sees late."""
        Report = self.env["dvk.agency.report"].sudo()
        Report._dvk_ensure_reports(self.env["dvk.period"].browse([p.id for p in periods.values()]))
        late = {self.env.ref("danvan_khe.dept_tptv"), self.env.ref("danvan_khe.dept_cl_mc")}
        for report in Report.search([("period_id", "in", [p.id for p in periods.values()]), ("state", "=", "draft")]):
            if report.kind == "october" and (report.period_id.year == year or report.department_id in late):
                continue
            head = report.department_id._dvk_head_user()
            if head:
                report.with_user(head).action_send()
        # Home Affairs compiled the earlier years; this year's reports wait for its review
        reviewed = Report.search([("state", "=", "sent"), ("period_id.year", "<", year)])
        reviewed.with_user(self._demo_user("nv_tonghop")).activity_feedback(
            ["danvan_khe.mail_act_dvk_review_report"], feedback="Đã tổng hợp vào báo cáo của tỉnh."
        )

    # the province ------------------------------------------------------------------------------------

    def _demo_sotuphap(self, periods, year):
        """Sở Tư pháp: a model recognised two years in a row that spreads, proposed to the province."""
        tgpl = {
            "name": "Trợ giúp pháp lý lưu động cho đồng bào dân tộc Khmer",
            "department_id": "dept_stp_office",
            "sector_id": "xdhtct",
            "address": "Xã Ngãi Xuyên, xã Tập Sơn và xã Phước Hưng, huyện Trà Cú",
            "survey_content": "Tư vấn pháp luật miễn phí tại ấp, phum, sóc",
        }
        _reg, first = self._demo_approved(
            "dept_stp",
            periods[year - 2],
            "stp_canbo",
            "stp_giamdoc",
            "stp_bcd",
            [{**tgpl, "expected_result": "12 đợt trợ giúp pháp lý, 600 lượt người dân được tư vấn"}],
        )
        self._demo_report(first, "stp_canbo", "Tổ chức 14 đợt, 720 lượt người dân được tư vấn pháp luật.")
        self._demo_evaluate(first, "stp_giamdoc", 0.9)
        self._demo_recognize(first, "stp_bcd", "committee_stp", f"01/QĐ-BCĐ-STP/{year - 2}")
        first.with_user(self._demo_user("stp_giamdoc")).write(
            {"replicated": True, "replication_note": "Nhân rộng tại huyện Cầu Ngang và Châu Thành"}
        )
        proposal = self.env["dvk.commendation"].with_user(self._demo_user("stp_bcd")).create(
            {"model_id": first.id, "reason": "Hoàn thành xuất sắc mô hình năm đầu."}
        )
        proposal.action_propose()
        proposal.with_user(self._demo_user("stp_giamdoc")).action_grant(decision_number=f"15/QĐ-STP/{year - 2}")

        _reg, lines = self._demo_approved(
            "dept_stp",
            periods[year - 1],
            "stp_canbo",
            "stp_giamdoc",
            "stp_bcd",
            [
                {**tgpl, "predecessor_id": first, "expected_result": "15 đợt, 800 lượt người dân"},
                {
                    "name": "Nâng cao hiệu quả hòa giải ở cơ sở",
                    "kind": "individual",
                    "employee_id": "employee_stp_canbo",
                    "sector_id": "anqp",
                    "expected_result": "Hòa giải thành 90% vụ việc",
                },
                {
                    "name": "Phổ biến pháp luật qua mạng xã hội",
                    "sector_id": "vhxh",
                    "address": "Các phường và xã Long Đức, thành phố Trà Vinh",
                    "survey_content": "Video ngắn phổ biến pháp luật trên trang của Sở Tư pháp và Zalo khóm, ấp",
                },
            ],
        )
        second, hoagiai, online = lines
        self._demo_report(lines, "stp_canbo", "Vượt chỉ tiêu đăng ký.")
        self._demo_evaluate(second, "stp_giamdoc", 0.9)
        self._demo_evaluate(hoagiai, "stp_giamdoc", 0.8)  # waits for the committee's recognition
        self._demo_recognize(second, "stp_bcd", "committee_stp", f"02/QĐ-BCĐ-STP/{year - 1}")
        second.with_user(self._demo_user("stp_giamdoc")).write(
            {"replicated": True, "replication_note": "Nhân rộng tại huyện Cầu Ngang, Châu Thành và Tiểu Cần"}
        )
        # R7.3: two years in a row and spreading: proposed to the province, Home Affairs decides
        self.env["dvk.commendation"].with_user(self._demo_user("stp_bcd")).create(
            {"model_id": second.id, "level": "province", "reason": "Hai năm liền được công nhận, nhân rộng 3 huyện."}
        ).action_propose()
        del online  # reported: waits for the head's evaluation
        october = self.env["dvk.agency.report"].sudo()._dvk_ensure_reports(periods[year - 1]) or self.env[
            "dvk.agency.report"
        ].sudo().search([("period_id", "=", periods[year - 1].id)])
        stp_october = october.filtered(
            lambda r: r.kind == "october" and r.department_id == self.env.ref("danvan_khe.dept_stp")
        )
        stp_october.with_user(self._demo_user("stp_giamdoc")).action_send()

        registration, _lines = self._demo_register(
            "dept_stp",
            periods[year],
            "stp_canbo",
            [
                {**tgpl, "predecessor_id": second, "expected_result": "Mở rộng ra 20 xã"},
                {
                    "name": "Sinh hoạt pháp luật tại chùa Khmer",
                    "kind": "individual",
                    "employee_id": "employee_stp_canbo",
                    "sector_id": "vhxh",
                    "expected_result": "8 buổi sinh hoạt, 400 lượt người tham dự",
                },
            ],
        )
        self._demo_submit(registration, "stp_canbo")
        self._demo_confirm(registration, "stp_giamdoc")  # waits for the committee's approval

    def _demo_other_departments(self, periods, year):
        """Sở Nội vụ, Sở Y tế, Sở Giáo dục và Đào tạo: each head and committee has a step waiting."""
        registration, _lines = self._demo_register(
            "dept_snv",
            periods[year],
            "nv_tonghop",
            [
                {
                    "name": "Tiếp nhận, trả lời kiến nghị của công dân đúng hạn",
                    "sector_id": "xdhtct",
                    "address": "Bộ phận một cửa Sở Nội vụ, Phường 1, thành phố Trà Vinh",
                    "survey_content": "Trả lời 100% kiến nghị trong 10 ngày",
                }
            ],
        )
        self._demo_submit(registration, "nv_tonghop")  # waits for nv.giamdoc

        _reg, lines = self._demo_approved(
            "dept_syt",
            periods[year - 1],
            "syt_canbo",
            "syt_giamdoc",
            "syt_bcd",
            [
                {
                    "name": "Trạm y tế thân thiện với người dân",
                    "sector_id": "vhxh",
                    "address": "Trạm y tế xã Long Đức, thành phố Trà Vinh",
                    "survey_content": "Niêm yết công khai, đón tiếp ân cần",
                }
            ],
        )
        self._demo_report(lines, "syt_canbo", "Mức độ hài lòng của người dân đạt 95%.")
        self._demo_evaluate(lines, "syt_giamdoc", 0.85)  # waits for syt.bcd's recognition
        registration, _lines = self._demo_register(
            "dept_syt",
            periods[year],
            "syt_canbo",
            [
                {
                    "name": "Khám sàng lọc lưu động cho người cao tuổi",
                    "sector_id": "vhxh",
                    "address": "Xã Long Khánh và xã Ngũ Lạc, huyện Duyên Hải",
                    "survey_content": "Khám, tư vấn sức khỏe miễn phí",
                }
            ],
        )
        self._demo_submit(registration, "syt_canbo")  # waits for syt.giamdoc

        _reg, lines = self._demo_approved(
            "dept_sgd",
            periods[year - 1],
            "sgd_canbo",
            "sgd_giamdoc",
            "sgd_bcd",
            [
                {
                    "name": "Vận động học sinh bỏ học trở lại trường",
                    "sector_id": "vhxh",
                    "address": "Các trường THCS xã Kim Sơn và xã Đại An, huyện Trà Cú",
                    "survey_content": "Thăm hỏi gia đình, hỗ trợ sách vở",
                }
            ],
        )
        self._demo_report(lines, "sgd_canbo", "142 học sinh trở lại lớp.")  # waits for sgd.giamdoc's evaluation
        registration, _lines = self._demo_register(
            "dept_sgd",
            periods[year],
            "sgd_canbo",
            [
                {
                    "name": "Trường học thân thiện, học sinh tích cực",
                    "sector_id": "vhxh",
                    "address": "Các trường học Phường 7, thành phố Trà Vinh",
                    "survey_content": "Phụ huynh cùng nhà trường giáo dục học sinh",
                }
            ],
        )
        self._demo_submit(registration, "sgd_canbo")
        self._demo_confirm(registration, "sgd_giamdoc")  # waits for sgd.bcd's approval

    def _demo_city_and_wards(self, periods, year):
        """Thành phố Trà Vinh and Phường 1, each with its own head and committee (R6.2 'cùng cấp')."""
        _reg, lines = self._demo_approved(
            "dept_tptv",
            periods[year - 1],
            "tptv_canbo",
            "tptv_chutich",
            "tptv_bcd",
            [
                {
                    "name": "Vận động hộ kinh doanh chuyển đổi thanh toán không dùng tiền mặt",
                    "department_id": "dept_tptv_noivu",
                    "sector_id": "kt",
                    "address": "Chợ Trà Vinh, Phường 2, thành phố Trà Vinh",
                    "survey_content": "Hướng dẫn hộ kinh doanh dùng mã QR",
                }
            ],
        )
        self._demo_report(lines, "tptv_canbo", "520 hộ kinh doanh dùng mã QR.")
        self._demo_evaluate(lines, "tptv_chutich", 0.8)  # waits for tptv.bcd's recognition
        registration, _lines = self._demo_register(
            "dept_tptv",
            periods[year],
            "tptv_canbo",
            [
                {
                    "name": "Chính quyền thân thiện, lắng nghe ý kiến người dân",
                    "department_id": "dept_tptv_noivu",
                    "sector_id": "xdhtct",
                    "address": "Phường 1 đến Phường 9 và xã Long Đức, thành phố Trà Vinh",
                    "survey_content": "Đối thoại định kỳ với người dân",
                }
            ],
        )
        self._demo_submit(registration, "tptv_canbo")  # waits for tptv.chutich

        _reg, lines = self._demo_approved(
            "dept_p1",
            periods[year - 1],
            "p1_canbo",
            "p1_chutich",
            "p1_bcd",
            [
                {
                    "name": "Tuyến đường xanh - sạch - đẹp khóm 3",
                    "sector_id": "vhxh",
                    "address": "Khóm 3, Phường 1, thành phố Trà Vinh",
                    "survey_content": "Trồng cây, thắp sáng đường quê",
                }
            ],
        )
        self._demo_report(lines, "p1_canbo", "1,2 km tuyến đường được trồng cây, thắp sáng.")
        self._demo_evaluate(lines, "p1_chutich", 0.9)
        self._demo_recognize(lines, "p1_bcd", "committee_p1", f"03/QĐ-BCĐ-P1/{year - 1}")
        # R7.2: the ward's committee proposes to the ward's People's Committee, whose chairman decides
        self.env["dvk.commendation"].with_user(self._demo_user("p1_bcd")).create(
            {"model_id": lines.id, "reason": "Người dân đồng tình, đóng góp 300 triệu đồng."}
        ).action_propose()
        registration, _lines = self._demo_register(
            "dept_p1",
            periods[year],
            "p1_canbo",
            [
                {
                    "name": "Bộ phận một cửa thân thiện, giải quyết thủ tục đúng hẹn",
                    "sector_id": "xdhtct",
                    "address": "Bộ phận một cửa Ủy ban nhân dân Phường 1, thành phố Trà Vinh",
                    "survey_content": "Giải quyết hồ sơ đúng và trước hạn",
                }
            ],
        )
        self._demo_submit(registration, "p1_canbo")
        self._demo_confirm(registration, "p1_chutich")  # waits for p1.bcd's approval

    def _demo_district(self, periods, year):
        """Huyện Càng Long, and thị trấn Càng Long which has no head nor committee of its own."""
        _reg, lines = self._demo_approved(
            "dept_cl",
            periods[year - 1],
            "cl_canbo",
            "cl_chutich",
            "cl_bcd",
            [
                {
                    "name": "Dân vận khéo trong xây dựng nông thôn mới",
                    "sector_id": "kt",
                    "address": "Xã Mỹ Cẩm, huyện Càng Long",
                    "survey_content": "Vận động hiến đất làm đường",
                },
                {
                    "name": "Tổ hòa giải kiểu mẫu",
                    "sector_id": "anqp",
                    "address": "Ấp Mỹ Hòa, xã Mỹ Cẩm, huyện Càng Long",
                    "survey_content": "Hòa giải tại cơ sở",
                },
            ],
        )
        ntm, hoagiai = lines
        self._demo_report(lines, "cl_canbo", "Người dân hiến 5.000 m² đất làm đường.")
        self._demo_evaluate(ntm, "cl_chutich", 0.85)  # waits for cl.bcd's recognition
        del hoagiai  # waits for cl.chutich's evaluation
        _reg, _lines = self._demo_approved(
            "dept_cl",
            periods[year],
            "cl_canbo",
            "cl_chutich",
            "cl_bcd",
            [
                {
                    "name": "Phát triển mô hình trồng dừa hữu cơ",
                    "sector_id": "kt",
                    "address": "Xã Nhị Long, huyện Càng Long",
                    "survey_content": "Liên kết hộ trồng dừa",
                }
            ],
        )  # in implementation: cl.canbo carries it out and reports before October

        registration, _lines = self._demo_register(
            "dept_cl_tt",
            periods[year],
            "cltt_canbo",
            [
                {
                    "name": "Khu phố văn minh",
                    "sector_id": "vhxh",
                    "address": "Khóm 4, thị trấn Càng Long, huyện Càng Long",
                    "survey_content": "Giữ gìn vệ sinh, an ninh trật tự và nếp sống văn minh nơi khu phố",
                }
            ],
        )
        self._demo_submit(registration, "cltt_canbo")
        # the town has no head of its own: the district's head decides for it (R6.2)
        registration.with_user(self._demo_user("cl_chutich")).action_refuse(
            reason="Ghi rõ kết quả ước đạt của mô hình (số hộ tham gia, tiêu chí khu phố văn minh)."
        )  # waits for cltt.canbo to amend
