#!/usr/bin/env python3
"""Smoke test of the README's first command: `./dev up` starts, prints a token and serves the
API with it; Ctrl-C (SIGINT) stops it and its DynamoDB engine. Loopback only."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


passed = failed = 0


def check(name, ok):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + name)
    if ok:
        passed += 1
    else:
        failed += 1


api_port, db_port, smtp_port = free_port(), free_port(), free_port()
proc = subprocess.Popen(["./dev", "up", "--seed", "--port", str(api_port), "--dynamodb-port", str(db_port),
                         "--smtp-port", str(smtp_port)],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
token = None
lines = []
deadline = time.time() + 240
try:
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("eyJ"):
            token = line.strip()
            break
    check("dev up prints a staff token", token is not None)
    check("dev up prints the API URL", any(f"http://localhost:{api_port}" in l for l in lines))
    check("dev up prints the request form", any(f"http://localhost:{api_port}/form" in l for l in lines))
    check("dev up runs the deadline schedule", any("Schedule" in l and "DeadlineMonitorFunction" in l for l in lines))
    check("dev up listens for mail", any(f"SMTP intake    localhost:{smtp_port}" in l for l in lines))
    check("dev up runs the purge schedule", any("Schedule" in l and "RetentionPurgeFunction" in l for l in lines))
    if token:
        base = f"http://127.0.0.1:{api_port}"
        req = urllib.request.Request(base + "/customers", headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = json.load(r)
            check("GET /customers with the printed token answers 200", r.status == 200)
            check("--seed loaded demo customers", len(body.get("items", [])) >= 3)
        try:
            urllib.request.urlopen(base + "/customers", timeout=10)
            check("no token is refused", False)
        except urllib.error.HTTPError as e:
            check("no token is refused with 401 problem+json",
                  e.code == 401 and e.headers.get("content-type") == "application/problem+json")
    if token:
        # issue 12: the README's processor token against the seeded system sees only what billing covers
        def get(path, bearer):
            req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + bearer})
            try:
                with urllib.request.urlopen(req, timeout=10) as r:
                    return r.status, json.load(r)
            except urllib.error.HTTPError as e:
                return e.code, None
        billing = subprocess.run(["./dev", "token", "processor:billing"], capture_output=True, text=True, timeout=300)
        check("dev token processor:billing prints a token", billing.returncode == 0 and billing.stdout.startswith("eyJ"))
        unknown = subprocess.run(["./dev", "token", "processor:nobody"], capture_output=True, text=True, timeout=300)
        check("dev token processor:<unconfigured> is refused", unknown.returncode != 0 and "billing" in unknown.stderr)
        if billing.returncode == 0:
            bearer = billing.stdout.strip()
            seeded = body["items"][0]["customerId"]
            status, customer = get("/customers/" + seeded, bearer)
            check("the billing processor reads a customer without the fields billing does not cover",
                  status == 200 and "businessId" in customer and "phone" not in customer)
            status, people = get("/customers/" + seeded + "/contacts", bearer)
            check("the billing processor sees the billing contacts only", status == 200 and people["items"]
                  and all(p.get("roles") == ["BILLING"] for p in people["items"]))
            status, _ = get("/customers/" + seeded + "/history", bearer)
            check("the billing processor is refused the customer history (403)", status == 403)
    if token:
        # a real SMTP conversation: the mail becomes a request and its verification mail lands in the outbox
        import smtplib
        outbox = os.path.join(".local", "outbox")
        before = set(os.listdir(outbox)) if os.path.isdir(outbox) else set()
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
            s.sendmail("smoke@example.fi", ["tietosuoja@dentalsystems.fi"],
                       "From: Smoke <smoke@example.fi>\r\nTo: tietosuoja@dentalsystems.fi\r\n"
                       "Subject: Tarkastuspyynto\r\nMessage-ID: <smoke-%d@example.fi>\r\n\r\n"
                       "Hei, haluan tarkastaa tietoni.\r\n" % time.time_ns())
        new = []
        for _ in range(50):
            new = set(os.listdir(outbox)) - before if os.path.isdir(outbox) else set()
            if new:
                break
            time.sleep(0.2)
        check("mail to the intake address gets a verification mail in the outbox", len(new) == 1)
        if len(new) == 1:
            # the mailed link shows a page; only its button (a POST) verifies (issue 11: mail scanners open links)
            import base64
            import re
            import urllib.parse
            with open(os.path.join(outbox, next(iter(new))), encoding="ascii", newline="") as f:
                eml = f.read()
            text = base64.b64decode("".join(eml.split("\r\n\r\n", 1)[1].split())).decode("utf-8")
            found = re.search(r"/public/verify\?token=(\S+)", text)
            check("the verification mail holds the link", found is not None)
            if found:
                link = base + "/public/verify?token=" + found.group(1)
                with urllib.request.urlopen(link) as r:
                    page = r.read().decode("utf-8")
                check("GET of the link shows a page with one button", r.status == 200 and 'method="post"' in page)
                request_id = urllib.parse.unquote(found.group(1)).split(".")[0]
                req = urllib.request.Request(base + "/requests/" + request_id,
                                             headers={"Authorization": "Bearer " + token})
                with urllib.request.urlopen(req) as r:
                    check("the GET verified nothing", json.loads(r.read())["status"] == "AWAITING_VERIFICATION")
                press = urllib.request.Request(base + "/public/verify", method="POST",
                                               data=("token=" + found.group(1)).encode("ascii"),
                                               headers={"Content-Type": "application/x-www-form-urlencoded"})
                with urllib.request.urlopen(press) as r:
                    check("the button's POST confirms the request", r.status == 200)
                with urllib.request.urlopen(req) as r:
                    check("the request is verified", json.loads(r.read())["status"] == "VERIFIED")
        # a request whose link is never opened: one reminder a day on, closed UNVERIFIED a week after its end
        import re
        before = set(os.listdir(outbox))
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as s:
            s.sendmail("idle@example.fi", ["tietosuoja@dentalsystems.fi"],
                       "From: Idle <idle@example.fi>\r\nTo: tietosuoja@dentalsystems.fi\r\n"
                       "Subject: Poistopyynto\r\nMessage-ID: <idle-%d@example.fi>\r\n\r\n"
                       "Hei, poistakaa tietoni.\r\n" % time.time_ns())
        for _ in range(50):
            if set(os.listdir(outbox)) - before:
                break
            time.sleep(0.2)
        from datetime import datetime, timedelta, timezone
        def deadlines(days):
            at = (datetime.now(timezone.utc) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
            return subprocess.run(["./dev", "deadlines", "--now", at, "--port", str(api_port),
                                   "--dynamodb-port", str(db_port)], capture_output=True, text=True, timeout=300)
        first = deadlines(1.1)
        check("dev deadlines --now a day ahead sends the one reminder",
              first.returncode == 0 and re.search(r"reminded=\[req_\w+", first.stdout) is not None)
        again = deadlines(1.2)
        check("never a second reminder", again.returncode == 0 and "reminded=[]" in again.stdout)
        closed = deadlines(12)
        check("dev deadlines --now 12 days ahead closes the unverified request",
              closed.returncode == 0 and re.search(r"closedUnverified=\[req_\w+", closed.stdout) is not None)
    if token:
        # the README's purge commands against the running system: a dry run today, a real run 25 months ahead
        import re
        from datetime import datetime, timedelta, timezone
        dry = subprocess.run(["./dev", "purge", "--dry-run", "--dynamodb-port", str(db_port)],
                             capture_output=True, text=True, timeout=300)
        check("dev purge --dry-run prints a complete report", dry.returncode == 0
              and "dryRun=true" in dry.stdout and "complete=true" in dry.stdout)
        ahead = (datetime.now(timezone.utc) + timedelta(days=25 * 31)).strftime("%Y-%m-%dT%H:%M:%SZ")
        started = time.time()
        real = subprocess.run(["./dev", "purge", "--now", ahead, "--dynamodb-port", str(db_port)],
                              capture_output=True, text=True, timeout=600)
        deleted = re.search(r"deleted=(\d+)", real.stdout)
        print(f"  (dev purge --now {ahead}: {time.time() - started:.1f} s)")
        check("dev purge --now 25 months ahead deletes the audit entries of today's calls",
              real.returncode == 0 and deleted is not None and int(deleted.group(1)) > 0)
        # the restore runbook's step (README, Restoring from backup): nothing erased here, so nothing re-applied
        since = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        reapply = subprocess.run(["./dev", "reapply-erasures", "--since", since, "--dynamodb-port", str(db_port)],
                                 capture_output=True, text=True, timeout=300)
        check("dev reapply-erasures --since prints its report", reapply.returncode == 0
              and '"ledgerEntries":0' in reapply.stdout and '"runId":"era_' in reapply.stdout)
        missing = subprocess.run(["./dev", "reapply-erasures", "--dynamodb-port", str(db_port)],
                                 capture_output=True, text=True, timeout=300)
        check("dev reapply-erasures without --since is refused", missing.returncode == 2)
finally:
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
time.sleep(1)
with socket.socket() as s:
    check("Ctrl-C stops the DynamoDB engine too", s.connect_ex(("127.0.0.1", db_port)) != 0)
if failed:
    sys.stdout.write("".join(lines[-30:]))
print(f"dev-up: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
