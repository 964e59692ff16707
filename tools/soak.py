#!/usr/bin/env python3
"""A short soak of `microgpt serve`: a benchmark, not a test (the suite never runs it).

Starts the server from the jar on a free loopback port, then for a bounded time and number of
requests lets CLIENTS threads ask for pages, widget queries (the largest each allows), abandoned
queries (the connection closed before the answer) and hostile requests (foreign Host, cross-site
Origin, oversized address or headers, wrong method, unparsable numbers, unknown API paths). It reports requests, failures,
latency percentiles per kind, the server's resident memory before and after, and whether it still
answers promptly. A failure is a 5xx, a refused or broken connection, or a status other than the
one the request must get.

    python3 tools/soak.py                      # 8 clients, 60 s, at most 20,000 requests
    python3 tools/soak.py --clients 16 --seconds 120
"""

import argparse
import http.client
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

LETTERS = "abcdefghijklmnopqrstuvwxyz"
LONGEST_NAME = 16


def start_server(launcher, data):
    # The launcher finds the data set as the README says and execs java, so its pid is the server's.
    command = [str(launcher), "serve", "--host", "127.0.0.1", "--port", "0"]
    if data:
        command += ["--data", data]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in server.stdout:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()  # keep the pipe drained
            return server, int(found.group(1))
    sys.exit("soak: the server exited before printing its address")


def resident_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def live_heap_mb(pid):
    """The Java heap in use right after a full collection (what the server really holds), via jcmd."""
    try:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60, check=True)
        info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True,
                              timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return float("nan")          # no jcmd (a JRE): the report says nan
    used = re.search(r"heap\s+total \d+K, used (\d+)K", info)
    return int(used.group(1)) / 1024 if used else float("nan")


def request(port, path, method="GET", headers=None, timeout=120):
    """(status, seconds); status 0 when the connection failed."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - started
    finally:
        connection.close()


def abandon(port, path):
    """Sends a query and hangs up before the answer, as a reader leaving a page does."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        return -1, time.perf_counter() - started
    except OSError:
        return 0, time.perf_counter() - started


def crawl(port):
    """Every page the guide links to from Home and the step indexes (same site, ending in /)."""
    pages, queue = set(), ["/"]
    while queue and len(pages) < 80:
        page = queue.pop()
        if page in pages:
            continue
        pages.add(page)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.request("GET", page)
        body = connection.getresponse().read().decode("utf-8", "replace")
        connection.close()
        for href in re.findall(r'href="([^"]*)"', body):
            link = urlsplit(urljoin(page, href))      # the guide links relatively (../2/)
            if link.scheme or link.netloc or not link.path.endswith("/"):
                continue                              # another site, or a file (assets, downloads)
            if link.path not in pages and not link.path.startswith("/assets/"):
                queue.append(link.path)
    return sorted(pages)


def a_name(length=None):
    return "".join(random.choice(LETTERS) for _ in range(length or random.randint(1, LONGEST_NAME)))


def queries():
    """A widget query with valid parameters, often the largest they allow; the status it must get."""
    name = a_name()
    longest = a_name(LONGEST_NAME)
    return random.choice([
        (f"/api/tokenize?text={name}", 200),
        (f"/api/step0/table?steps={random.randint(0, 1000)}", 200),
        (f"/api/step0/pairs?name={name}", 200),
        (f"/api/samples?step={random.randint(0, 5)}&seed={random.randint(0, 10**9)}&count=50", 200),
        (f"/api/step1/forward?name={name}", 200),
        (f"/api/step1/gradcheck?name={longest}", 200),
        (f"/api/step1/samples?temperature={random.uniform(0.01, 5):.3f}", 200),
        (f"/api/step2/position-graph?name={longest}&position={LONGEST_NAME}", 200),
        (f"/api/step345/trace?step={random.randint(3, 5)}&name={longest}", 200),
        (f"/api/step345/attention?step={random.randint(3, 5)}&name={longest}", 200),
    ])


def hostile(port):
    """A request the server must refuse, and the status it must refuse it with."""
    choice = random.randrange(8)
    if choice == 0:
        return request(port, "/", headers={"Host": "evil.example"}), 403
    if choice == 1:
        return request(port, "/api/step1/gradcheck?name=emma",
                       headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}), 403
    if choice == 2:
        return request(port, "/api/tokenize?text=" + "a" * 20_000), 414
    if choice == 3:
        return request(port, "/api/step1/gradcheck?name=emma", method="POST"), 405
    if choice == 4:
        return request(port, "/api/step0/table?steps=%D9%A3"), 400     # an Arabic-Indic three
    if choice == 5:
        return request(port, "/api/step1/samples?temperature=NaN"), 400
    if choice == 6:
        return request(port, "/api/tokenize?text=ava", headers={"X-Padding": "b" * 9000}), 431
    return request(port, f"/api/{a_name()}"), 404


def soak(port, pages, clients, seconds, max_requests):
    deadline = time.monotonic() + seconds
    results = []          # (kind, expected, status, seconds)
    lock = threading.Lock()

    def client():
        while time.monotonic() < deadline:
            with lock:
                if len(results) >= max_requests:
                    return
            kind = random.choices(["page", "query", "abandoned", "hostile"], weights=[3, 4, 1, 2])[0]
            if kind == "page":
                (status, took), expected = request(port, random.choice(pages)), 200
            elif kind == "query":
                path, expected = queries()
                status, took = request(port, path)
            elif kind == "abandoned":
                (status, took), expected = abandon(port, queries()[0]), -1
            else:
                (status, took), expected = hostile(port)
            with lock:
                results.append((kind, expected, status, took))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def report(results, elapsed, memory, after_status, after_ms):
    failures = [r for r in results if r[2] != r[1]]
    print(f"{len(results)} requests in {elapsed:.0f} s, {len(failures)} failures")
    print()
    print("| kind | requests | failures | p50 ms | p99 ms |")
    print("|---|---|---|---|---|")
    for kind in ["page", "query", "abandoned", "hostile"]:
        mine = [r for r in results if r[0] == kind]
        times = [r[3] * 1000 for r in mine]
        print(f"| {kind} | {len(mine)} | {sum(1 for r in mine if r[2] != r[1])} "
              f"| {percentile(times, 0.5):.1f} | {percentile(times, 0.99):.1f} |")
    print()
    print(f"resident memory: {memory['rss_before']:.0f} MB before, {memory['rss_after']:.0f} MB after")
    print(f"Java heap in use after a full GC: {memory['live_before']:.0f} MB before, "
          f"{memory['live_after']:.0f} MB after")
    print(f"afterwards, GET /api/tokenize answered {after_status} in {after_ms:.1f} ms")
    for kind, expected, status, _ in failures[:10]:
        print(f"failure: {kind}, expected {expected}, got {status}")
    return not failures and after_status == 200


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launcher", default=str(Path(__file__).resolve().parent.parent / "microgpt"))
    parser.add_argument("--data", default=None, help="names.txt (default: the server's own search)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.seconds <= 3600 or not 1 <= args.max_requests <= 10**6:
        sys.exit("soak: clients 1-64, seconds 1-3600, max-requests 1-1,000,000")
    random.seed(args.seed)

    server, port = start_server(args.launcher, args.data)
    try:
        pages = crawl(port)             # also waits for the guide's seeded runs
        for path in ["/api/step1/gradcheck?name=emma", "/api/step2/position-graph?name=emma",
                     "/api/step345/trace?step=5&name=emma"]:
            request(port, path)         # the models every query reads, trained once
        memory = {"live_before": live_heap_mb(server.pid), "rss_before": resident_mb(server.pid)}
        print(f"soak: {len(pages)} pages, {args.clients} clients, {args.seconds:.0f} s, "
              f"at most {args.max_requests} requests, port {port}")
        results, elapsed = soak(port, pages, args.clients, args.seconds, args.max_requests)
        after_status, after_seconds = request(port, "/api/tokenize?text=emma")
        memory["rss_after"] = resident_mb(server.pid)
        memory["live_after"] = live_heap_mb(server.pid)
        ok = report(results, elapsed, memory, after_status, after_seconds * 1000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
