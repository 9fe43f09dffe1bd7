#!/usr/bin/env python3
"""
A captured client request (../shared/fixtures) through two gateways side by side: this checkout and another built one,
in interleaved rounds at c=32 and c=1, each gateway's processor time a request beside its throughput.

    python3 bench/captured.py --baseline DIR [--fixture ../shared/fixtures/claude-code-2.1.328/request-1-first-turn.json]
                              [--rounds 4]

Why a tool of its own: run.py's bodies are made by make-body.py, ASCII text with no credential-like word in it, and so
missed what a real Claude Code body costs: it holds "sk-" inside a word (<task-notification>), which woke the secrets
guard's slowest pattern over 50 KB, and a system prompt with characters beyond ASCII, which sent its strings down the
JSON reader's careful path (bench/README.md, "Captured client bodies"). The body goes as captured, its model set to
the benchmark upstream's streamed one (Messages, or Responses for the Codex capture).
"""
import argparse, json, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True, metavar="DIR", help="a built checkout")
    parser.add_argument("--fixture", default=os.path.join(run.ROOT, "..", "shared", "fixtures", "claude-code-2.1.328",
                                                          "request-1-first-turn.json"))
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    capture = json.load(open(args.fixture))
    entry = capture["url"].split("?")[0]
    if entry not in ("/v1/messages", "/v1/responses"):
        sys.exit("the benchmark upstream answers Messages and Responses; %s is %s" % (args.fixture, capture["url"]))
    body = capture["body"]
    if entry == "/v1/responses":
        if not body.get("stream"):
            sys.exit("the benchmark upstream streams its Responses answer; %s is not streamed" % args.fixture)
        body["model"] = "bench-oai-sse-model"
    else:
        body["model"] = "bench-sse-model" if body.get("stream") else "bench-model"
    os.makedirs(run.WORK, exist_ok=True)
    path = os.path.join(run.WORK, "captured-body.json")
    with open(path, "w", encoding="utf-8") as f:
        # as the clients' JSON.stringify writes it: no spaces, characters beyond ASCII as UTF-8, not \u escapes
        json.dump(body, f, ensure_ascii=False, separators=(",", ":"))

    nginx = run.start_nginx()
    roots = [("this", run.ROOT, run.GATEWAY_PORT), ("baseline", os.path.abspath(args.baseline), run.GATEWAY_PORT + 1)]
    try:
        gateways = []
        for name, root, port in roots:
            key = run.start_gateway(root, port)
            gateways.append((name, "http://127.0.0.1:%d%s" % (port, entry), key, run.listening_pid(port)))
        run.quick_warm_up([(url, key) for _, url, key, _ in gateways], path, 3)
        results = {}
        for round_ in range(args.rounds):
            for connections in (32, 1):
                # which goes first alternates by round: neither gets the warmer slot
                for name, url, key, pid in (gateways if round_ % 2 == 0 else gateways[::-1]):
                    r = run.wrk(url, path, connections, 5, key, pid=pid)
                    results.setdefault((name, connections), []).append(r)
                    print("round %d c=%-2d %-8s %7.0f req/s p50 %.3f ms p99 %.2f ms cpu %.3f ms/req failed %d"
                          % (round_ + 1, connections, name, r["rps"], r["p50"], r["p99"], r["cpu"], r["failed"]),
                          flush=True)
        print("\nmedians over %d rounds of 5 s, %s (%d bytes)" % (args.rounds, os.path.basename(args.fixture),
                                                                 os.path.getsize(path)))
        print("| c | gateway | req/s | p50 ms | processor ms a request |")
        print("| --- | --- | --- | --- | --- |")
        for connections in (32, 1):
            for name, _, _, _ in gateways:
                rs = results[(name, connections)]
                print("| %d | %s | %.0f | %.3f | %.3f |" % (
                    connections, name, statistics.median(r["rps"] for r in rs),
                    statistics.median(r["p50"] for r in rs), statistics.median(r["cpu"] for r in rs)))
    finally:
        for _, root, _ in roots:
            try:
                run.mvn("liberty:stop", root=root)
            except Exception as e:  # a gateway that did not start
                print("stopping %s: %s" % (root, e))
        nginx.terminate()


if __name__ == "__main__":
    main()
