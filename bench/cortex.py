#!/usr/bin/env python3
"""Cortex figures on a running gateway: indexing throughput, incremental update time, and the blast-radius
lookup on the request path (p50/p99, from each answer's server-timing header).

    mvn -B install -DskipTests && python3 bench/cortex.py [--requests 2000]

Starts the gateway like bench/run.py (no provider is needed: the lookup happens before the model is resolved),
registers this repository, copies the sample repository to measure a saved file being re-read, and sends
Claude Code-shaped requests that read files of this repository.
"""
import argparse, http.client, json, os, shutil, statistics, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the gateway start and stop of the main benchmark)

ROOT = run.ROOT


def api(method, path, body=None):
    return run.http(method, "http://127.0.0.1:%d/api%s" % (run.GATEWAY_PORT, path), body, run.ADMIN_TOKEN)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=300, help="requests sent first and not measured (JIT)")
    args = parser.parse_args()
    nginx = run.start_nginx()  # the providers the gateway is set up with list their models from it
    key = None
    try:
        key = run.start_gateway()
        # indexing throughput: this repository, all languages
        start = time.time()
        repo = api("POST", "/cortex/repos", {"name": "srooter", "path": ROOT})
        wall = time.time() - start
        index_ms = repo["lastRun"]["millis"]
        print("index: %d files, %d lines, %d symbols, %d edges in %d ms (%.0f files/s, %.0f lines/s; %.1f s with the"
              " HTTP call and the database writes)" % (repo["files"], repo["lines"], repo["symbols"], repo["edges"],
                                                        index_ms, repo["files"] / (index_ms / 1000),
                                                        repo["lines"] / (index_ms / 1000), wall))

        # incremental update: a function added to one file of a watched copy, until search finds it
        copy = os.path.join(run.WORK, "cortex-live")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "testkit", "cortex-sample"), copy)
        api("POST", "/cortex/repos", {"name": "live", "path": copy})
        updates = []
        for i in range(10):
            name = "added%d" % i
            with open(os.path.join(copy, "web", "src", "pricing.ts"), "a") as f:
                f.write("\nexport function %s(): number { return 0; }\n" % name)
            t = time.time()
            while not any(s["name"] == name for s in api("GET", "/cortex/symbols?q=%s&repo=live" % name)):
                time.sleep(0.005)
            updates.append((time.time() - t) * 1000)
        print("incremental update (save to searchable, through the file watcher; 10 saves): p50 %.0f ms, max %.0f ms"
              % (statistics.median(updates), max(updates)))

        # blast radius on the request path
        files = ["server/src/main/java/dev/srooter/server/budget/Budgets.java",
                 "server/src/main/java/dev/srooter/server/pipeline/Pipeline.java",
                 "server/src/main/java/dev/srooter/server/translate/JsonBytes.java",
                 "plugins/policy-core/src/main/java/dev/srooter/plugins/policy/AllowlistPolicy.java"]
        timings = []
        connection = http.client.HTTPConnection("127.0.0.1", run.GATEWAY_PORT)
        for i in range(args.warmup + args.requests):
            path = files[i % len(files)]
            body = json.dumps({"model": "no-such-model", "max_tokens": 64,
                               "system": "You are an agent. Primary working directory: " + ROOT,
                               "messages": [{"role": "user", "content": "Change Budgets.hold and run mvn verify"},
                                            {"role": "assistant", "content": [{"type": "tool_use", "id": "t1",
                                             "name": "Read", "input": {"file_path": ROOT + "/" + path}}]},
                                            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1",
                                             "content": open(os.path.join(ROOT, path)).read()}]}]})
            connection.request("POST", "/v1/messages", body, {"content-type": "application/json", "x-api-key": key,
                                                             "anthropic-version": "2023-06-01"})
            response = connection.getresponse()
            response.read()
            timing = response.getheader("server-timing")
            if timing and i >= args.warmup:
                timings.append(float(timing.split("dur=")[1]))
        timings.sort()
        if not timings:
            sys.exit("no request carried a server-timing header")
        print("blast radius lookup on the request path (%d requests over %d files of this repository): p50 %.3f ms,"
              " p99 %.3f ms, max %.3f ms" % (len(timings), len(files), timings[len(timings) // 2],
                                              timings[int(len(timings) * 0.99) - 1], timings[-1]))
    finally:
        try:
            run.mvn("liberty:stop")
        finally:
            nginx.terminate()


if __name__ == "__main__":
    main()
