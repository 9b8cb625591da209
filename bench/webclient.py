"""What Odoo 18's web client sends to the server for danvan_khe's views, as plain Python.

Every function takes ``call(model, method, args, kwargs)``, which is either an
in-process call (``odoo.api.call_kw`` as the /web/dataset/call_kw controller
does, with the user's record rules) or a JSON-RPC call over HTTP, so that the
in-process bench, the load test and the replica check send exactly the same
requests. The requests follow Odoo 18's client code:

- kanban (web/static/src/model/relational_model/relational_model.js
  ``_loadGroupedList``/``_webReadGroup``, views/kanban/progress_bar_hook.js): one
  ``web_read_group`` of the first group-by (lazy, the integer/float fields of the
  view as ``name:aggregator``), one ``read_progress_bar`` when the view has a
  <progressbar/>, then one ``web_search_read`` per open, non-empty column (at most
  10 open columns, 40 cards each, the card fields as specification);
- list (``_loadUngroupedList``): one ``web_search_read`` (80 rows, count limit
  10 001, ordered by the handle field then id when the list has one);
- pivot (views/pivot/pivot_model.js ``_loadData``): one ``read_group`` (lazy=False)
  per pair of row and column group-by prefixes: 4 for one row and one column;
- graph (views/graph/graph_model.js): one ``web_read_group`` of all group-bys,
  lazy=False, context fill_temporal;
- activity (mail/static/src/views/web/activity/activity_model.js):
  ``mail.activity.get_activity_data`` and a ``web_search_read`` of 100 records, both
  on the domain AND ``activity_ids.active in [True, False]``;
- form: ``web_read`` of the form's fields.

The field specification is built from the view's arch as ``getFieldsSpec`` does:
many2one → ``{"fields": {"display_name": {}}}``, x2many without subview →
``{"fields": {}}``, plus the field dependencies of the kanban_activity and
list_activity widgets.
"""

import json

from lxml import etree

MAX_SAFE_INTEGER = 2**53 - 1
KANBAN_LIMIT = 40
LIST_LIMIT = 80
ACTIVITY_LIMIT = 100
COUNT_LIMIT = 10_000
MAX_OPEN_GROUPS = 10

_ACTIVITY_DEPENDENCIES = {
    "activity_exception_decoration": "selection",
    "activity_exception_icon": "char",
    "activity_state": "selection",
    "activity_summary": "char",
    "activity_type_icon": "char",
    "activity_type_id": "many2one",
}
WIDGET_DEPENDENCIES = {"kanban_activity": _ACTIVITY_DEPENDENCIES, "list_activity": _ACTIVITY_DEPENDENCIES}
WIDGET_RELATED = {"many2many_tags": {"display_name": {}}}


class View:
    """A view of a model as the client parsed it: its fields, specification and attributes."""

    def __init__(self, model, view_type, arch, models):
        self.model = model
        self.type = view_type
        self.models = models
        self.fields = models[model]["fields"]
        self.root = arch if isinstance(arch, etree._Element) else etree.fromstring(arch.encode())
        self.nodes = [node for node in self.root.iter("field") if self._is_own(node)]
        self.names = list(dict.fromkeys(node.get("name") for node in self.nodes))

    def _is_own(self, node):
        """A field of this view, not of an x2many field's inline subview."""
        parent = node.getparent()
        while parent is not None and parent is not self.root:
            if parent.tag == "field":
                return False
            parent = parent.getparent()
        return True

    def spec(self):
        spec = {}
        for node in self.nodes:
            name = node.get("name")
            kind = self.fields[name]["type"]
            invisible = node.get("invisible") in ("1", "True")
            if kind in ("many2one", "reference"):
                spec[name] = {"fields": {} if invisible else {"display_name": {}}}
            elif kind in ("one2many", "many2many"):
                subview = next((child for child in node if child.tag in ("list", "kanban")), None)
                relation = self.fields[name].get("relation")
                if subview is not None and relation in self.models:
                    sub = View(relation, subview.tag, subview, self.models)
                    spec[name] = {"fields": sub.spec(), "limit": int(subview.get("limit") or 40)}
                    if sub.order():
                        spec[name]["order"] = sub.order()
                else:
                    spec[name] = {"fields": dict(WIDGET_RELATED.get(node.get("widget"), {}))}
            else:
                spec.setdefault(name, {})
            for dep, dep_type in WIDGET_DEPENDENCIES.get(node.get("widget"), {}).items():
                spec.setdefault(dep, {"fields": {"display_name": {}}} if dep_type == "many2one" else {})
        return spec

    def order(self):
        """The client's order: the arch's default_order, else the handle field then id, else the model's."""
        if self.root.get("default_order"):
            return self.root.get("default_order")
        handle = [n.get("name") for n in self.nodes if n.get("widget") == "handle"]
        return f"{handle[0]} ASC, id ASC" if handle else ""

    def aggregates(self, group_by):
        return [
            f"{name}:{self.fields[name]['aggregator']}"
            for name in self.names
            if self.fields[name].get("aggregator") and name != group_by
        ]

    def progressbar(self):
        node = self.root.find("progressbar")
        if node is None:
            return None
        return {"colors": json.loads(node.get("colors") or "{}"), "field": node.get("field"), "help": node.get("help")}

    def typed_fields(self, kind):
        return [node.get("name") for node in self.nodes if node.get("type") == kind]


def load_views(call, model, view_types, context):
    """``get_views`` as the client calls it when an action opens (one call, every view type)."""
    result = call(
        model, "get_views", [], {"views": [[False, t] for t in view_types], "options": {}, "context": context}
    )
    return {t: View(model, t, result["views"][t]["arch"], result["models"]) for t in view_types}


def kanban(call, view, domain, context, group_by=None):
    """A grouped kanban board: web_read_group, read_progress_bar, one web_search_read per open column."""
    group_by = group_by or view.root.get("default_group_by")
    limit = int(view.root.get("limit") or KANBAN_LIMIT)
    spec = view.spec()
    response = call(
        view.model,
        "web_read_group",
        [],
        {
            "domain": domain,
            "fields": view.aggregates(group_by),
            "groupby": [group_by],
            "orderby": "",
            "lazy": True,
            "offset": 0,
            "limit": MAX_SAFE_INTEGER,
            "context": context,
        },
    )
    progressbar = view.progressbar()
    if progressbar:
        call(
            view.model,
            "read_progress_bar",
            [],
            {"domain": domain, "group_by": group_by, "progress_bar": progressbar, "context": context},
        )
    columns = []
    for index, group in enumerate(response["groups"]):
        count = group.get(f"{group_by}_count", group.get("__count", 0))
        if index >= MAX_OPEN_GROUPS or group.get("__fold") or not count:
            continue
        page = call(
            view.model,
            "web_search_read",
            [],
            {
                "domain": group["__domain"],
                "specification": spec,
                "offset": 0,
                "order": view.order(),
                "limit": limit,
                "context": {"bin_size": True, **context},
                "count_limit": COUNT_LIMIT + 1,
            },
        )
        columns.append((group[group_by], count, len(page["records"])))
    return columns


def list_view(call, view, domain, context, limit=LIST_LIMIT):
    return call(
        view.model,
        "web_search_read",
        [],
        {
            "domain": domain,
            "specification": view.spec(),
            "offset": 0,
            "order": view.order(),
            "limit": limit,
            "context": {"bin_size": True, **context},
            "count_limit": COUNT_LIMIT + 1,
        },
    )


def _prefixes(group_bys):
    return [group_bys[:i] for i in range(len(group_bys) + 1)]


def pivot(call, view, domain, context, rows=None, cols=None, measures=("__count",)):
    """The pivot's first load: one read_group per (row prefix, column prefix)."""
    rows = rows if rows is not None else view.typed_fields("row")
    cols = cols if cols is not None else view.typed_fields("col")
    results = []
    for row in _prefixes(rows):
        for col in _prefixes(cols):
            group_by = list(dict.fromkeys(row + col))
            results.append(
                call(
                    view.model,
                    "read_group",
                    [],
                    {
                        "domain": domain,
                        "fields": list(measures),
                        "groupby": group_by,
                        "lazy": False,
                        "context": context,
                    },
                )
            )
    return results


def graph(call, view, domain, context):
    group_by = [node.get("name") for node in view.nodes if node.get("type") != "measure"]
    return call(
        view.model,
        "web_read_group",
        [],
        {
            "domain": domain,
            "fields": ["__count"],
            "groupby": group_by,
            "lazy": False,
            "context": {"fill_temporal": True, **context},
        },
    )


def activity(call, view, domain, context):
    domain = [*domain, ["activity_ids.active", "in", [True, False]]]
    data = call(
        "mail.activity",
        "get_activity_data",
        [],
        {
            "res_model": view.model,
            "domain": domain,
            "limit": ACTIVITY_LIMIT,
            "offset": 0,
            "fetch_done": True,
            "context": context,
        },
    )
    page = call(
        view.model,
        "web_search_read",
        [],
        {
            "domain": domain,
            "specification": view.spec(),
            "offset": 0,
            "order": "",
            "limit": ACTIVITY_LIMIT,
            "context": {"bin_size": True, **context},
            "count_limit": COUNT_LIMIT + 1,
        },
    )
    return data, page


def form(call, view, res_id, context):
    return call(
        view.model, "web_read", [[res_id]], {"specification": view.spec(), "context": {"bin_size": True, **context}}
    )
