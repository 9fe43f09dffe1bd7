#!/usr/bin/env python3
"""
Soak (issue 17): mixed load for --minutes (10 by default) against a real server on this machine, with the
gateway's threads, heap after a collection and open file descriptors sampled every --every seconds from
GET /api/runtime. Four wrk loads run at once, each against its own path: 2 KB Anthropic passed through, 60 KB
passed through, 2 KB streamed, and 2 KB translated to an OpenAI-compatible upstream and streamed back; every
request is classified, routed, audited in Derby. Prints the samples, then first, last and largest of each.

    python3 bench/soak.py [--minutes 10] [--every 30]

Starts nginx and the gateway like bench/run.py (mvn -B install -DskipTests first).
"""
import argparse, json, os, re, subprocess, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

BASE = "http://127.0.0.1:%d" % run.GATEWAY_PORT


def figures(token):
    request = urllib.request.Request(BASE + "/api/runtime?gc=true")
    request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--every", type=int, default=30)
    args = parser.parse_args()
    nginx = run.start_nginx()
    try:
        key = run.start_gateway()
        token = run.ADMIN_TOKEN
        # passed through at 2 KB and 60 KB, streamed, and translated to an OpenAI-compatible upstream and streamed back
        loads = [(name, path) for name, (path, _) in
                 run.make_bodies(("2KB", "60KB", "2KB SSE", "2KB SSE->chat")).items()]
        # warm up, then the baseline sample
        for name, path in loads:
            run.wrk(BASE + "/v1/messages", path, 8, 10, key)
        seconds = int(args.minutes * 60)
        samples = [(0, figures(token), None)]
        processes = [subprocess.Popen(["wrk", "-t1", "-c4", "-d%ds" % seconds, "-s",
                                       os.path.join(run.ROOT, "bench", "post.lua"), BASE + "/v1/messages"],
                                      env={**os.environ, "BODY_FILE": path, "GATEWAY_KEY": key, "EXTRA_HEADERS": ""},
                                      stdout=subprocess.PIPE, text=True) for name, path in loads]
        start = time.time()
        print("| minute | threads | heap used MB (after GC) | heap committed MB | open descriptors |", flush=True)
        print("| --- | --- | --- | --- | --- |")
        print("| 0.0 | %d | %.1f | %.1f | %d |" % (samples[0][1]["threads"], samples[0][1]["heapUsedBytes"] / 2**20,
                                                  samples[0][1]["heapCommittedBytes"] / 2**20,
                                                  samples[0][1]["openFileDescriptors"]), flush=True)
        while time.time() - start < seconds:
            time.sleep(min(args.every, max(1, seconds - (time.time() - start))))
            f = figures(token)
            samples.append((time.time() - start, f, None))
            print("| %.1f | %d | %.1f | %.1f | %d |" % ((time.time() - start) / 60, f["threads"],
                                                       f["heapUsedBytes"] / 2**20, f["heapCommittedBytes"] / 2**20,
                                                       f["openFileDescriptors"]), flush=True)
        total = 0.0
        for (name, _), process in zip(loads, processes):
            out = process.communicate()[0]
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            total += rps
            print("%s: %.0f req/s%s" % (name, rps, ", %s non-2xx" % errors.group(1) if errors else ""))
        time.sleep(3)
        after = figures(token)
        print("after the load: threads %d, heap used %.1f MB, descriptors %d" % (
            after["threads"], after["heapUsedBytes"] / 2**20, after["openFileDescriptors"]))
        for field in ("threads", "heapUsedBytes", "openFileDescriptors"):
            values = [s[1][field] for s in samples]
            print("%s: first %s, last %s, largest %s" % (field, values[0], values[-1], max(values)))
        print("total %.0f req/s over %.1f minutes" % (total, seconds / 60))
    finally:
        try:
            run.mvn("liberty:stop")
        finally:
            nginx.terminate()


if __name__ == "__main__":
    main()
