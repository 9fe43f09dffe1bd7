#!/usr/bin/env python3
"""
Throughput with one node and with two nodes on one PostgreSQL, each with and without governance (issue 22): 2KB
bodies at 32 connections in all, every request the first turn of a task of its own (post.lua's SESSIONS=each) (16 to each node when there are two), the four configurations in the same rounds,
their order turning by round. Governance is four policies, an org cap and a rate limit, set through node 1 (node 2
takes the change within two seconds).

    python3 bench/nodes.py [--seconds 5] [--rounds 3]

Needs nginx, wrk and Debian's postgresql (testkit/postgres/ensure-postgres.sh starts it and makes the role);
mvn -B install -DskipTests first. Both nodes run on this machine: on two cores they share the same CPUs, so two
nodes measure the cost of coordinating through the database, not the gain of a second machine.
"""
import argparse, os, statistics, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

NODE2_PORT = run.GATEWAY_PORT + 2
DATABASE = "srooter_bench"
POSTGRES = {"SROOTER_DB": "postgresql", "SROOTER_DB_HOST": "127.0.0.1", "SROOTER_DB_NAME": DATABASE,
            "SROOTER_DB_USER": "srooter", "SROOTER_DB_PASSWORD": "srooter-it",
            # bench-only: base64 of 32 fixed bytes, the same on both nodes as they must be
            "SROOTER_MASTER_KEY": "YmVuY2gtb25seS1tYXN0ZXIta2V5LTMyLWJ5dGVzISE="}


def fresh_database():
    subprocess.run(["bash", os.path.join(run.ROOT, "testkit", "postgres", "ensure-postgres.sh")], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "srooter", "-d", "postgres", "-q", "-c",
                    "DROP DATABASE IF EXISTS %s WITH (FORCE)" % DATABASE, "-c", "CREATE DATABASE %s" % DATABASE],
                   check=True, env={**os.environ, "PGPASSWORD": "srooter-it"})


def together(urls, body, connections, seconds, key):
    """wrk against every url at once, the connections split between them: summed req/s, mean p50 and p99."""
    results = [None] * len(urls)

    def one(i):
        results[i] = run.wrk(urls[i], body, connections // len(urls), seconds, key)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(urls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"rps": sum(r["rps"] for r in results), "p50": statistics.mean(r["p50"] for r in results),
            "p99": statistics.mean(r["p99"] for r in results)}


def main():
    # every request a task of its own: 32 connections behave like many agents, not 32 copies of one task's turn
    os.environ["SESSIONS"] = "each"
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    fresh_database()
    nginx = run.start_nginx()
    try:
        key = run.start_gateway(env=POSTGRES)
        run.start_gateway(port=NODE2_PORT, server="srooter-node2", env=POSTGRES, providers=False)
        body = os.path.join(run.WORK, "nodes-2KB.json")
        subprocess.run([sys.executable, os.path.join(run.ROOT, "bench", "make-body.py"), "2048", "bench-model",
                        "false", body], check=True)
        one = ["http://127.0.0.1:%d/v1/messages" % run.GATEWAY_PORT]
        two = one + ["http://127.0.0.1:%d/v1/messages" % NODE2_PORT]
        run.govern()
        together(two, body, 32, 10, key)  # warm both
        configurations = [("1 node", one, False), ("1 node", one, True), ("2 nodes", two, False),
                          ("2 nodes", two, True)]
        results = {}
        for round_ in range(args.rounds):
            order = configurations[round_ % 4:] + configurations[:round_ % 4]
            for name, urls, governed in order:
                (run.govern if governed else run.ungovern)()
                time.sleep(2.5)  # both nodes take the change within two seconds
                g = together(urls, body, 32, args.seconds, key)
                results.setdefault((name, governed), []).append(g)
                print("round %d %-7s %-8s c=32 %8.0f req/s p50 %.3f ms p99 %.3f ms" % (
                    round_ + 1, name, "governed" if governed else "plain", g["rps"], g["p50"], g["p99"]), flush=True)
        print("\n2KB, 32 connections in all, medians over %d rounds of %d s; both nodes on this machine and one"
              " PostgreSQL" % (args.rounds, args.seconds))
        print("| nodes | plain req/s | governed req/s | governed / plain | plain p50 ms | governed p50 ms |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name in ("1 node", "2 nodes"):
            med = lambda governed, f: statistics.median(g[f] for g in results[(name, governed)])
            print("| %s | %.0f | %.0f | %.2f | %.3f | %.3f |" % (name, med(False, "rps"), med(True, "rps"),
                                                                 med(True, "rps") / med(False, "rps"),
                                                                 med(False, "p50"), med(True, "p50")))
    finally:
        try:
            run.mvn("liberty:stop")
            run.mvn("liberty:stop", "-Dliberty.server.name=srooter-node2")
        finally:
            nginx.terminate()


if __name__ == "__main__":
    main()
