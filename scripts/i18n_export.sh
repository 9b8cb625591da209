#!/usr/bin/env bash
# Refreshes the addon's translation template and merges the Vietnamese catalogue:
#   bash scripts/i18n_export.sh [DATABASE]      (default database: dvk_i18n)
# 1. creates a throwaway database and installs danvan_khe in it WITHOUT demo data,
#    so that only the addon's own strings and data records are exported;
# 2. exports danvan_khe/i18n/danvan_khe.pot (Odoo: --i18n-export with no language);
# 3. when danvan_khe/i18n/vi.po exists, merges it with the new template
#    (msgmerge, no fuzzy matching: new strings come out untranslated, never guessed);
# 4. drops the database.
# Needs the configuration written by `bash scripts/setup.sh` (.dvk/odoo.conf);
# PostgreSQL is reached on loopback only. Afterwards translate what is new:
#   msgattrib --untranslated danvan_khe/i18n/vi.po
#   msgfmt --check-format -o /dev/null danvan_khe/i18n/vi.po
set -euo pipefail
source "$(dirname "$0")/common.sh"

db=${1:-dvk_i18n}
i18n=$DVK_ROOT/danvan_khe/i18n
pot=$i18n/danvan_khe.pot
po=$i18n/vi.po
log=$DVK_STATE/i18n-export-$db.log

[ -f "$DVK_CONF" ] || die "no Odoo configuration at $DVK_CONF: run 'bash scripts/setup.sh' (make setup) first"
case "$DVK_DB_HOST" in
    127.0.0.1 | localhost | ::1) ;;
    *) die "the database host must be loopback, not $DVK_DB_HOST" ;;
esac
[[ $db =~ ^[A-Za-z0-9_]+$ ]] || die "unusual database name: $db"

if ! command -v msgmerge >/dev/null 2>&1; then
    say "installing gettext (msgmerge) from Debian"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends gettext >/dev/null
fi

cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
dropdb --if-exists "$db" >/dev/null 2>&1 || die "cannot drop the old database $db (is it in use?)"

say "installing danvan_khe without demo data in the throwaway database $db"
if ! odoo_bin -d "$db" -i danvan_khe --without-demo=all --stop-after-init --log-level=warn >"$log" 2>&1; then
    tail -40 "$log" >&2
    die "the addon did not install (log: $log)"
fi

say "exporting the terms of danvan_khe to ${pot#"$DVK_ROOT"/}"
mkdir -p "$i18n"
tmp=$(mktemp --suffix=.pot "$i18n/.danvan_khe.XXXXXX")
if ! odoo_bin -d "$db" --i18n-export="$tmp" --modules=danvan_khe --log-level=warn >>"$log" 2>&1; then
    rm -f "$tmp"
    tail -40 "$log" >&2
    die "the export failed (log: $log)"
fi
mv "$tmp" "$pot"
chmod 644 "$pot"
say "$(grep -c '^msgid ' "$pot") entries in the template (the header included)"

if [ -f "$po" ]; then
    say "merging ${po#"$DVK_ROOT"/} with the template"
    msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" "$pot"
    untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
    fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
    # msgattrib prints the header entry too when it prints anything
    [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
    [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
    say "vi.po: $untranslated untranslated, $fuzzy fuzzy (list them: msgattrib --untranslated ${po#"$DVK_ROOT"/})"
fi
say "done; the database $db is dropped"
