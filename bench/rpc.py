"""A small JSON-RPC client of Odoo's web controllers, as the browser uses them (one session per login)."""

import itertools
import time

import requests

_ids = itertools.count(1)


class RPCError(Exception):
    """An error the server answered (JSON-RPC error), with the exception's class name."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class Session:
    """A logged-in user: cookies of /web/session/authenticate, then call_kw / call_button / GET.

    Every request is timed; ``on_request(step, kind, ms, ok)`` is told about it.
    """

    def __init__(self, url, db, login, password, timeout=120, on_request=None):
        self.url = url.rstrip("/")
        self.db = db
        self.login_name = login
        self.password = password
        self.timeout = timeout
        self.http = requests.Session()
        self.on_request = on_request or (lambda *args: None)
        self.step = "-"
        self.uid = None
        self.context = {}

    def _post(self, path, params, kind):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(_ids)}
        start = time.perf_counter()
        ok = False
        try:
            response = self.http.post(self.url + path, json=payload, timeout=self.timeout)
            response.raise_for_status()
            body = response.json()
            if "error" in body:
                data = body["error"].get("data") or {}
                name = data.get("name") or body["error"].get("message", "error")
                raise RPCError(name, data.get("message") or body["error"].get("message", ""))
            ok = True
            return body.get("result")
        finally:
            self.on_request(self.step, kind, (time.perf_counter() - start) * 1000, ok)

    def authenticate(self):
        result = self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login_name, "password": self.password},
            "authenticate",
        )
        if not result or not result.get("uid"):
            raise RPCError("AccessDenied", f"login {self.login_name} refused")
        self.uid = result["uid"]
        self.context = dict(result.get("user_context") or {})
        self.context.setdefault("allowed_company_ids", [1])
        return result

    def call(self, model, method, args, kwargs):
        """What the client sends through /web/dataset/call_kw (the route decides read-only per method)."""
        kwargs = dict(kwargs)
        kwargs["context"] = {**self.context, **(kwargs.get("context") or {})}
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            method,
        )

    def button(self, model, method, ids):
        """A type="object" button: /web/dataset/call_button."""
        return self._post(
            f"/web/dataset/call_button/{model}/{method}",
            {"model": model, "method": method, "args": [ids], "kwargs": {"context": dict(self.context)}},
            method,
        )

    def json(self, path, params, kind=None):
        """Another JSON route of the client (e.g. /web/action/load, /mail/thread/data)."""
        return self._post(path, params, kind or path)

    def get(self, path, kind):
        """A GET as the browser makes it (e.g. /report/pdf/...): returns the body, raises on HTTP errors."""
        start = time.perf_counter()
        ok = False
        try:
            response = self.http.get(self.url + path, timeout=self.timeout)
            if response.status_code != 200:
                raise RPCError(f"HTTP {response.status_code}", response.text[:200])
            ok = True
            return response
        finally:
            self.on_request(self.step, kind, (time.perf_counter() - start) * 1000, ok)


def wait_until_up(url, seconds=90):
    """Wait for an Odoo server to answer /web/health (bounded)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url.rstrip("/") + "/web/health", timeout=5).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(1)
    return False
