"""Build the addon's README.rst and static/description/index.html from readme/*.md.

What OCA's ``oca-gen-addon-readme`` (maintainer-tools, not on PyPI) does, for this
addon, with docutils alone (an Odoo dependency): the fragments of
``danvan_khe/readme/`` (DESCRIPTION, CONFIGURE, USAGE, CONTRIBUTORS; INSTALL,
ROADMAP, HISTORY, CREDITS when present), the manifest's metadata (name, summary,
development status, license, maintainers, website), in OCA's layout.

    python3 doc/gen_addon_readme.py                # writes both files
    python3 doc/gen_addon_readme.py --rst OTHER.rst  # README.rst elsewhere

The fragments are Markdown kept to what reads the same as reStructuredText:
paragraphs, "-" and "1." lists, *emphasis*, **strong**, ``code`` and <url>.
"""

import argparse
import ast
import pathlib
import re

from docutils.core import publish_string

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDON = ROOT / "danvan_khe"
SECTIONS = (
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
)
STATUS_BADGE = {
    "Alpha": "alpha-red",
    "Beta": "beta-yellow",
    "Production/Stable": "production%2Fstable-green",
    "Mature": "mature-brightgreen",
}
LICENSE_BADGE = {"LGPL-3": "licence-LGPL--3-blue", "AGPL-3": "licence-AGPL--3-blue"}


def fragment(name):
    path = ADDON / "readme" / f"{name}.md"
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8").strip()
    return re.sub(r"<(https?://[^>]+)>", r"\1", text)  # a Markdown autolink, a bare URI in rst


def heading(text, char):
    return f"{text}\n{char * len(text)}\n"


def build_rst(manifest):
    name = manifest["name"]
    status = manifest.get("development_status", "Beta")
    license_ = manifest.get("license", "LGPL-3")
    website = manifest.get("website", "")
    parts = [
        "=" * len(name),
        name,
        "=" * len(name),
        "",
        f".. |badge1| image:: https://img.shields.io/badge/maturity-{STATUS_BADGE.get(status, 'beta-yellow')}.png",
        "    :target: https://odoo-community.org/page/development-status",
        f"    :alt: {status}",
        f".. |badge2| image:: https://img.shields.io/badge/{LICENSE_BADGE.get(license_, 'licence-unknown-blue')}.png",
        f"    :target: http://www.gnu.org/licenses/{license_.lower().replace('-3', '-3.0')}-standalone.html",
        f"    :alt: License: {license_}",
        "",
        "|badge1| |badge2|",
        "",
        f"*{manifest.get('summary', '')}*",
        "",
        fragment("DESCRIPTION"),
        "",
        "**Table of contents**",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for key, title in SECTIONS:
        text = fragment(key)
        if text:
            parts += [heading(title, "="), text, ""]
    parts += [heading("Bug Tracker", "=")]
    parts += [
        f"Bugs are tracked on `GitHub Issues <{website}/issues>`_. Please check there whether your issue "
        "has already been reported; if not, describe it in detail: version, steps, what you expected.",
        "",
        heading("Credits", "="),
        heading("Authors", "-"),
        *(f"- {author.strip()}" for author in manifest.get("author", "").split(",")),
        "",
    ]
    contributors = fragment("CONTRIBUTORS")
    if contributors:
        parts += [heading("Contributors", "-"), contributors, ""]
    credits_ = fragment("CREDITS")
    if credits_:
        parts += [heading("Other credits", "-"), credits_, ""]
    maintainers = manifest.get("maintainers", [])
    if maintainers:
        parts += [heading("Maintainers", "-")]
        parts += ["Current maintainers:", ""]
        parts += [f"- `{login} <https://github.com/{login}>`_" for login in maintainers]
        parts += [
            "",
            f"This module is part of the `{website.rsplit('/', 2)[-2]}/{website.rsplit('/', 1)[-1]} "
            f"<{website}>`_ project on GitHub.",
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rst", default=str(ADDON / "README.rst"), help="where to write README.rst")
    parser.add_argument("--html", default=str(ADDON / "static" / "description" / "index.html"))
    options = parser.parse_args()
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    rst = build_rst(manifest)
    pathlib.Path(options.rst).write_text(rst, encoding="utf-8")
    html = publish_string(
        rst,
        writer_name="html4css1",
        settings_overrides={
            "embed_stylesheet": True,
            "output_encoding": "utf-8",
            "report_level": 2,
            "halt_level": 2,  # a warning in the fragments is an error: fix the fragment
            "doctitle_xform": True,
        },
    )
    # no XML declaration: Odoo 17+ warns on one in a module's HTML description
    html = re.sub(rb"^<\?xml[^>]*>\s*", b"", html)
    pathlib.Path(options.html).write_bytes(html)
    print(f"wrote {options.rst} and {options.html}")


if __name__ == "__main__":
    main()
