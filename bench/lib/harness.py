#!/usr/bin/env python3
"""Benchmark driver used by bench/run (standard library only).

  harness.py run --bin BIN --db URL --empty-db URL --data DIR --backend B --size S
                 --duration N --warmup N --connections 16,64 --threads 2 --out DIR [--smoke]
  harness.py growth SMALL.json LARGE.json     # prints the large/small table

`run` starts `meedoen serve` on a free loopback port (127.0.0.1:18000-18999), measures cold
start and idle RSS, runs every scenario with wrk at each connection count (warm-up, then the
measured step) while sampling the server's RSS and CPU from /proc, stops the server, and
writes BACKEND-SIZE.json and BACKEND-SIZE.md. Every wait is bounded in time.
"""

import argparse
import http.client
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
CLK_TCK = os.sysconf("SC_CLK_TCK")

# name, lua script, what it measures, expected status of a single request (preflight)
SCENARIOS = [
    ("baseline", "baseline.lua", "GET /bench/baseline (trivial route, same middleware)"),
    ("home", "home.lua", "GET / (home page)"),
    ("idea_list", "idea_list.lua", "GET idea list page 1 (20 ideas)"),
    ("idea_page", "idea_page.lua", "GET idea page with 50 comments"),
    ("like", "like.lua", "POST like toggle (member sessions)"),
    ("mix", "mix.lua", "90% reads / 10% like toggles, with sessions"),
    ("ballot", "ballot.lua", "POST budget ballot cast (distinct members, durable)"),
    ("space_search", "space_search.lua", "GET Makelpunt search, 3 filters, with counts"),
]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def free_port():
    for port in range(18000 + os.getpid() % 500, 19000):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise SystemExit("no free port in 127.0.0.1:18000-18999")


def http_get(port, path, headers=None, method="GET", body=None, timeout=5):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        return r.status, dict(r.getheaders()), data
    finally:
        c.close()


def proc_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def proc_cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except OSError:
        return 0


class Server:
    def __init__(self, binary, env, port, log_path):
        self.binary, self.env, self.port, self.log_path = binary, env, port, log_path
        self.proc = None

    def start(self, path="/bench/baseline", timeout=30.0):
        """Starts the server; returns milliseconds from spawn to the first 200 on `path`."""
        logf = open(self.log_path, "ab")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=logf, stderr=logf)
        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited early (code {self.proc.returncode}); see {self.log_path}")
            try:
                status, _, _ = http_get(self.port, path, timeout=1)
                if status == 200:
                    return (time.perf_counter() - t0) * 1000
            except OSError:
                pass
            time.sleep(0.002)
        self.stop()
        raise SystemExit(f"server gave no 200 on {path} within {timeout}s; see {self.log_path}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None


class Sampler(threading.Thread):
    """Samples the server's RSS every 50 ms while a step runs."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop_ev = pid, 0, threading.Event()

    def run(self):
        while not self.stop_ev.is_set():
            self.peak = max(self.peak, proc_rss_kb(self.pid))
            self.stop_ev.wait(0.05)

    def finish(self):
        self.stop_ev.set()
        self.join(timeout=2)
        self.peak = max(self.peak, proc_rss_kb(self.pid))
        return self.peak


def wrk(port, script, conns, threads, secs, env):
    cmd = [
        "wrk", f"-t{min(threads, conns)}", f"-c{conns}", f"-d{secs}s", "--timeout", "5s",
        "--latency", "-s", os.path.join(BENCH, "scenarios", script), f"http://127.0.0.1:{port}",
    ]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=secs + 60)
    for line in out.stdout.splitlines():
        if line.startswith("BENCHJSON "):
            return json.loads(line[len("BENCHJSON "):])
    raise SystemExit(f"wrk gave no result for {script}:\n{out.stdout}\n{out.stderr}")


def preflight(port, name, params, token):
    """One request of each kind the scenario sends, checking the status: a broken session or
    route would otherwise hide behind a redirect."""
    cookie = {"Cookie": f"meedoen_sid={token}"}
    form = {**cookie, "Content-Type": "application/x-www-form-urlencoded"}
    first = params["first_idea_id"]
    checks = {
        "baseline": [("GET", "/bench/baseline", {}, None, 200)],
        "home": [("GET", "/", {}, None, 200)],
        "idea_list": [("GET", f"/onderdelen/{params['ideas_component_id']}/ideeen", {}, None, 200)],
        "idea_page": [("GET", f"/ideeen/{params['page_idea_id']}", {}, None, 200)],
        "like": [
            ("POST", f"/ideeen/{first + 1}/like", form, "liked=1", 303),
            ("POST", f"/ideeen/{first + 1}/like", form, "liked=0", 303),
        ],
        "mix": [("GET", "/", cookie, None, 200)],
        "space_search": [("GET", "/makelpunt?capaciteit=20&step_free=1&dag=1&dagdeel=evening", {}, None, 200)],
        "ballot": [
            ("POST", f"/stemmen/{params.get('ballot_component_id')}/bevestigen", form,
             f"idea={first}&idea={first + 1}&idea={first + 9}", 303),
        ],
    }[name]
    problems = []
    for method, path, headers, body, want in checks:
        try:
            status, hdrs, data = http_get(port, path, headers, method, body)
        except OSError as e:  # a timeout or a reset is a finding, not a harness crash
            problems.append(f"{method} {path} failed: {e!r}")
            continue
        if status != want:
            problems.append(f"{method} {path} gave {status}, expected {want}: {data[:300]!r}")
    return problems


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release()}


def fmt_ratio(x):
    return "–" if x is None else f"{x:.2f}"


def markdown(res):
    m = res["machine"]
    lines = [
        f"### {res['backend']} / {res['size']} ({res['date']})",
        "",
        f"`{res['command']}` on {m['nproc']} cores ({m['cpu']}), git {res['git']}. "
        f"wrk with {res['threads']} threads on the same machine; {res['duration_s']} s per step "
        f"after {res['warmup_s']} s warm-up.",
        "",
        f"Data: {res['data'].get('idea_count')} ideas, {res['data'].get('likes')} likes, "
        f"{res['data'].get('ballots')} ballots, {res['data'].get('comments')} comments, "
        f"{res['data'].get('members')} members with sessions; loaded in {res['load_s']:.2f} s.",
        "",
        f"Cold start to first 200: existing database {res['cold_start_ms']['existing']:.0f} ms "
        f"(median of {len(res['cold_start_ms']['existing_runs'])}), empty database "
        f"{res['cold_start_ms']['empty']:.0f} ms (to /healthz, including all migrations). "
        f"Idle RSS {res['idle_rss_kb'] / 1024:.1f} MB at start, "
        f"{res['idle_rss_after_kb'] / 1024:.1f} MB after the run.",
        "",
        "| scenario | conns | req/s | × baseline | p50 ms | p99 ms | p99.9 ms | errors | peak RSS MB | CPU % |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in res["steps"]:
        if s.get("skipped"):
            lines.append(f"| {s['scenario']} | {s['connections']} | not yet: {s['skipped']} | | | | | | | |")
            continue
        lat = s["latency_ms"]
        lines.append(
            f"| {s['scenario']} | {s['connections']} | {s['rps']:.0f} | {fmt_ratio(s['ratio_rps'])} | "
            f"{lat['p50']:.2f} | {lat['p99']:.2f} | {lat['p999']:.2f} | {s['error_total']} | "
            f"{s['peak_rss_kb'] / 1024:.1f} | {s['cpu_pct']:.0f} |"
        )
    lines += ["", "CPU % is the server process only (100 % = one core); × baseline is requests/s "
              "divided by the baseline's requests/s at the same connection count in this run.", ""]
    return "\n".join(lines)


def cmd_run(a):
    conns = [int(c) for c in a.connections.split(",") if c.strip()]
    with open(os.path.join(a.data, "data.json")) as f:
        data = json.load(f)
    params_path = os.path.join(a.data, "params.lua")
    with open(params_path, "w") as f:
        f.write("return {\n")
        for k in ("ideas_component_id", "first_idea_id", "idea_count", "page_idea_id"):
            f.write(f"  {k} = {int(data[k])},\n")
        f.write(f"  ballot_component_id = {int(data['ballot_component_id'] or 0)},\n")
        f.write(f"  tokens_file = {json.dumps(os.path.join(a.data, 'tokens.txt'))},\n}}\n")
    with open(os.path.join(a.data, "tokens.txt")) as f:
        token = f.readline().strip()

    port = free_port()
    base_env = dict(os.environ)
    env = {
        **base_env,
        "MEEDOEN_BIND": f"127.0.0.1:{port}",
        "MEEDOEN_BASE_URL": f"http://127.0.0.1:{port}",
        "MEEDOEN_BENCH_BASELINE": "true",
        "MEEDOEN_DATA_DIR": os.path.join(a.work, "uploads"),
        "RUST_LOG": os.environ.get("BENCH_RUST_LOG", "warn"),
        "MEEDOEN_CONFIG": os.path.join(a.work, "none.toml"),
    }
    log_path = os.path.join(a.work, "server.log")

    # Cold start with an empty database: first 200 on /healthz (no municipality exists yet,
    # so /bench/baseline would answer 404); includes creating the schema.
    empty = Server(a.bin, {**env, "MEEDOEN_DATABASE_URL": a.empty_db}, port, log_path)
    cold_empty = empty.start("/healthz")
    empty.stop()

    env["MEEDOEN_DATABASE_URL"] = a.db
    runs = []
    for _ in range(3):
        s = Server(a.bin, env, port, log_path)
        runs.append(s.start())
        s.stop()
    runs.sort()
    cold_existing = runs[len(runs) // 2]
    log(f"cold start: existing database {cold_existing:.0f} ms {['%.0f' % r for r in runs]}, "
        f"empty database {cold_empty:.0f} ms")

    server = Server(a.bin, env, port, log_path)
    failures = []
    steps = []
    try:
        server.start()
        time.sleep(1.0)
        pid = server.proc.pid
        idle_rss = proc_rss_kb(pid)
        log(f"idle RSS {idle_rss / 1024:.1f} MB; port {port}")
        wrk_env = {**base_env, "BENCH_DIR": BENCH, "BENCH_PARAMS": params_path,
                   "BENCH_THREADS": str(a.threads)}
        only = set(a.scenarios.split(",")) if a.scenarios else None
        for name, script, desc in SCENARIOS:
            if only and name not in only:
                continue
            if name == "ballot" and not data.get("ballot_component_id"):
                for c in conns:
                    steps.append({"scenario": name, "connections": c, "skipped": "no ballot component"})
                continue
            problems = preflight(port, name, data, token)
            if problems:
                if name == "ballot" and not a.require_ballot:
                    log(f"ballot scenario skipped: {problems[0]}")
                    for c in conns:
                        steps.append({"scenario": name, "connections": c,
                                      "skipped": "ballot route not working: " + problems[0][:120]})
                    continue
                failures += [f"{name}: {p}" for p in problems]
                log(f"PREFLIGHT FAILED {name}: {problems}")
                continue
            for c in conns:
                if a.warmup > 0:
                    wrk(port, script, c, a.threads, a.warmup, wrk_env)
                sampler = Sampler(pid)
                sampler.start()
                cpu0, t0 = proc_cpu_ticks(pid), time.perf_counter()
                r = wrk(port, script, c, a.threads, a.duration, wrk_env)
                cpu1, t1 = proc_cpu_ticks(pid), time.perf_counter()
                peak = sampler.finish()
                if server.proc.poll() is not None:
                    raise SystemExit(f"server died during {name}; see {log_path}")
                err = sum(r["errors"].values())
                step = {"scenario": name, "description": desc, "connections": c, **r,
                        "error_total": err, "peak_rss_kb": peak,
                        "cpu_pct": (cpu1 - cpu0) / CLK_TCK / (t1 - t0) * 100}
                steps.append(step)
                log(f"{name:>10} c={c:<4} {r['rps']:>9.0f} req/s  p50 {r['latency_ms']['p50']:.2f} ms  "
                    f"p99 {r['latency_ms']['p99']:.2f} ms  p99.9 {r['latency_ms']['p999']:.2f} ms  "
                    f"errors {err}  RSS {peak / 1024:.1f} MB  CPU {step['cpu_pct']:.0f}%")
                if err:
                    failures.append(f"{name} c={c}: {r['errors']}")
                elif r["requests"] == 0:  # every request outlived the step: not a pass
                    failures.append(f"{name} c={c}: no request completed in {a.duration} s")
        time.sleep(1.0)
        idle_after = proc_rss_kb(pid)
    finally:
        server.stop()

    base = {s["connections"]: s for s in steps if s["scenario"] == "baseline" and not s.get("skipped")}
    for s in steps:
        if s.get("skipped"):
            continue
        b = base.get(s["connections"])
        s["ratio_rps"] = s["rps"] / b["rps"] if b and b["rps"] else None
        s["ratio_p99"] = s["latency_ms"]["p99"] / b["latency_ms"]["p99"] if b and b["latency_ms"]["p99"] else None

    git = subprocess.run(["git", "-C", BENCH, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    res = {
        "backend": a.backend, "size": a.size, "smoke": a.smoke,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": a.command, "git": git or "unknown", "machine": machine(),
        "threads": a.threads, "duration_s": a.duration, "warmup_s": a.warmup,
        "load_s": a.load_seconds, "data": data,
        "cold_start_ms": {"existing": cold_existing, "existing_runs": runs, "empty": cold_empty},
        "idle_rss_kb": idle_rss, "idle_rss_after_kb": idle_after,
        "steps": steps, "failures": failures,
    }
    os.makedirs(a.out, exist_ok=True)
    stem = os.path.join(a.out, f"{a.backend}-{a.size}")
    with open(stem + ".json", "w") as f:
        json.dump(res, f, indent=1)
    md = markdown(res)
    with open(stem + ".md", "w") as f:
        f.write(md)
    print(md)
    log(f"written {stem}.json and {stem}.md")
    if failures:
        log("FAILURES:\n  " + "\n  ".join(failures))
        return 1
    return 0


def cmd_growth(a):
    with open(a.small) as f:
        small = json.load(f)
    with open(a.large) as f:
        large = json.load(f)
    key = lambda r: {(s["scenario"], s["connections"]): s for s in r["steps"] if not s.get("skipped")}
    sm, lg = key(small), key(large)
    print(f"| scenario | conns | small req/s | large req/s | slowdown (× baseline small ÷ large) | "
          f"p99 small ms | p99 large ms | p99 large/small |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for k in sorted(set(sm) & set(lg), key=lambda k: ([n for n, _, _ in SCENARIOS].index(k[0]), k[1])):
        s, l = sm[k], lg[k]
        # Normalise by each run's own baseline so machine noise between the runs cancels.
        slow = (s["ratio_rps"] / l["ratio_rps"]) if s.get("ratio_rps") and l.get("ratio_rps") else s["rps"] / l["rps"]
        print(f"| {k[0]} | {k[1]} | {s['rps']:.0f} | {l['rps']:.0f} | {slow:.2f}× | "
              f"{s['latency_ms']['p99']:.2f} | {l['latency_ms']['p99']:.2f} | "
              f"{l['latency_ms']['p99'] / s['latency_ms']['p99']:.2f}× |")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--bin", required=True)
    r.add_argument("--db", required=True)
    r.add_argument("--empty-db", required=True)
    r.add_argument("--data", required=True)
    r.add_argument("--work", required=True)
    r.add_argument("--backend", required=True)
    r.add_argument("--size", required=True)
    r.add_argument("--duration", type=int, default=15)
    r.add_argument("--warmup", type=int, default=2)
    r.add_argument("--connections", default="16,64,256")
    r.add_argument("--threads", type=int, default=2)
    r.add_argument("--scenarios", default="")
    r.add_argument("--out", required=True)
    r.add_argument("--load-seconds", type=float, default=0.0)
    r.add_argument("--command", default="bench/run")
    r.add_argument("--smoke", action="store_true")
    r.add_argument("--require-ballot", action="store_true")
    g = sub.add_parser("growth")
    g.add_argument("small")
    g.add_argument("large")
    a = p.parse_args()
    sys.exit(cmd_run(a) if a.cmd == "run" else cmd_growth(a))


if __name__ == "__main__":
    main()
