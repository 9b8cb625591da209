/** @odoo-module **/
// The first day: each role logs in, lands on "What waits for me", finds its waiting
// item there and decides it (the demo province, made through the workflow).

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function fromOverview(step, row) {
    return [
        {
            content: "Odoo opens on what waits for me",
            trigger: ".o_dvk_overview .o_kanban_record",
        },
        {
            content: `Open the step "${step}"`,
            trigger: `.o_dvk_overview .o_kanban_record:contains("${step}")`,
            run: "click",
        },
        {
            content: `Open ${row}`,
            trigger: `.o_list_view .o_data_row:contains("${row}") td.o_data_cell`,
            run: "click",
        },
    ];
}

function decide(button, state, confirmed = false) {
    return [
        {
            content: `Decide: ${button}`,
            trigger: `.o_form_view .o_statusbar_buttons button[name="${button}"]`,
            run: "click",
        },
        ...(confirmed
            ? [{ content: "Confirm the irreversible decision", trigger: ".modal-footer .btn-primary", run: "click" }]
            : []),
        {
            content: `It is ${state}`,
            trigger: `.o_statusbar_status button.o_arrow_button_current:contains("${state}")`,
        },
    ];
}

tours.add("dvk_role_staff_amends", {
    steps: () => [
        ...fromOverview("Registrations to amend", "thị trấn Càng Long"),
        ...decide("action_draft", "Draft"),
        ...decide("action_submit", "Submitted"),
    ],
});

tours.add("dvk_role_head_confirms", {
    steps: () => [...fromOverview("To confirm", "Sở Y tế"), ...decide("action_confirm", "Confirmed")],
});

tours.add("dvk_role_committee_approves", {
    steps: () => [...fromOverview("To approve", "Sở Giáo dục và Đào tạo"), ...decide("action_approve", "Approved")],
});

tours.add("dvk_role_home_affairs_grants", {
    steps: () => [
        ...fromOverview("Provincial proposals to decide", "Trợ giúp pháp lý"),
        {
            content: "Write the decision's number",
            trigger: '.o_form_view [name="decision_number"] input',
            run: "edit 25/QĐ-UBND",
        },
        ...decide("action_grant", "Granted", true),
    ],
});

tours.add("dvk_role_admin_sends_late_report", {
    steps: () => [
        ...fromOverview("Agencies late with their report", "Ủy ban nhân dân xã Mỹ Cẩm"),
        ...decide("action_send", "Sent"),
    ],
});

// The committee selects the evaluated model in the list, gathers it in its draft decision
// and takes the decision, after the confirmation that it cannot change any more.
tours.add("dvk_role_committee_recognises", {
    steps: () => [
        {
            content: "Odoo opens on what waits for me",
            trigger: ".o_dvk_overview .o_kanban_record",
        },
        {
            content: 'Open the step "To recognise"',
            trigger: '.o_dvk_overview .o_kanban_record:contains("To recognise")',
            run: "click",
        },
        {
            content: "Select the evaluated model of Sở Tư pháp",
            trigger: '.o_list_view .o_data_row:contains("Sở Tư pháp") .o_list_record_selector input',
            run: "click",
        },
        {
            content: "Recognise the selection",
            trigger: 'button[name="action_recognize"]',
            run: "click",
        },
        {
            content: "Take the decision",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_done"]',
            run: "click",
        },
        {
            content: "Confirm: the decision cannot change any more",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "It is decided",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Decided")',
        },
    ],
});

// The committee does not recognise a model: the reason first (the wizard), then the decision.
tours.add("dvk_role_committee_does_not_recognise", {
    steps: () => [
        {
            content: 'Open the step "To recognise"',
            trigger: '.o_dvk_overview .o_kanban_record:contains("To recognise")',
            run: "click",
        },
        {
            content: "Select the evaluated model of Sở Y tế",
            trigger: '.o_list_view .o_data_row:contains("Sở Y tế") .o_list_record_selector input',
            run: "click",
        },
        {
            content: "Not recognise the selection",
            trigger: 'button[name="action_open_not_recognize_wizard"]',
            run: "click",
        },
        {
            content: "Give the committee's reason",
            trigger: '.modal [name="reason"] textarea',
            run: "edit Chưa lan tỏa ra các đơn vị khác",
        },
        {
            content: "Not recognised",
            trigger: '.modal-footer button[name="action_refuse"]:contains("Not recognised")',
            run: "click",
        },
        {
            content: "The draft decision opens: its 'Not recognised' page",
            trigger: '.o_form_view .o_notebook .nav-link:contains("Not recognised")',
            run: "click",
        },
        {
            content: "The draft decision lists it among the not recognised",
            trigger: '.o_form_view div[name="rejection_ids"] .o_data_row:contains("Chưa lan tỏa")',
        },
        {
            content: "Take the decision",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_done"]',
            run: "click",
        },
        {
            content: "Confirm: the decision cannot change any more",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "It is decided",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Decided")',
        },
    ],
});
