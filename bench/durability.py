#!/usr/bin/env python3
"""
Durability of the audit log under load (issue 17), against a real server on this machine:

1. clean stop: requests keep coming while the server is stopped (liberty:stop); after a restart, every request
   that got an answer must have its audit record;
2. hard kill: the server's JVM is killed (SIGKILL) under load; after a restart, the records lost are counted, and
   the window they span is the loss window to document;
3. database outage (with --postgresql): PostgreSQL is stopped for a few seconds under load and started again;
   every answered request must have its record once the database is back.

Prints, for each: requests answered, records found, records lost, and the load's rate.

    python3 bench/durability.py [--seconds 8] [--postgresql]

Starts nginx (the fake upstream) and the gateway like bench/run.py (mvn -B install -DskipTests first).
"""
import argparse, json, os, signal, subprocess, sys, threading, time, urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

BASE = "http://127.0.0.1:%d" % run.GATEWAY_PORT
BODY = json.dumps({"model": "bench-model", "max_tokens": 64,
                   "messages": [{"role": "user", "content": "durability"}]}).encode()


class Load:
    """Threads sending requests until stopped; keeps the request id of every request that got an answer."""

    def __init__(self, key, threads=16):
        self.key, self.answered, self.failed, self.running = key, [], 0, True
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(threads)]
        self.started = time.time()
        for t in self.threads:
            t.start()

    def loop(self):
        while self.running:
            request = urllib.request.Request(BASE + "/v1/messages", method="POST", data=BODY)
            request.add_header("content-type", "application/json")
            request.add_header("x-api-key", self.key)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                    rid = response.headers.get("x-srooter-request-id")
            except urllib.error.HTTPError as e:
                rid = e.headers.get("x-srooter-request-id")
            except Exception:
                with self.lock:
                    self.failed += 1
                time.sleep(0.05)
                continue
            if rid:
                with self.lock:
                    self.answered.append((time.time(), rid))

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join(15)
        self.stopped = time.time()


def audit_ids(token):
    ids = set()
    request = urllib.request.Request(BASE + "/api/audit/export?format=jsonl")
    request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=120) as response:
        for line in response.read().decode().splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def login():
    for _ in range(120):
        try:
            return run.http("POST", BASE + "/api/auth/login", {"username": "admin", "password": run.ADMIN_PASSWORD})["token"]
        except Exception:
            time.sleep(1)
    raise SystemExit("the gateway did not come back")


def server_pid():
    """The JVM of the server named srooter (not the integration tests' srooter-it)."""
    out = subprocess.run(["pgrep", "-f", "ws-server.jar srooter( |$)"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def restart(env):
    run.mvn("liberty:start", env=env)
    return login()


def report(name, load, found, extra=""):
    answered = [rid for _, rid in load.answered]
    lost = [(t, rid) for t, rid in load.answered if rid not in found]
    rate = len(answered) / max(0.001, load.stopped - load.started)
    window = ""
    if lost:
        window = ", spanning %.0f ms of answers (%.2f s to %.2f s into the run)" % (
            (lost[-1][0] - lost[0][0]) * 1000, lost[0][0] - load.started, lost[-1][0] - load.started)
    print("%s: %d answered at %.0f req/s, %d recorded, %d lost%s%s" % (
        name, len(answered), rate, len(answered) - len(lost), len(lost), window, extra))
    return len(lost)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--postgresql", action="store_true", help="also stop PostgreSQL under load (needs root)")
    args = parser.parse_args()
    env = {"SROOTER_DATA_DIR": os.path.join(run.WORK, "data"), "SROOTER_ADMIN_PASSWORD": run.ADMIN_PASSWORD,
           "SROOTER_HTTP_PORT": str(run.GATEWAY_PORT)}
    nginx = run.start_nginx()
    try:
        key = run.start_gateway()
        token = login()

        # 1. a clean stop under load
        load = Load(key)
        time.sleep(args.seconds)
        stopping = time.time()
        run.mvn("liberty:stop")
        print("clean stop took %.1f s" % (time.time() - stopping))
        load.stop()
        token = restart(env)
        report("clean stop under load", load, audit_ids(token))

        # 2. a hard kill under load
        load = Load(key)
        time.sleep(args.seconds)
        pid = server_pid()
        if pid is None:
            raise SystemExit("no server process found to kill")
        os.kill(pid, signal.SIGKILL)
        time.sleep(1)
        load.stop()
        token = restart(env)
        report("hard kill (SIGKILL) under load", load, audit_ids(token))
        if args.postgresql:
            outage(env, args.seconds)
    finally:
        try:
            run.mvn("liberty:stop")
        finally:
            nginx.terminate()


def outage(env, seconds):
    """The same server on PostgreSQL (database srooter_bench), which is stopped for 5 s under load."""
    run.mvn("liberty:stop")
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "srooter", "-d", "postgres", "-q", "-c",
                    "DROP DATABASE IF EXISTS srooter_bench WITH (FORCE)", "-c", "CREATE DATABASE srooter_bench"],
                   check=True, env={**os.environ, "PGPASSWORD": "srooter-it"})
    pg_env = {**env, "SROOTER_DB": "postgresql", "SROOTER_DB_HOST": "127.0.0.1", "SROOTER_DB_NAME": "srooter_bench",
              "SROOTER_DB_USER": "srooter", "SROOTER_DB_PASSWORD": "srooter-it",
              "SROOTER_DATA_DIR": os.path.join(run.WORK, "pg-data")}
    run.mvn("liberty:start", env=pg_env)
    token = login()
    up = "http://127.0.0.1:%d" % run.UPSTREAM_PORT
    run.http("POST", BASE + "/api/providers", {"name": "bench", "kind": "anthropic", "baseUrl": up,
                                               "apiKey": "sk-bench"}, token)
    key = run.http("POST", BASE + "/api/keys", {"name": "bench"}, token)["key"]
    cluster = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split()[:2]
    load = Load(key)
    time.sleep(seconds)
    subprocess.run(["pg_ctlcluster", *cluster, "stop", "-m", "fast"], check=True)
    down = time.time()
    time.sleep(5)
    subprocess.run(["pg_ctlcluster", *cluster, "start"], check=True)
    print("PostgreSQL was down for %.1f s" % (time.time() - down))
    time.sleep(seconds)
    load.stop()
    time.sleep(5)  # the audit writer retries the batches the outage held back
    token = login()
    report("PostgreSQL down for 5 s under load", load, audit_ids(token),
           "; %d requests got no answer while it was down" % load.failed)


if __name__ == "__main__":
    main()
