/** @odoo-module **/
// The movement's main path walked by its real users (issue: tours in a real browser).

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

// The year the test runs in: the test hands it over (tests/test_tours.py), else the browser's clock.
function tourYear() {
    return window.localStorage.getItem("dvk_tour_year") || String(new Date().getFullYear());
}

// The card of the form the staff registered in this run (its number, handed over by the test):
// the boards may hold Sở Tư pháp's forms of other years, left by the demo.
function stpCard() {
    const number = window.localStorage.getItem("dvk_tour_form");
    return `.o_kanban_record:contains("Sở Tư pháp")${number ? `:contains("${number}")` : ""}`;
}

function addLine(name, sector) {
    return [
        {
            content: "Add a model",
            trigger: 'div[name="model_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Name the model",
            trigger: 'div[name="model_ids"] .o_selected_row [name="name"] input',
            run: `edit ${name}`,
        },
        {
            content: "Choose its sector",
            trigger: 'div[name="model_ids"] .o_selected_row [name="sector_id"] input',
            run: `edit ${sector}`,
        },
        {
            content: "Pick the sector",
            trigger: `.o-autocomplete--dropdown-item > a:contains("${sector}")`,
            run: "click",
        },
        {
            content: "Where the model runs (R5.1a)",
            trigger: 'div[name="model_ids"] .o_selected_row [name="address"] input',
            run: "edit Phường 1, thành phố Trà Vinh",
        },
        {
            content: "Its content (R5.1a)",
            trigger: 'div[name="model_ids"] .o_selected_row [name="survey_content"] textarea',
            run: "edit Giải quyết thủ tục hành chính tận tình, đúng hẹn",
        },
    ];
}

// The head scores one factor of Art. 7.1 (rows a to đ of the evaluation, 1 to 5), then saves.
function scoreFactor(row, points) {
    return [
        {
            content: `Score factor ${row}`,
            trigger: `div[name="line_ids"] .o_data_row:nth-child(${row}) [name="score"]`,
            run: "click",
        },
        {
            content: `${points} points`,
            trigger: `div[name="line_ids"] .o_data_row:nth-child(${row}).o_selected_row [name="score"] input`,
            run: `edit ${points}`,
        },
        ...stepUtils.saveForm(),
        {
            content: `Factor ${row} saved with ${points} points`,
            trigger: `.o_form_saved div[name="line_ids"] .o_data_row:nth-child(${row}):not(.o_selected_row) td[name="score"]:contains("${points}")`,
        },
    ];
}

tours.add("dvk_staff_registers", {
    url: "/odoo/action-danvan_khe.dvk_registration_action",
    steps: () => [
        {
            content: "New registration form",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        { trigger: '.o_form_view .o_field_widget[name="department_id"] input' },
        ...addLine("Tour: tiếp công dân thân thiện", "KT"),
        ...addLine("Tour: hòa giải ở cơ sở", "AN-QP"),
        ...stepUtils.saveForm(),
        {
            content: "Submit to the agency head",
            trigger: 'button[name="action_submit"]',
            run: "click",
        },
        {
            content: "The form is submitted",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Submitted")',
        },
    ],
});

tours.add("dvk_head_confirms", {
    url: "/odoo/action-danvan_khe.dvk_registration_action",
    steps: () => [
        {
            content: "Confirm this year's submitted form on the board",
            trigger: `${stpCard()} button[name="action_confirm"]`,
            run: "click",
        },
        {
            content: "It moves to the Confirmed column",
            trigger: `.o_kanban_group:contains("Confirmed") ${stpCard()}`,
        },
    ],
});

tours.add("dvk_committee_approves", {
    url: "/odoo/action-danvan_khe.dvk_registration_action_to_approve",
    steps: () => [
        {
            content: "Approve this year's form waiting for me on the board",
            trigger: `${stpCard()} button[name="action_approve"]`,
            run: "click",
        },
        {
            content: "It is not waiting for me any more",
            trigger: `.o_kanban_renderer:not(:has(${stpCard()}))`,
        },
    ],
});

tours.add("dvk_head_evaluates", {
    url: "/odoo/action-danvan_khe.dvk_evaluation_action",
    steps: () => [
        {
            content: "New evaluation",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the reported model",
            trigger: '.o_field_widget[name="model_id"] input',
            run: "edit Tour: tiếp công dân",
        },
        {
            content: "Pick it",
            trigger: '.o-autocomplete--dropdown-item > a:contains("Tour: tiếp công dân")',
            run: "click",
        },
        ...stepUtils.saveForm(),
        ...scoreFactor(1, 18),
        ...scoreFactor(2, 17),
        ...scoreFactor(3, 16),
        ...scoreFactor(4, 19),
        ...scoreFactor(5, 18),
        {
            content: "Close the evaluation",
            trigger: 'button[name="action_done"]',
            run: "click",
        },
        {
            content: "Confirm: a closed evaluation cannot change any more",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The evaluation is done",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Done")',
        },
    ],
});

tours.add("dvk_committee_recognises", {
    url: "/odoo/action-danvan_khe.dvk_recognition_action",
    steps: () => [
        {
            content: "New recognition decision",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "My committee is proposed, and its agency shown",
            trigger: '.o_field_widget[name="agency_id"]:contains("Sở Tư pháp")',
        },
        {
            content: "Add a model to recognise",
            trigger: 'div[name="model_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Select the evaluated model",
            trigger: '.modal .o_data_row:contains("Tour: tiếp công dân") .o_list_record_selector input',
            run: "click",
        },
        {
            content: "Confirm the selection",
            trigger: ".modal .o_select_button",
            run: "click",
        },
        { trigger: 'div[name="model_ids"] .o_data_row:contains("Tour: tiếp công dân")' },
        ...stepUtils.saveForm(),
        {
            content: "Take the decision",
            trigger: 'button[name="action_done"]',
            run: "click",
        },
        {
            content: "Confirm: the decision cannot change any more",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The decision is taken",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Decided")',
        },
    ],
});

tours.add("dvk_home_affairs_october", {
    url: "/odoo/action-danvan_khe.dvk_agency_report_action",
    steps: () => [
        {
            content: "Open this year's reports",
            trigger: `.o_group_header:contains("${tourYear()}")`,
            run: "click",
        },
        {
            content: "Open the October reports",
            trigger: '.o_group_header:contains("October")',
            run: "click",
        },
        {
            content: "Open Sở Tư pháp's October report",
            trigger: '.o_data_row:contains("Sở Tư pháp") td[name="department_id"]',
            run: "click",
        },
        {
            content: "The October report with its figures",
            trigger: '.o_form_view .o_field_widget[name="recognized_count"]',
        },
    ],
});
