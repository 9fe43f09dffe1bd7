#!/usr/bin/env python3
"""
The gateway benchmark: the same wrk load sent straight to a fast fake upstream (nginx with fixed
answers) and through srooter to it, in the same run, so the difference is what srooter adds.

    python3 bench/run.py [--seconds 10] [--rounds 3]

Needs nginx and wrk (Debian packages) and a built project (mvn -B install -DskipTests).
Starts nginx and the gateway itself (liberty:start, data in server/target/bench), stops both after.
Prints medians over the rounds.
"""
import argparse, glob, json, os, re, shutil, socket, statistics, subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import interleave  # noqa: E402
import targets  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "server", "target", "bench")
UPSTREAM_PORT = 18080
GATEWAY_PORT = int(os.environ.get("SROOTER_HTTP_PORT", "9080"))
# The warm-up ends when a pass over every path leaves the JIT compilers under this share of a core, or after this long.
# Not lower: at 0.5% (run 41) six passes stayed at 0.5-0.8%, the rows' changes of profile keep the JIT that busy, and
# round 1's c=1 rows spent as much compiling as after two passes at 2% (0.020-0.039 ms a request, run 40 0.030-0.047).
JIT_SETTLED = 0.02
WARM_UP_LIMIT_S = 300
ADMIN_PASSWORD = "bench-admin-password"


def http(method, url, body=None, token=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def start_nginx():
    os.makedirs(WORK, exist_ok=True)
    conf = open(os.path.join(ROOT, "bench", "nginx.conf")).read()
    conf = conf.replace("__DIR__", WORK).replace("__PORT__", str(UPSTREAM_PORT))
    path = os.path.join(WORK, "nginx.conf")
    open(path, "w").write(conf)
    process = subprocess.Popen(["nginx", "-c", path, "-p", WORK], stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return process


def mvn(*goals, env=None, root=ROOT):
    subprocess.run(["mvn", "-B", "-q", "-pl", "server", "-DskipTests", *goals], cwd=root, check=True,
                   env={**os.environ, **(env or {})})


def start_gateway(root=ROOT, port=GATEWAY_PORT, server=None, env=None, providers=True):
    """
    Starts a gateway and gives it the bench's providers and a key. {@code server}: another Liberty server of the same
    runtime (a second node); {@code env}: more settings (a database); {@code providers}: False for a node whose
    database already has them.
    """
    data = os.path.join(WORK, server + "-data" if server else "data" if root == ROOT else "baseline-data")
    shutil.rmtree(data, ignore_errors=True)
    # the collector's log, to tell a resident-memory peak that is the heap growing from one that is not (heap_growth)
    # (one file per JVM, %p: the server script starts other JVMs with the same JVM_ARGS, and one rotated the gateway's)
    gc_name = server or ("gateway" if root == ROOT else "baseline")
    for old in glob.glob(os.path.join(WORK, gc_name + "-gc-*.log*")):
        os.remove(old)
    gc_log = os.path.join(WORK, gc_name + "-gc-%p.log")
    mvn("liberty:create", "liberty:deploy", "liberty:start", *(["-Dliberty.server.name=" + server] if server else []),
        env={"SROOTER_DATA_DIR": data, "SROOTER_ADMIN_PASSWORD": ADMIN_PASSWORD,
             "SROOTER_HTTP_PORT": str(port), "JVM_ARGS": "-Xlog:gc:file=" + gc_log, **(env or {})}, root=root)
    base = "http://127.0.0.1:%d" % port
    token = http("POST", base + "/api/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})["token"]
    if not providers:
        return None
    up = "http://127.0.0.1:%d" % UPSTREAM_PORT
    http("POST", base + "/api/providers", {"name": "bench", "kind": "anthropic", "baseUrl": up,
                                           "apiKey": "sk-bench"}, token)
    http("POST", base + "/api/providers", {"name": "bench-sse", "kind": "anthropic", "baseUrl": up + "/sse",
                                           "apiKey": "sk-bench"}, token)
    for name, path in (("bench-oai", "/oai/v1"), ("bench-oai-sse", "/oai-sse/v1")):
        http("POST", base + "/api/providers", {"name": name, "kind": "openai", "baseUrl": up + path,
                                               "apiKey": "sk-bench"}, token)
    if root == ROOT:
        global ADMIN_TOKEN
        ADMIN_TOKEN = token
    return http("POST", base + "/api/keys", {"name": "bench"}, token)["key"]


ADMIN_TOKEN = None


def govern():
    """Every governance stage doing its work: four policies with settings, an org cap, a rate limit."""
    base = "http://127.0.0.1:%d" % GATEWAY_PORT
    http("PUT", base + "/api/policies/allowlist", {"models": ["bench-*"]}, ADMIN_TOKEN)
    http("PUT", base + "/api/policies/service-tier", {"allowed": ["auto"]}, ADMIN_TOKEN)
    http("PUT", base + "/api/policies/reasoning-cap", {"maxBudgetTokens": 4096, "maxEffort": "medium"}, ADMIN_TOKEN)
    http("PUT", base + "/api/policies/max-output-tokens", {"max": 32000}, ADMIN_TOKEN)
    http("PUT", base + "/api/budgets/org", {"limitUsd": 1000000, "period": "monthly"}, ADMIN_TOKEN)
    http("PUT", base + "/api/limits/users/admin", {"requestsPerMinute": 100000000}, ADMIN_TOKEN)


def ungovern():
    """The same server with no policy, cap or limit set."""
    base = "http://127.0.0.1:%d" % GATEWAY_PORT
    paths = ["/api/policies/" + name for name in ("allowlist", "service-tier", "reasoning-cap", "max-output-tokens")]
    for path in paths + ["/api/budgets/org", "/api/limits/users/admin"]:
        try:
            http("DELETE", base + path, None, ADMIN_TOKEN)
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise


def governance(body, key, args):
    """
    Plain against governed in the same rounds (the order alternating by round, so neither gets the warmer slot): the
    governance stages' cost, against issue 22's target of 85% of the plain throughput at c=32.
    """
    url = "http://127.0.0.1:%d/v1/messages" % GATEWAY_PORT
    govern()
    wrk(url, body, 32, max(10, args.seconds), key)
    runs = {}
    for round_ in range(args.rounds):
        for connections in (1, 32):
            for governed in ((False, True) if round_ % 2 == 0 else (True, False)):
                (govern if governed else ungovern)()
                time.sleep(1.5)  # settings reach the request path within a second
                g = wrk(url, body, connections, args.seconds, key)
                runs.setdefault((connections, governed), []).append(g)
                print("round %d %s 2KB c=%-2d srooter %8.0f req/s p50 %.3f ms p99 %.3f ms"
                      % (round_ + 1, "governed" if governed else "plain   ", connections, g["rps"], g["p50"], g["p99"]),
                      flush=True)
    print("\ngovernance: 2KB with four policies set, an org budget (held from the node's lease in memory, written a few"
          " times a second) and a rate limit, against the same server with none, in the same rounds (medians)")
    print("| c | plain req/s | governed req/s | governed / plain | plain p50 ms | governed p50 ms | added p50 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for connections in (1, 32):
        med = lambda governed, f: statistics.median(g[f] for g in runs[(connections, governed)])
        print("| %d | %.0f | %.0f | %.2f | %.3f | %.3f | %.3f |" % (
            connections, med(False, "rps"), med(True, "rps"), med(True, "rps") / med(False, "rps"), med(False, "p50"),
            med(True, "p50"), med(True, "p50") - med(False, "p50")))


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def body_file(name, size):
    """make-body.py's request of about {@code size} bytes to bench-model, not streamed, written as WORK/{name}.json."""
    path = os.path.join(WORK, name + ".json")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make-body.py"), str(size), "bench-model", "false", path],
                   check=True)
    return path


# The benchmark's bodies (make-body.py): name, size, model, streamed, and the path nginx answers on. "->chat" rows: the
# same Anthropic bodies, served by an OpenAI-compatible upstream, so translated; " chat" rows: OpenAI Chat requests.
BODIES = (("2KB", 2048, "bench-model", "false", "/v1/messages"),
          ("60KB", 61440, "bench-model", "false", "/v1/messages"),
          ("2KB SSE", 2048, "bench-sse-model", "true", "/sse/v1/messages"),
          ("2KB->chat", 2048, "bench-oai-model", "false", "/oai/v1/chat/completions"),
          ("60KB->chat", 61440, "bench-oai-model", "false", "/oai/v1/chat/completions"),
          ("2KB SSE->chat", 2048, "bench-oai-sse-model", "true", "/oai-sse/v1/chat/completions"),
          ("2KB chat", 2048, "bench-oai-model", "false", "/oai/v1/chat/completions"),
          ("60KB chat", 61440, "bench-oai-model", "false", "/oai/v1/chat/completions"),
          ("2KB SSE chat", 2048, "bench-oai-sse-model", "true", "/oai-sse/v1/chat/completions"))


def make_bodies(names=None):
    """Writes each of BODIES (or those named) to WORK, in BODIES' order: {name: (file, upstream path)}."""
    bodies = {}
    for name, size, model, stream, upstream_path in BODIES:
        if names is not None and name not in names:
            continue
        path = os.path.join(WORK, name.replace(" ", "-").replace(">", "") + ".json")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "make-body.py"), str(size), model, stream, path]
                       + (["chat"] if name.endswith(" chat") else []), check=True)
        bodies[name] = (path, upstream_path)
    return bodies


def quick_warm_up(targets, body, passes):
    """
    The side tools' warm-up (tail.py, twins.py, survivors.py): {@code passes} of 10 s at c=32 then 5 s at c=1 on each
    (url, key) in turn. Shorter than main()'s, which waits for the compilers to settle.
    """
    for _ in range(passes):
        for url, key in targets:
            wrk(url, body, 32, 10, key)
            wrk(url, body, 1, 5, key)


def listening_pid(port):
    """The process that listens on a port (the Liberty JVM), from ss."""
    out = subprocess.run(["ss", "-Hltnp", "sport = :%d" % port], capture_output=True, text=True).stdout
    m = re.search(r"pid=(\d+)", out)
    return int(m.group(1)) if m else None


def heap_growth(name="gateway"):
    """
    The heap's committed size through the run, from the collector's log (start_gateway): "163 MB throughout" (176 MB less a survivor space), or where
    it grew. The heap grows by 64 MB when a full collection cannot make room (liberty-config/jvm.options), and that step
    is most of the difference between a run's resident peak near 500 MB and one near 580.
    """
    sizes = []
    logs = []
    for path in glob.glob(os.path.join(WORK, name + "-gc-*.log")):
        try:
            text = open(path).read()
        except OSError:
            continue
        logs.append((text.count("Pause"), text))
    if not logs:
        return "unknown (no collector log)"
    # the gateway's own log is the one with the most collections (the server script's other JVMs log a few)
    for line in max(logs)[1].splitlines():
        m = re.search(r"\[([\d.]+)s\].*Pause (Young|Full).*->\d+M\((\d+)M\)", line)
        if m and (not sizes or int(m.group(3)) != sizes[-1][1]):
            sizes.append((float(m.group(1)), int(m.group(3)), m.group(2)))
    text = max(logs)[1]
    # full collections, and those srooter's heap margin called (OldGenerationMargin: System.gc())
    fulls = "; %d full collections, %d of them called by srooter" % (text.count("Pause Full"),
                                                                    text.count("Pause Full (System.gc())"))
    if len(sizes) <= 1:
        return "%s MB throughout" % (sizes[0][1] if sizes else "?") + fulls
    return ", ".join("%d MB at %.0f s (%s)" % (size, at, kind) for at, size, kind in sizes) + fulls


class RssWatch:
    """
    Samples a process's resident memory every half second: the peak is what the benchmark reports, with the phase it
    came in ({@code phase}, set as the benchmark goes), to tell a peak of the warm-up's compilations from one of a row.
    """

    def __init__(self, pid):
        self.pid, self.peak_kb, self.samples, self._stop = pid, 0, [], threading.Event()
        self.phase, self.peak_phase = "start", "start"
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(0.5):
            try:
                status = open("/proc/%d/status" % self.pid).read()
            except OSError:
                return
            kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            self.samples.append(kb)
            if kb > self.peak_kb:
                self.peak_kb, self.peak_phase = kb, self.phase

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024.0


def startup(key_for_start, body_file):
    """
    Time from launching the server until its throughput (2 KB, c=32, one-second slices) first reaches 90% of its
    steady state (the median of the last ten of sixty slices).
    """
    mvn("liberty:stop")
    launched = time.time()
    key = key_for_start()
    ready = time.time()
    slices = []
    for _ in range(60):
        r = wrk("http://127.0.0.1:%d/v1/messages" % GATEWAY_PORT, body_file, 32, 1, key)
        slices.append((time.time() - launched, r["rps"]))
    steady = statistics.median(rps for _, rps in slices[-10:])
    reached = next(t for t, rps in slices if rps >= 0.9 * steady)
    print("\nstartup: server up and configured %.1f s after launch; 90%% of steady throughput (%.0f req/s, 2 KB,"
          " c=32) %.1f s after launch (%.1f s after it was up)" % (ready - launched, steady, reached,
                                                                    reached - (ready - launched)))
    return key


def stat_cpu_seconds(stat):
    """CPU time (user and system) in a /proc stat line, of a process or of one of its threads."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """CPU time (user and system) a process has used, from /proc."""
    return stat_cpu_seconds(open("/proc/%d/stat" % pid).read())


def thread_times(pid):
    """A process's threads from /proc: (tid, name, CPU seconds) each (the JVM gives its threads' names to Linux)."""
    for task in os.listdir("/proc/%d/task" % pid):
        try:
            stat = open("/proc/%d/task/%s/stat" % (pid, task)).read()
        except OSError:
            continue  # a thread that ended meanwhile (HotSpot starts and stops compiler threads as their queue grows)
        yield task, stat[stat.index("(") + 1:stat.rindex(")")], stat_cpu_seconds(stat)


def thread_seconds(pid):
    """
    CPU time a process's threads have used, from /proc, by kind: "jit" (the JIT compiler threads), "gc" (the
    collector's threads and the VM thread, which runs its safepoints) and "all" (the process).
    """
    totals = {"jit": 0.0, "gc": 0.0, "all": cpu_seconds(pid)}
    for _, name, seconds in thread_times(pid):
        if re.match(r"C[12] CompilerThre", name):
            totals["jit"] += seconds
        elif name.startswith("GC Thread") or name == "VM Thread":
            totals["gc"] += seconds
    return totals


def jit_seconds(pid):
    """CPU time the JVM's JIT compiler threads (C1 and C2) have used, from /proc: how much compiling is still going on."""
    return thread_seconds(pid)["jit"]


def audit_backlog(port):
    """Audit records the gateway has queued and not yet written (its metric): work a row left to the next one."""
    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=10) as response:
        m = re.search(r"^srooter_audit_queue_depth\{[^}]*\} ([\d.]+)", response.read().decode(), re.M)
    return int(float(m.group(1))) if m else -1


def sends_bearer(path):
    """
    Whether a client sends its key as a bearer token on this path: the OpenAI SDK, Codex and aider do on the Chat and
    Responses paths; Claude Code and the Anthropic SDK send x-api-key on the Messages path. Liberty's token verifier
    looks at every bearer token first, so the two cost differently (bench/README.md, "The signing key on every
    request").
    """
    return "/chat/completions" in path or "/responses" in path


def wrk(url, body_file, connections, seconds, key, extra_headers="", pid=None, quantiles=False):
    """
    One wrk run. {@code pid}: the server's process, whose CPU time per answered request is reported too ("cpu"): on a
    shared machine, throughput moves with the neighbours' load; the work a request costs moves much less. The key goes
    as the clients send it ({@code sends_bearer}, post.lua). {@code quantiles}: also the latency's quantiles (ms, every
    tenth of a percent) and the processor seconds by kind, for interleave.merge.
    """
    threads = 1 if connections == 1 else 2
    cpu_before = thread_seconds(pid) if pid else None
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
                          "-s", os.path.join(ROOT, "bench", "post.lua"), url],
                         env={**os.environ, "BODY_FILE": body_file, "GATEWAY_KEY": key or "",
                              "GATEWAY_AUTH": "bearer" if sends_bearer(url) else "",
                              "EXTRA_HEADERS": extra_headers, "QUANTILES": "1" if quantiles else ""},
                         capture_output=True, text=True, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if non2xx or errors:
        print("  warning: %s %s" % (non2xx.group(0) if non2xx else "", errors.group(0) if errors else ""),
              file=sys.stderr)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    # processor a request: the whole process's, and of it the JIT's and the collector's (ms)
    per_request, spent = {}, None
    if pid:
        cpu_after = thread_seconds(pid)
        spent = {kind: cpu_after[kind] - cpu_before[kind] for kind in cpu_after}
        per_request = {kind: seconds * 1000.0 / max(1, requests) for kind, seconds in spent.items()}
    figures = {**wrk_figures(out), "failed": int(non2xx.group(1)) if non2xx else 0, "cpu": per_request.get("all"),
               "jit": per_request.get("jit"), "gc": per_request.get("gc")}
    if quantiles:
        took = re.search(r"requests in ([\d.]+)(us|ms|s)\b", out)
        figures.update(requests=requests, duration=float(took.group(1)) * UNITS[took.group(2)] / 1000.0,
                       quantiles=[int(v) / 1000.0 for v in re.search(r"^quantiles: (.*)$", out, re.M).group(1).split()],
                       cpu_seconds=spent)
    return figures


def wrk_sliced(runs, seconds):
    """
    Rows measured together in alternating one-second slices (interleave.order), {@code seconds} slices a row: {@code
    runs} is each row's wrk arguments, {url, body_file, connections, key, extra_headers, pid}; returns each row's
    figures, as wrk returns them.
    """
    slices = [[] for _ in runs]
    for which in interleave.order(len(runs), seconds):
        slices[which].append(wrk(seconds=1, quantiles=True, **runs[which]))
    return [interleave.merge(s) for s in slices]


def wrk_figures(out):
    """Requests per second and the p50 and p99 latency (ms) from wrk's --latency output."""
    def latency(p):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % p, out, re.M)
        return float(m.group(1)) * UNITS[m.group(2)]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency(50),
            "p99": latency(99)}


def wrk_get(url, seconds):
    """One wrk run of GET requests at c=1 on one keep-alive connection: no body, no key."""
    out = subprocess.run(["wrk", "-t1", "-c1", "-d%ds" % seconds, "--latency", url], capture_output=True, text=True,
                         check=True).stdout
    return wrk_figures(out)


# where the bare forwarder is dropped into the benchmark's server while the floor is measured
BARE_DROPIN = os.path.join(ROOT, "server", "target", "liberty", "wlp", "usr", "servers", "srooter", "dropins", "bare.war")


def build_bare_forwarder():
    """Packages bench/forwarder (before the gateway starts: a failed build should not cost a warm-up)."""
    subprocess.run(["mvn", "-B", "-q", "package"], cwd=os.path.join(ROOT, "bench", "forwarder"), check=True)


def deploy_bare_forwarder():
    """
    The bare stack the issue compares srooter with (bench/forwarder: one servlet that hashes a body and forwards it to
    nginx, nothing else), dropped into the running benchmark server beside srooter, so that both answer
    from one JVM, one thread pool and one port. Returns once it answers.
    """
    os.makedirs(os.path.dirname(BARE_DROPIN), exist_ok=True)
    shutil.copy(os.path.join(ROOT, "bench", "forwarder", "target", "bare.war"), BARE_DROPIN)
    url = "http://127.0.0.1:%d/bare/v1/messages" % GATEWAY_PORT
    for _ in range(120):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=b"{}", method="POST"), timeout=5) as answer:
                if answer.status == 200:
                    return url
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("the bare forwarder did not answer at " + url)


def platform_floor(body_file, key, rounds, seconds):
    """
    The tail this machine gives any server at c=1, beside srooter's, the five interleaved in every round on the same
    warm server: Liberty's own liveness check (GET /health/live: no body, no gateway pipeline, no upstream, no audit)
    against nginx answering a GET; the bare forwarder (deploy_bare_forwarder: Liberty, a hash and one upstream call)
    and srooter's 2 KB Messages call, each against nginx answering that call directly. Issue 23 asks srooter to add at
    most 2 ms at p99; what the bare stack adds over nginx is the floor under that, and the rest is srooter's own.
    """
    bare_url = deploy_bare_forwarder()
    rows = []
    for _ in range(rounds):
        nginx_get = wrk_get("http://127.0.0.1:%d/v1/models" % UPSTREAM_PORT, seconds)
        liberty = wrk_get("http://127.0.0.1:%d/health/live" % GATEWAY_PORT, seconds)
        direct = wrk("http://127.0.0.1:%d/v1/messages" % UPSTREAM_PORT, body_file, 1, seconds, None)
        bare = wrk(bare_url, body_file, 1, seconds, None)
        gateway = wrk("http://127.0.0.1:%d/v1/messages" % GATEWAY_PORT, body_file, 1, seconds, key)
        rows.append((liberty["p50"] - nginx_get["p50"], bare["p50"] - direct["p50"], gateway["p50"] - direct["p50"],
                     liberty["p99"] - nginx_get["p99"], bare["p99"] - direct["p99"], gateway["p99"] - direct["p99"]))
    # out of the server again, so that a later run without --floor measures srooter alone
    os.remove(BARE_DROPIN)
    print("\nthe platform's floor at c=1: Liberty's GET /health/live over nginx's GET; the bare forwarder's and srooter's"
          " 2 KB call over nginx's answer; interleaved, %d rounds of %d s (ms)" % (rounds, seconds))
    print("| round | Liberty no-op added p50 | bare forwarder added p50 | srooter added p50 | Liberty no-op added p99 |"
          " bare forwarder added p99 | srooter added p99 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for k, row in enumerate(rows):
        print("| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (k + 1, *row))
    print("| median | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % tuple(statistics.median(column) for column in zip(*rows)))


def portkey(url, body, path, upstream_path, connections, seconds, pid):
    """
    The same load through Portkey, passthrough to the same nginx: its Anthropic route for the Messages rows, its
    OpenAI route for the Chat ones (the provider's base URL in x-portkey-custom-host, as Portkey's docs show).
    """
    return wrk(seconds=seconds, **portkey_run(url, body, path, upstream_path, connections, pid))


def portkey_run(url, body, path, upstream_path, connections, pid):
    """The wrk arguments of a row through Portkey (portkey())."""
    if body.endswith(" chat"):
        upstream = "http://127.0.0.1:%d%s" % (UPSTREAM_PORT, upstream_path.replace("/chat/completions", ""))
        return dict(url=url + "/v1/chat/completions", body_file=path, connections=connections, key=None, pid=pid,
                    extra_headers="authorization: Bearer sk-bench|x-portkey-provider: openai|x-portkey-custom-host: "
                                  + upstream)
    upstream = "http://127.0.0.1:%d%s" % (UPSTREAM_PORT, upstream_path.replace("/messages", ""))
    return dict(url=url + "/v1/messages", body_file=path, connections=connections, key="sk-bench", pid=pid,
                extra_headers="x-portkey-provider: anthropic|x-portkey-custom-host: " + upstream)


def in_pairs(scenarios, round_):
    """
    The rounds' pairs: each Chat row with its Messages twin (same size and concurrency), the pair's order alternating
    by round, so that neither path gets the warmer slot; a row without a twin is a pair of one. Run in the order
    listed, a Chat row came minutes after its twin, and on this shared machine the neighbours' load moves that much:
    the rows under 0.9 moved from run to run (bench/README.md).
    """
    pairs = []
    for body, connections in scenarios:
        if body.endswith(" chat"):
            continue
        twin = (body + " chat", connections)
        pair = [(body, connections)] + ([twin] if twin in scenarios else [])
        pairs.append(pair if round_ % 2 == 0 else pair[::-1])
    return pairs


def pair_order(pair):
    """
    The order of a pair's wrk rows, mirrored: Portkey, nginx straight and srooter for the first row of the pair, then
    srooter, nginx straight and Portkey for the second. The two srooter rows the issue compares run back to back, and
    each stays beside its own nginx row, which its added latency is taken from. Run as nginx, srooter, Portkey for one
    row and then the same for its twin, the two srooter rows were 15-20 s apart, and ten pairs alternated on one warm
    gateway saw the machine's pace move by half within a minute (bench/README.md, "Twin rows back to back"). With
    --baseline, the baseline's row runs beside each srooter row (measure_gateway), so between the twins.
    Used with --unsliced or --baseline; otherwise a pair's rows are measured together (measure_sliced).
    """
    if len(pair) == 1:
        return [("direct", pair[0]), ("gateway", pair[0]), ("peer", pair[0])]
    first, second = pair
    return [("peer", first), ("direct", first), ("gateway", first),
            ("gateway", second), ("direct", second), ("peer", second)]


def first_events(port, path, body_file, key, count):
    """
    Times to the first whole SSE event (the first "data:" line and the blank line that ends its event) of {@code
    count} streamed requests, one after another on one keep-alive connection, in ms: what a client waits before it can
    show anything. wrk cannot see inside an answer, so this reads the socket itself, with no HTTP library between (a
    library's chunk parsing cost more than srooter's whole answer); the same reader goes straight to nginx and
    through srooter, so the difference is what srooter adds.
    """
    body = open(body_file, "rb").read()
    credential = "" if not key else (
        "authorization: Bearer %s\r\n" if sends_bearer(path) else "x-api-key: %s\r\n") % key
    head = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nanthropic-version: 2023-06-01"
            "\r\n%sContent-Length: %d\r\n\r\n" % (path, credential, len(body)))
    request = head.encode() + body
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        connection.sendall(request)
        data = b""
        first = None
        while True:
            piece = connection.recv(65536)
            if not piece:
                raise RuntimeError("first event: %s closed the connection" % path)
            data += piece
            if first is None:
                at = data.find(b"\r\n\r\n")
                event = data.find(b"data:", at) if at >= 0 else -1
                if event >= 0 and data.find(b"\n\n", event) >= 0:
                    first = time.perf_counter()
            if first is not None and answer_complete(data):
                break
        if not data.startswith(b"HTTP/1.1 200"):
            raise RuntimeError("first event: %s answered %s" % (path, data[:60]))
        times.append((first - started) * 1000.0)
    connection.close()
    return times


def answer_complete(data):
    """Whether a buffer holds a whole HTTP answer: its declared length, or a chunked body's last chunk."""
    at = data.find(b"\r\n\r\n")
    headers = data[:at].lower()
    m = re.search(rb"content-length: *(\d+)", headers)
    if m:
        return len(data) >= at + 4 + int(m.group(1))
    return data.endswith(b"\r\n0\r\n\r\n")


def first_event_added(bodies, key, chat, rounds):
    """
    The first SSE event's added latency at c=1, Anthropic and (with --chat) Chat, direct and srooter interleaved;
    returns {body: added p50 ms}.
    """
    rows = [("2KB SSE", "/v1/messages")] + ([("2KB SSE chat", "/v1/chat/completions")] if chat else [])
    print("\nfirst SSE event, c=1, one keep-alive connection, %d rounds of 500 requests (ms; added = srooter minus"
          " direct)" % rounds)
    print("| body | direct p50 | srooter p50 | added p50 | direct p99 | srooter p99 | added p99 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    added = {}
    for name, gateway_path in rows:
        path, upstream_path = bodies[name]
        first_events(GATEWAY_PORT, gateway_path, path, key, 200)  # warm this reader's path
        direct, through = [], []
        for _ in range(rounds):
            direct += first_events(UPSTREAM_PORT, upstream_path, path, None, 500)
            through += first_events(GATEWAY_PORT, gateway_path, path, key, 500)
        q = lambda xs, f: statistics.quantiles(xs, n=100)[f - 1]
        print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (
            name, q(direct, 50), q(through, 50), q(through, 50) - q(direct, 50), q(direct, 99), q(through, 99),
            q(through, 99) - q(direct, 99)))
        added[name] = q(through, 50) - q(direct, 50)
    return added


def entry(body):
    """The gateway path a scenario's body goes to: the Chat rows are OpenAI Chat Completions requests."""
    return "/v1/chat/completions" if body.endswith(" chat") else "/v1/messages"


def direct_url(upstream_path):
    """nginx answering a row's upstream path straight, without srooter: the row every added latency is taken from."""
    return "http://127.0.0.1:%d%s" % (UPSTREAM_PORT, upstream_path)


def measure_sliced(pair, bodies, key, gateway_pid, portkey_url, peer_pid, seconds):
    """
    A pair's rows measured together (wrk_sliced): for each row of the pair, nginx straight, srooter and, with {@code
    portkey_url}, Portkey. Every ratio the issue reads (Chat to Messages, srooter to Portkey, srooter's latency less
    nginx's) is then taken between rows that saw the same moments. Returns {row: {"direct", "gateway", "peer",
    "before"}} as the round loop keeps them.
    """
    steps, runs = [], []
    for body, connections in pair:
        path, upstream_path = bodies[body]
        steps.append(((body, connections), "direct"))
        runs.append(dict(url=direct_url(upstream_path), body_file=path, connections=connections, key=None))
        steps.append(((body, connections), "gateway"))
        runs.append(dict(url="http://127.0.0.1:%d%s" % (GATEWAY_PORT, entry(body)), body_file=path,
                         connections=connections, key=key, pid=gateway_pid))
        if portkey_url and "->" not in body:
            steps.append(((body, connections), "peer"))
            runs.append(portkey_run(portkey_url, body, path, upstream_path, connections, peer_pid))
    measured = {row: {"peer": None, "before": None} for row in pair}
    for (row, kind), figures in zip(steps, wrk_sliced(runs, seconds)):
        measured[row][kind] = figures
    backlog = audit_backlog(GATEWAY_PORT)
    for row in pair:
        measured[row]["gateway"]["backlog"] = backlog
    return measured


def measure_whole(round_, pair, bodies, key, gateway_pid, portkey_url, peer_pid, seconds, baseline):
    """
    A pair's rows measured whole, one after the other (pair_order), as with --unsliced or --baseline ({@code
    baseline}: its key, port and process, or Nones). Returns what measure_sliced returns.
    """
    measured = {row: {"peer": None} for row in pair}
    for kind, (body, connections) in pair_order(pair):
        path, upstream_path = bodies[body]
        row = measured[(body, connections)]
        if kind == "direct":
            row["direct"] = wrk(direct_url(upstream_path), path, connections, seconds, None)
        elif kind == "gateway":
            row["gateway"], row["before"] = measure_gateway(round_, body, connections, path, key, gateway_pid,
                                                            *baseline, seconds)
        elif portkey_url and "->" not in body:
            row["peer"] = portkey(portkey_url, body, path, upstream_path, connections, seconds, peer_pid)
    return measured


def measure_gateway(round_, body, connections, path, key, gateway_pid, baseline_key, baseline_port, baseline_pid,
                    seconds):
    """
    One srooter row (and with a baseline, the baseline's row beside it; which of the two goes first alternates by
    round, so neither gets the warmer slot): (this checkout's figures, the baseline's or None).
    """
    before = None
    baseline = lambda: wrk("http://127.0.0.1:%d%s" % (baseline_port, entry(body)), path, connections, seconds,
                           baseline_key, pid=baseline_pid)
    if baseline_key and round_ % 2 == 1:
        before = baseline()
    gateway = wrk("http://127.0.0.1:%d%s" % (GATEWAY_PORT, entry(body)), path, connections, seconds, key,
                  pid=gateway_pid)
    gateway["backlog"] = audit_backlog(GATEWAY_PORT)
    if baseline_key and before is None:
        before = baseline()
    return gateway, before


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--translation", action="store_true",
                        help="also measure the translated path (Anthropic client, OpenAI-compatible upstream)")
    parser.add_argument("--chat", action="store_true",
                        help="also measure the OpenAI Chat path (Chat Completions in, OpenAI-compatible upstream,"
                             " passthrough) beside the Anthropic one")
    parser.add_argument("--governance", action="store_true",
                        help="also measure with policies, an org budget and a rate limit set (2KB bodies)")
    parser.add_argument("--governance-only", action="store_true",
                        help="only the governance comparison (plain and governed 2KB in the same rounds)")
    parser.add_argument("--baseline", metavar="DIR",
                        help="also measure the gateway of another checkout (an earlier commit, built with mvn install"
                             " -DskipTests) in the same rounds, on the next port: before and after a change")
    parser.add_argument("--startup", action="store_true",
                        help="also measure the time from launch to 90%% of steady throughput (restarts the server)")
    parser.add_argument("--floor", action="store_true",
                        help="also measure Liberty's own tail at c=1 (GET /health/live) beside srooter's, interleaved")
    parser.add_argument("--unsliced", action="store_true",
                        help="measure a pair's rows (nginx straight, srooter, Portkey; Messages and Chat) whole, one"
                             " after the other as until 2026-12-07, not in alternating one-second slices"
                             " (measure_sliced; with --baseline they are always whole: its rows go between)")
    parser.add_argument("--portkey", metavar="URL",
                        help="also measure a running Portkey gateway (npm @portkey-ai/gateway), e.g. http://127.0.0.1:8787")
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool):
            sys.exit("%s is missing: apt-get install -y nginx wrk" % tool)

    if args.floor:
        build_bare_forwarder()
    nginx = start_nginx()
    baseline_port = GATEWAY_PORT + 1
    try:
        key = start_gateway()
        baseline_key = start_gateway(os.path.abspath(args.baseline), baseline_port) if args.baseline else None
        bodies = make_bodies()
        scenarios = [("2KB", 1), ("60KB", 1), ("2KB", 32), ("60KB", 32), ("2KB SSE", 32), ("2KB SSE", 1)]
        if args.translation:
            scenarios += [("2KB->chat", 1), ("60KB->chat", 1), ("2KB SSE->chat", 1), ("2KB->chat", 32),
                          ("60KB->chat", 32), ("2KB SSE->chat", 32)]
        if args.chat:
            scenarios += [(body + " chat", connections) for body, connections in scenarios if "->" not in body]
        if args.governance_only:
            scenarios, args.governance = [], True
        results = {}
        gateway_pid = listening_pid(GATEWAY_PORT)
        baseline_pid = listening_pid(baseline_port) if baseline_key else None
        peer_pid = listening_pid(int(urllib.parse.urlparse(args.portkey).port or 80)) if args.portkey else None
        rss = RssWatch(gateway_pid)
        baseline_rss = RssWatch(baseline_pid) if baseline_key else None
        # Warm the JIT on every path before measuring, then go on until its compilers have settled: the rounds measure
        # the server as it runs once warm. A minute of load on every path left the C2 compiler busy for minutes more
        # (Derby's store, the HTTP channel, the pipeline, still being compiled), taking one of two cores from the
        # requests: 2 KB at c=1 right after it had three times the p99 it had two minutes later (bench/README.md, "The
        # audit writer fell behind under load, and the JIT was still at work").
        warm_start = time.time()
        warmed_pids = [p for p in (gateway_pid, baseline_pid) if p]
        for warm_pass in range(1, 100):
            jit_before = [jit_seconds(p) for p in warmed_pids]
            pass_start = time.time()
            # The rounds' own rows, in the rounds' order (alternating by pass as by round), not only every path at
            # c=32: at c=1 the audit writer's batches are small and go one row a statement
            # (AuditStore.rowsPerStatement), code c=32 never runs, and each change from one row to the next (c=1 to
            # c=32, streamed or not, Messages to Chat) made the JIT compile some methods again for the new profile,
            # the first time it happened. Warmed at c=32 alone, the first c=1 row paid for compiling them
            # (bench/first_rows.py: a p99 of 4.7 ms, 2.2-3.5 in the rows after; bench/README.md, "The first round's c=1
            # rows", which also finds round 1's young pauses longer after the warm-up's promotion).
            seconds = max(10, args.seconds) if warm_pass == 1 else 5
            warm_rows = [row for pair in in_pairs(scenarios, warm_pass - 1) for row in pair] if scenarios \
                else [("2KB", 32)]
            for name, connections in warm_rows:
                rss.phase = "warm-up pass %d, %s c=%d" % (warm_pass, name, connections)
                wrk("http://127.0.0.1:%d%s" % (GATEWAY_PORT, entry(name)), bodies[name][0], connections, seconds, key)
                if baseline_key:
                    wrk("http://127.0.0.1:%d%s" % (baseline_port, entry(name)), bodies[name][0], connections, seconds,
                        baseline_key)
            jit_share = max((jit_seconds(p) - b) / (time.time() - pass_start) for p, b in zip(warmed_pids, jit_before))
            print("warm-up pass %d: the JIT compilers used %.1f%% of a core" % (warm_pass, 100 * jit_share),
                  flush=True)
            if jit_share < JIT_SETTLED or time.time() - warm_start > WARM_UP_LIMIT_S:
                break
        print("warm after %.0f s; the rounds begin" % (time.time() - warm_start), flush=True)
        jit_rounds = jit_seconds(gateway_pid)
        rounds_start = time.time()
        compared = {}
        for round_ in range(args.rounds):
            for pair in in_pairs(scenarios, round_):
                rss.phase = "round %d, %s c=%d%s" % (round_ + 1, pair[0][0], pair[0][1],
                                                     " and its twin" if len(pair) == 2 else "")
                if args.unsliced or baseline_key:
                    measured = measure_whole(round_, pair, bodies, key, gateway_pid, args.portkey, peer_pid,
                                             args.seconds, (baseline_key, baseline_port, baseline_pid))
                else:
                    measured = measure_sliced(pair, bodies, key, gateway_pid, args.portkey, peer_pid, args.seconds)
                for (body, connections), row in measured.items():
                    direct, gateway, peer, before = row["direct"], row["gateway"], row["peer"], row["before"]
                    results.setdefault((body, connections), []).append((direct, gateway, peer))
                    if baseline_key:
                        compared.setdefault((body, connections), []).append((direct, before, gateway))
                        print("round %d %-8s c=%-2d baseline %8.0f req/s p50 %.3f ms p99 %.3f ms cpu %.3f ms/req"
                              % (round_ + 1, body, connections, before["rps"], before["p50"], before["p99"],
                                 before["cpu"]), flush=True)
                    print("round %d %-8s c=%-2d direct %8.0f req/s p50 %.3f ms | srooter %8.0f req/s p50 %.3f ms"
                          " p99 %.3f ms cpu %.3f ms/req (jit %.3f, gc %.3f) audit backlog %d%s"
                          % (round_ + 1, body, connections, direct["rps"], direct["p50"], gateway["rps"],
                             gateway["p50"], gateway["p99"], gateway["cpu"], gateway["jit"], gateway["gc"],
                             gateway["backlog"],
                             "" if peer is None else " | portkey %8.0f req/s p50 %.3f ms" % (peer["rps"], peer["p50"])),
                          flush=True)

        print("\nduring the rounds the gateway's JIT compilers used %.1f%% of a core"
              % (100 * (jit_seconds(gateway_pid) - jit_rounds) / (time.time() - rounds_start)))
        peak = rss.stop()
        print("\npeak resident memory of the gateway's JVM over the warm-up and every round: %.0f MB (in %s)"
              % (peak, rss.peak_phase))
        print("the gateway's heap, committed: " + heap_growth())
        if baseline_rss:
            print("peak resident memory of the baseline's JVM, the same way: %.0f MB" % baseline_rss.stop())
            print("the baseline's heap, committed: " + heap_growth("baseline"))
        print("\nmedians over %d rounds of %d s (wrk, keep-alive, same machine)" % (args.rounds, args.seconds))
        peer_columns = (" portkey req/s | portkey added p50 ms | portkey CPU ms/req | srooter / portkey req/s |"
                        if args.portkey else "")
        print("| body | c | direct req/s | srooter req/s | srooter p50 ms | added p50 ms | added p99 ms |"
              " srooter CPU ms/req |" + peer_columns)
        print("| --- | --- | --- | --- | --- | --- | --- | --- |" + (" --- | --- | --- | --- |" if args.portkey else ""))
        for (body, connections), runs in results.items():
            med = lambda f: statistics.median(f(d, g, p) for d, g, p in runs)
            row = "| %s | %d | %.0f | %.0f | %.3f | %.3f | %.3f | %.3f |" % (
                body, connections, med(lambda d, g, p: d["rps"]), med(lambda d, g, p: g["rps"]),
                med(lambda d, g, p: g["p50"]), med(lambda d, g, p: g["p50"] - d["p50"]),
                med(lambda d, g, p: g["p99"] - d["p99"]), med(lambda d, g, p: g["cpu"]))
            if args.portkey and any(p is None for d, g, p in runs):
                row += " | | | |"  # rows Portkey is not measured on (the translated ones)
            elif args.portkey and any(p["failed"] for d, g, p in runs):
                # answers that fail fast are no measure of a gateway's speed
                row += " failed (%d non-2xx) | | | |" % max(p["failed"] for d, g, p in runs)
            elif args.portkey:
                row += " %.0f | %.3f | %.3f | %.1f |" % (
                    med(lambda d, g, p: p["rps"]), med(lambda d, g, p: p["p50"] - d["p50"]),
                    med(lambda d, g, p: p["cpu"]), med(lambda d, g, p: g["rps"]) / med(lambda d, g, p: p["rps"]))
            print(row)
        if compared:
            print("\nbaseline (%s) and this checkout, same rounds (medians; ratio = this / baseline)" % args.baseline)
            print("| body | c | baseline req/s | req/s | ratio | baseline CPU ms/req | CPU ms/req | CPU ratio |"
                  " baseline added p50 ms | added p50 ms | baseline added p99 ms | added p99 ms |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for (body, connections), runs in compared.items():
                med = lambda f: statistics.median(f(d, b, g) for d, b, g in runs)
                before, after = med(lambda d, b, g: b["rps"]), med(lambda d, b, g: g["rps"])
                cpu_before, cpu_after = med(lambda d, b, g: b["cpu"]), med(lambda d, b, g: g["cpu"])
                print("| %s | %d | %.0f | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (
                    body, connections, before, after, after / before, cpu_before, cpu_after, cpu_after / cpu_before,
                    med(lambda d, b, g: b["p50"] - d["p50"]), med(lambda d, b, g: g["p50"] - d["p50"]),
                    med(lambda d, b, g: b["p99"] - d["p99"]), med(lambda d, b, g: g["p99"] - d["p99"])))
        if args.translation:
            print("\ntranslation: srooter p50 on the translated path minus srooter p50 on the passthrough path,"
                  " same body and concurrency (median over rounds)")
            print("| body | c | passthrough p50 ms | translated p50 ms | translation added p50 ms |")
            print("| --- | --- | --- | --- | --- |")
            for (body, connections), runs in results.items():
                if "->" not in body:
                    continue
                plain = results.get((body.replace("->chat", ""), connections))
                if not plain:
                    continue
                passthrough = statistics.median(g["p50"] for _, g, _ in plain)
                translated = statistics.median(g["p50"] for _, g, _ in runs)
                print("| %s | %d | %.3f | %.3f | %.3f |" % (body, connections, passthrough, translated,
                                                             translated - passthrough))
        if args.chat:
            print("\nthe Chat path against the Anthropic path: same size and concurrency, measured side by side (medians over"
                  " rounds; Chat / Anthropic is the median of each round's pair)")
            print("| body | c | Anthropic req/s | Chat req/s | Chat / Anthropic | Anthropic added p50 ms |"
                  " Chat added p50 ms | Anthropic added p99 ms | Chat added p99 ms |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for (body, connections), runs in results.items():
                if not body.endswith(" chat"):
                    continue
                anthropic = results.get((body[:-len(" chat")], connections))
                if not anthropic:
                    continue
                med = lambda rs, f: statistics.median(f(d, g) for d, g, _ in rs)
                a_rps, c_rps = med(anthropic, lambda d, g: g["rps"]), med(runs, lambda d, g: g["rps"])
                paired = targets.chat_share(anthropic, runs)
                print("| %s | %d | %.0f | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (
                    body[:-len(" chat")], connections, a_rps, c_rps, paired,
                    med(anthropic, lambda d, g: g["p50"] - d["p50"]), med(runs, lambda d, g: g["p50"] - d["p50"]),
                    med(anthropic, lambda d, g: g["p99"] - d["p99"]), med(runs, lambda d, g: g["p99"] - d["p99"])))
        if scenarios:
            first_added = first_event_added(bodies, key, args.chat, args.rounds)
            if args.chat and args.portkey:
                targets.print_table(targets.check(results, first_added, peak))
        if args.floor:
            platform_floor(bodies["2KB"][0], key, max(6, args.rounds * 2), 10)
        if args.startup:
            key = startup(lambda: start_gateway(), bodies["2KB"][0])
        if args.governance:
            governance(bodies["2KB"][0], key, args)
    finally:
        try:
            mvn("liberty:stop")
            if args.baseline:
                mvn("liberty:stop", root=os.path.abspath(args.baseline))
        finally:
            nginx.terminate()


if __name__ == "__main__":
    main()
