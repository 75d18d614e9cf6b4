"""Wait for `make demo` to serve, then sign in with every login it printed."""

from __future__ import annotations

import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

base, log = sys.argv[1], Path(sys.argv[2])
deadline = time.monotonic() + 240
while True:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:  # noqa: S310
            if response.status == 200:
                break
    except (urllib.error.URLError, ConnectionError):
        pass
    if time.monotonic() > deadline:
        sys.exit(f"make demo did not serve within 4 minutes:\n{log.read_text()}")
    time.sleep(1)

printed = log.read_text()
logins = re.findall(r"^\s+(\S+@example\.com)\s", printed, re.MULTILINE)
password = re.search(r"password: (\S+)", printed)
assert len(logins) == 9, printed
assert password, printed

for email in logins:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/", timeout=10).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": email, "password": password.group(1), "csrfmiddlewaretoken": token}
    ).encode()
    login = f"{base}/accounts/login/"
    request = urllib.request.Request(login, data=form, headers={"Referer": base})  # noqa: S310
    page = opener.open(request, timeout=10).read().decode()
    assert "Willkommen" in page or "Welcome" in page, f"{email} could not sign in"
    print(f"signed in as {email}")
print("make demo serves and every demo login works")
