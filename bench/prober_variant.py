"""One published Prober variant, measured idle at the seed's load (bench/prober-variants.sh runs it per variant).

Startup: process start to the first /health 200, on a fresh database and then on two restarts of it.
Memory: /proc/PID/smaps_rollup after --idle and --long seconds, and the --long smaps grouped by what is mapped.
Prints one JSON line.
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import time
import urllib.request

KB_FIELDS = ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Shared_Clean", "Anonymous")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rollup(pid):
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in KB_FIELDS:
                values[key] = round(int(rest.split()[0]) / 1024, 1)
    values["Private"] = round(values.get("Private_Clean", 0) + values.get("Private_Dirty", 0), 1)
    return values


def category(path, perms):
    if path.startswith("/memfd:doublemapper"):
        return "jit code and stubs (W^X double map)"
    if path.endswith(".dll"):
        name = os.path.basename(path)
        if name.startswith(("Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "SQLitePCL")):
            return "assemblies: EF Core and its providers"
        if name.startswith("AmoHealth."):
            return "assemblies: AmoHealth"
        return "assemblies: framework, ASP.NET Core, Redis, OpenTelemetry"
    if re.search(r"\.so(\.\d+)*$", path):
        name = os.path.basename(path)
        if name.startswith(("libcoreclr", "libclrjit", "libhostfxr", "libhostpolicy", "libSystem.", "libclrgc", "libmscordaccore")):
            return "native: runtime (coreclr, jit, System.Native)"
        if name.startswith("libicu"):
            return "native: ICU"
        if "sqlite" in name:
            return "native: SQLite"
        return "native: other (libc, ssl, ...)"
    if path == "[heap]":
        return "native heap (brk)"
    if path.startswith("[stack"):
        return "stacks"
    if path == "" or path.startswith("["):
        if "x" in perms:
            return "anonymous executable (JIT code, W^X off)"
        return "anonymous rw (GC heap, runtime data, mmap'd native heap, thread stacks)"
    return "other files"


def profile(pid):
    groups, files = {}, {}
    current = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                parts = line.split(None, 5)
                path = parts[5].strip() if len(parts) > 5 else ""
                current = (category(path, parts[1]), path)
            elif head and head[0] in ("Rss:", "Pss:") and current:
                kib = int(head[1])
                g = groups.setdefault(current[0], {"Rss": 0, "Pss": 0})
                g[head[0][:-1]] += kib
                if current[1]:
                    files.setdefault(os.path.basename(current[1]), {"Rss": 0, "Pss": 0})[head[0][:-1]] += kib
    mib = lambda d: {k: round(v / 1024, 1) for k, v in d.items()}
    top = sorted(files.items(), key=lambda kv: -kv[1]["Rss"])[:15]
    return {k: mib(v) for k, v in sorted(groups.items(), key=lambda kv: -kv[1]["Rss"])}, {k: mib(v) for k, v in top}


def start(args, database, port, extra_env):
    env = dict(os.environ)
    env.update({
        "AMOCRM_DOMAIN": args.simulator, "AMOCRM_ACCESS_TOKEN": "bench", "CHECK_INTERVAL": "30000",
        "Storage__Path": database, "ConnectionStrings__redis": args.redis, "ASPNETCORE_URLS": f"http://127.0.0.1:{port}",
    })
    env.update(extra_env)
    dll = os.path.join(args.dir, "AmoHealth.Prober.dll")
    native = os.path.join(args.dir, "AmoHealth.Prober")
    # Self-contained output runs by its own host; framework-dependent output as production runs it (dotnet X.dll).
    self_contained = os.path.exists(os.path.join(args.dir, "libcoreclr.so"))
    command = [native] if self_contained or not os.path.exists(dll) else ["dotnet", dll]
    started = time.monotonic()
    errors = os.path.join(args.work, f"{args.name}.stderr")
    with open(errors, "a") as stderr:
        process = subprocess.Popen(command + ["--contentRoot", args.dir], env=env, cwd=args.dir,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}/health"
    while time.monotonic() - started < 300:
        if process.poll() is not None:
            with open(errors) as f:
                raise SystemExit(json.dumps({"variant": args.name, "exited": process.returncode, "stderr": f.read()[-500:]}))
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return process, started, (round((time.monotonic() - started) * 1000), cpu_ms(process.pid))
        except OSError:
            pass
        time.sleep(0.01)
    process.kill()
    raise SystemExit(f"{args.name}: /health did not answer 200 within 300 s")


def cpu_ms(pid):
    """User plus system CPU time of the process so far: what starting costs, whatever else the machine runs."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK"))


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main():
    parser = argparse.ArgumentParser()
    for name in ("name", "dir", "env", "publish", "simulator", "redis", "work"):
        parser.add_argument(f"--{name}", default="")
    parser.add_argument("--idle", type=int, default=30)
    parser.add_argument("--long", type=int, default=180)
    args = parser.parse_args()
    extra_env = dict(pair.split("=", 1) for pair in args.env.split(",") if pair)
    folder = os.path.join(args.work, f"{args.name}.data")
    os.makedirs(folder, exist_ok=True)
    database = os.path.join(folder, "prober.db")

    # The migrate step first, as systemd runs it before the Prober (amohealth-migrate): the Prober never migrates.
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["dotnet", "run", "--project", os.path.join(repo, "src", "AmoHealth.Migrator"), "-c", "Release", "--",
                    f"--Storage:Path={database}"], check=True, stdout=subprocess.DEVNULL)

    # Startup: a freshly migrated database, then two restarts on it (the usual case).
    startups = []
    for _ in range(3):
        process, _, ms = start(args, database, free_port(), extra_env)
        startups.append(ms)
        stop(process)

    process, started, _ = start(args, database, free_port(), extra_env)
    time.sleep(max(0, started + args.idle - time.monotonic()))
    at_idle = rollup(process.pid)
    time.sleep(max(0, started + args.long - time.monotonic()))
    at_long = rollup(process.pid)
    groups, files = profile(process.pid)
    stop(process)
    shutil.rmtree(folder, ignore_errors=True)

    size = sum(os.path.getsize(os.path.join(root, f)) for root, _, fs in os.walk(args.dir) for f in fs)
    print(json.dumps({
        "variant": args.name, "publish": args.publish, "env": args.env,
        "publish_mib": round(size / 1048576, 1),
        # Wall time to the first /health 200 and the CPU time the process spent by then (the machine may be busy).
        "startup_ms": {"fresh_database": startups[0][0], "restarts": [s[0] for s in startups[1:]],
                       "median_restart": statistics.median(s[0] for s in startups[1:])},
        "startup_cpu_ms": {"fresh_database": startups[0][1], "restarts": [s[1] for s in startups[1:]],
                           "median_restart": statistics.median(s[1] for s in startups[1:])},
        "loadavg_1m": os.getloadavg()[0],
        f"after_{args.idle}s": at_idle, f"after_{args.long}s": at_long,
        "profile_mib": groups, "top_files_mib": files,
    }))


if __name__ == "__main__":
    main()
