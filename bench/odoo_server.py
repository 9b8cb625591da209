"""Odoo's server, started as odoo-bin starts it, for make load and make bench.

Usage: python3 bench/odoo_server.py [odoo options...]

The prefork server (--workers N) re-executes sys.argv[0] with "gevent" for its
websocket process. Under ``python3 -m odoo`` that is odoo/__main__.py, which
cannot run as a script, and where gevent cannot patch (a broken entry point of
its plugins) the process dies at once: either way the master respawns it in a
loop that burns CPU during the measurements. Here, when gevent cannot patch,
the websocket process waits idle until its master is gone (the load test needs
no websocket) and the master stops respawning it.
"""

import os
import sys
import time

os.environ["TZ"] = "UTC"


def _park_if_gevent_is_broken():
    if len(sys.argv) < 2 or sys.argv[1] != "gevent":
        return
    try:
        import gevent.monkey

        gevent.monkey.patch_all()
    except Exception as exc:
        print(f"odoo_server: no gevent websocket process ({type(exc).__name__}); idle until the master stops")
        master = os.getppid()
        deadline = time.monotonic() + 24 * 3600
        while os.getppid() == master and time.monotonic() < deadline:
            time.sleep(2)
        sys.exit(0)


_park_if_gevent_is_broken()

import odoo  # noqa: E402

if __name__ == "__main__":
    odoo.cli.main()
