#!/usr/bin/env python3
"""Benchmark of activities and reporting against a running MemberHub (loopback only).

Usage: python3 perf/reporting_and_activities.py [MEMBERS]   (default 2000; 0 = use the members there are)

Registers MEMBERS members (8 client threads), each with two purchases and a check-in; joins up to
1 600 of them to one activity; rebuilds the `reporting` projection and reports events/s; then times
every stats report (30 calls each, analyst token). Start the application first, for example on
PostgreSQL:  java -jar member-api/target/member-api.jar --spring.profiles.active=postgres
--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/memberhub_perf
It uses the development token endpoint, so it runs against the embedded default or a postgres
profile, never a production one. It stops by itself.
"""
import json, time, urllib.request, urllib.parse, threading, statistics, sys, uuid, random
BASE = "http://127.0.0.1:8080"
def token(user):
    data = urllib.parse.urlencode({"grant_type": "password", "username": user, "password": user}).encode()
    return json.load(urllib.request.urlopen(BASE + "/dev/token", data))["access_token"]
TOK = token("admin")
def call(method, path, body=None, tok=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "Bearer " + (tok or TOK))
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw and r.headers.get("Content-Type", "").startswith("application") else raw)
    except urllib.error.HTTPError as e:
        return e.code, e.read()
N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
if not BASE.startswith("http://127.0.0.1"):
    sys.exit("loopback only")
ids = []
RUN = random.randint(0, 9999)
lock = threading.Lock()
def worker(k):
    for i in range(k, N, 8):
        s, m = call("POST", "/api/v1/members", {"name": "Perf %d" % i, "mobile": "139%08d" % (i + RUN * 10000)})
        if s != 201:
            continue
        mid = m["id"]
        with lock:
            ids.append(mid)
        call("POST", "/api/v1/members/%s/purchases" % mid, {"orderId": "o1", "amount": random.choice([100, 600, 2500, 6000])})
        call("POST", "/api/v1/members/%s/purchases" % mid, {"orderId": "o2", "amount": 300})
        call("POST", "/api/v1/members/%s/points/earn" % mid, {"type": "CHECK_IN"})
if N > 0:
    t0 = time.time()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print("population: %d members, %.1f s" % (len(ids), time.time() - t0))
else:
    page = 0
    while True:
        s, p = call("GET", "/api/v1/members?size=200&page=%d" % page)
        items = p["items"] if "items" in p else p["content"]
        if not items: break
        ids.extend(i["id"] for i in items); page += 1
    print("existing members:", len(ids))
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400))
s, a = call("POST", "/api/v1/activities", {"name": "Perf", "startsAt": now, "endsAt": end, "capacity": 100000, "rewardPoints": 10})
call("POST", "/api/v1/activities/%s/open" % a["id"])
t0 = time.time()
def joiner(k):
    for mid in ids[k::8][:200]:
        call("POST", "/api/v1/activities/%s/participants" % a["id"], {"memberId": mid})
ts = [threading.Thread(target=joiner, args=(k,)) for k in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print("joins: %d in %.1f s (one activity, 8 clients)" % (min(len(ids), 1600), time.time() - t0))
time.sleep(3)
def status():
    return call("GET", "/api/v1/admin/projections/reporting")[1]
head = status()["head"]
print("events in store:", head)
t0 = time.time()
call("POST", "/api/v1/admin/projections/reporting/replay")
while True:
    st = status()
    if st["state"] == "RUNNING" and st.get("replay") and st["replay"].get("progress") == 1.0 and st["lagEvents"] == 0:
        break
    time.sleep(0.2)
el = time.time() - t0
print("reporting replay: %d events in %.1f s = %.0f events/s" % (head, el, head / el))
an = token("analyst")
for rep in ["members-by-level-and-status", "new-members-per-day", "tenure-distribution", "points-per-day", "points-liability", "points-expiring", "benefit-usage", "activity-participation", "level-movements-per-day"]:
    lat = []
    for _ in range(30):
        t = time.time(); call("GET", "/api/v1/stats/" + rep, tok=an); lat.append((time.time() - t) * 1000)
    print("%-30s median %.1f ms  p90 %.1f ms" % (rep, statistics.median(lat), sorted(lat)[26]))
