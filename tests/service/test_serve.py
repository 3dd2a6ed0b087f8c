"""``primarvard serve``: the console command starts the service; unsafe settings refuse to."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx

from primarvard_sdk.cli import main


def test_a_public_address_without_credentials_is_refused(capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", "9"]) == 2
    assert "needs credentials" in capsys.readouterr().err


def test_serve_answers_on_loopback():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PRIMARVARD_TOKENS": ""}
    server = subprocess.Popen([sys.executable, "-m", "primarvard_sdk", "serve", "--port", str(port), "--log-level", "warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "primarvard serve did not start"
                time.sleep(0.1)
        assert response.json() == {"status": "ok"}
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()["openapi"] == "3.1.0"
    finally:
        server.terminate()
        server.wait(10)
