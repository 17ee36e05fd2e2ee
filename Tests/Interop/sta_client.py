"""A STAW 1.0 client over pyzmq, written from docs/protocol.md alone (on top of wire_client.py).

    Client(endpoint)            a DEALER to the catalog's ROUTER: REQUEST → REPLY or ERROR (§3.3,
                                §5.6–5.8, Appendix B), with request numbers, idempotency keys,
                                timeouts and resends (§10)
    EventStream(xpub, topics)   a SUB to the monitor's XPUB: EVENT frames (§5.5), including the
                                bus's last-value replay on subscription (§5.5.1)

    python sta_client.py scenario --catalog ENDPOINT --events XPUB_ENDPOINT \
        [--import-tomograms Source/tomograms.star | --tomograms Import/job001/tomograms.star] \
        [--box 16] [--delay-ms 25] [--timeout 20]

The scenario imports a tomogram set (or uses one already imported), submits an `sta.tilestats`
job, follows `job.<id>.` events until the job is final, subscribes again late (only the bus's
last-value cache can answer that), fetches the job's `stats.star` with `star.get`, parses it
with `starfile`, probes the error codes, and prints one JSON object on stdout.
"""
import argparse
import json
import os
import sys
import tempfile
import time

import starfile
import zmq

import wire_client as wc

STATE_CHANGING = {"job.submit", "job.cancel", "project.import"}     # Appendix B
FINAL_STATES = {"succeeded", "failed", "cancelled"}
LINGER_MS = 1000                                                    # §3.2
MAX_MESSAGE = wc.MAX_MESSAGE                                        # §7.4


class RequestError(Exception):
    """An ERROR answered to a REQUEST: `code` (§11), `message` and the `method` asked."""

    def __init__(self, code, message, method):
        super().__init__(f"{method}: {code} {message}")
        self.code, self.message, self.method = code, message, method


class RequestTimeout(Exception):
    """No REPLY or ERROR arrived within the timeout (after the resends)."""


class Reply:
    """A decoded REPLY: `method`, `result` (the JSON object), `payloads` ((descriptor, data)
    pairs, still encoded) and `header` (the decoded header fields)."""

    def __init__(self, message):
        self.header = {k: v for k, v in message.items() if k not in ("body", "payloads")}
        self.method = message["body"]["method"]
        self.result = json.loads(message["body"]["result"])
        self.payloads = message["payloads"]

    def star_tables(self):
        """[(descriptor dict, text)] of the STAR-table payloads (kind 2), decoded and checked."""
        return [wc.decode_star(d, data) for d, data in self.payloads if d[0] == 2]

    def tiles(self):
        """[(descriptor dict, float32 array (nz, ny, nx))] of the tile payloads (kind 1)."""
        return [wc.decode_tile(d, data) for d, data in self.payloads if d[0] == 1]


def new_key():
    """A random, non-zero 16-byte idempotency key (§10)."""
    while True:
        k = os.urandom(16)
        if any(k):
            return k


class Client:
    """A DEALER connected to the catalog's ROUTER. One request is outstanding at a time; replies
    are matched by the request number in the task-id field (§5.6) and stray answers to earlier,
    timed-out requests are dropped."""

    def __init__(self, endpoint, timeout_ms=5000, retries=2, context=None):
        self.endpoint, self.timeout_ms, self.retries = endpoint, timeout_ms, retries
        self.context = context or zmq.Context.instance()
        self.number = 0
        self.sequence = 0
        self.socket = None
        self.disconnects = 0
        self._connect()

    def _connect(self):
        if self.socket is not None:
            self.socket.close(linger=0)
        s = self.context.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, LINGER_MS)
        s.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
        s.connect(self.endpoint)
        self.socket = s

    def close(self):
        if self.socket is not None:
            self.socket.close(linger=0)
            self.socket = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def request(self, method, args=None, payloads=(), key=None, timeout_ms=None, major=None):
        """Sends REQUEST `method` with JSON `args` and `payloads` ((descriptor, data) pairs) and
        returns the `Reply`. State-changing methods get a fresh idempotency key unless `key` is
        given; on a timeout the same frames are resent (same key, retransmission flag) up to
        `retries` times. An ERROR raises `RequestError` with its code. `major` overrides the
        header's major version byte (to test a peer's 426)."""
        if key is None:
            key = new_key() if method in STATE_CHANGING else bytes(16)
        self.number += 1
        number = self.number
        timeout_ms = self.timeout_ms if timeout_ms is None else timeout_ms
        tries, sends, disconnects = 0, 0, 0
        while tries <= self.retries:
            self.sequence = (self.sequence + 1) & 0xFFFFFFFF
            frames = wc.encode_message(dict(
                command="REQUEST", task=number, key=key, sequence=self.sequence, flags=1 if sends else 0,
                body=dict(method=method, arguments=json.dumps(args or {}, separators=(",", ":"))),
                payloads=list(payloads)))
            if major is not None:
                frames[0] = frames[0][:4] + bytes([major]) + frames[0][5:]
            self.socket.send_multipart(frames)
            sends += 1
            answer = self._await(number, key, timeout_ms)
            if answer == "DISCONNECT":
                disconnects += 1
                if disconnects > self.retries:
                    break
                continue                        # reconnected: resend on the new socket (§5.9, §10)
            tries += 1
            if answer is None:
                continue
            if answer["command"] == "ERROR":
                b = answer["body"]
                raise RequestError(b["code"], b["message"], method)
            return Reply(answer)
        raise RequestTimeout(f"{method}: no answer from {self.endpoint} after {sends} sends "
                             f"of {timeout_ms} ms")

    def _await(self, number, key, timeout_ms):
        """The REPLY or ERROR answering request `number`; None on timeout; "DISCONNECT" when the
        catalog said DISCONNECT (we then reconnect on a new socket, §5.9). An ERROR with all
        correlation fields zero answers the outstanding request: the catalog could not read our
        header (§5.8; e.g. another major version, 426)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.socket.poll(max(1, int(left * 1000)), zmq.POLLIN):
                return None
            frames = self.socket.recv_multipart()
            try:
                m = wc.decode_message(frames)
            except wc.WireError:
                continue                        # never answer an answer; drop what we cannot read
            if m["command"] == "DISCONNECT":
                self.disconnects += 1
                self._connect()
                return "DISCONNECT"
            if m["command"] not in ("REPLY", "ERROR"):
                continue
            unread = m["command"] == "ERROR" and m["task"] == 0 and m["job"] == 0 and not any(m["key"])
            if (m["task"] == number and m["key"] == key) or unread:
                return m


class Event:
    """A decoded EVENT: `topic`, `header` (decoded header fields), `body` (the JSON object) and
    `received` (monotonic seconds)."""

    def __init__(self, message):
        self.topic = message["topic"]
        self.header = {k: v for k, v in message.items() if k not in ("topic", "body")}
        self.body = json.loads(message["body"])
        self.received = time.monotonic()

    def as_json(self):
        return dict(topic=self.topic, job=self.header["job"], sequence=self.header["sequence"], body=self.body)


class EventStream:
    """A SUB socket on the monitor's XPUB, subscribed to topic prefixes. The bus answers every
    subscription with the cached last value of each topic under the prefix (§5.5.1), then
    forwards live events."""

    def __init__(self, xpub_endpoint, topics, context=None):
        self.context = context or zmq.Context.instance()
        self.socket = self.context.socket(zmq.SUB)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
        for t in topics:
            self.socket.setsockopt(zmq.SUBSCRIBE, t.encode())
        self.socket.connect(xpub_endpoint)
        self.malformed = 0

    def next(self, timeout_ms=1000):
        """The next well-formed EVENT, or None after `timeout_ms`."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.socket.poll(max(1, int(left * 1000)), zmq.POLLIN):
                return None
            frames = self.socket.recv_multipart()
            try:
                m = wc.decode_message(frames)
                if m["command"] != "EVENT":
                    raise wc.WireError(400, "not an EVENT")
                return Event(m)
            except (wc.WireError, ValueError):
                self.malformed += 1

    def collect(self, duration_s, until=None):
        """Events received for up to `duration_s`, stopping early once `until(events)` holds."""
        events, deadline = [], time.monotonic() + duration_s
        while time.monotonic() < deadline and not (until and until(events)):
            e = self.next(int(max(1, (deadline - time.monotonic()) * 1000)))
            if e is not None:
                events.append(e)
        return events

    def close(self):
        self.socket.close(linger=0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ---------------------------------------------------------------- catalog methods (Appendix B)

def submit_job(client, job_type, parameters, inputs=None, alias=None, key=None):
    """`job.submit`; returns (job id, task count)."""
    args = {"type": job_type, "parameters": parameters}
    if inputs:
        args["inputs"] = inputs
    if alias:
        args["alias"] = alias
    r = client.request("job.submit", args, key=key).result
    return r["job"], r.get("tasks", 0)


def job_get(client, job):
    """`job.get`: the job object with parameters, error and outputs."""
    return client.request("job.get", {"job": job}).result["job"]


def wait_for_job(client, job, timeout_s=20, events=None, poll_s=0.2):
    """Polls `job.get` until the job is final (the ledger is the record, §13); meanwhile reads
    `events` (an EventStream) and returns (job object, [Event]). When the job is final it keeps
    reading for up to 2 s until the stream has shown the final `job.<id>.state`."""
    seen, deadline, final_at, j = [], time.monotonic() + timeout_s, None, None
    state_topic = f"job.{job}.state"
    while time.monotonic() < deadline:
        if final_at is None:
            j = job_get(client, job)
            if j["status"] in FINAL_STATES:
                final_at = time.monotonic()
        if final_at is not None:
            if events is None or any(e.topic == state_topic and e.body.get("state") == j["status"] for e in seen):
                return j, seen
            if time.monotonic() - final_at > 2:
                return j, seen
        if events is not None:
            seen += events.collect(poll_s)
        else:
            time.sleep(poll_s)
    return j or job_get(client, job), seen


def get_star_table(client, path):
    """`star.get`: the STAR file's text (zstd payload decoded, size and CRC-32 checked)."""
    tables = client.request("star.get", {"path": path}).star_tables()
    if len(tables) != 1:
        raise wc.WireError(400, f"star.get {path}: {len(tables)} STAR payloads")
    return tables[0][1]


def parse_star(text):
    """{block name: dict or pandas.DataFrame} by `starfile` (which reads files, so via a temp file)."""
    with tempfile.NamedTemporaryFile("w", suffix=".star", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        return starfile.read(f.name, always_dict=True)
    finally:
        os.unlink(f.name)


def error_code(call):
    """The code of the RequestError `call()` raises, or None when it succeeds."""
    try:
        call()
    except RequestError as e:
        return e.code
    return None


# ---------------------------------------------------------------- the scenario the Swift test runs

def scenario(a):
    out = {}
    client = Client(a.catalog, timeout_ms=3000)
    deadline = time.monotonic() + a.timeout

    # The bus is up: its own liveness topic is always cached, so subscribing is a ping (§5.5.1).
    with EventStream(a.events, ["service."]) as ping:
        out["bus_alive"] = any(e.topic.endswith(".liveness") for e in ping.collect(3, until=lambda es: es))

    tomograms = a.tomograms
    if a.import_tomograms:
        key = new_key()
        first = client.request("project.import", {"tomograms": a.import_tomograms}, key=key).result
        again = client.request("project.import", {"tomograms": a.import_tomograms}, key=key).result
        out["import"] = dict(job=first["job"], tilt_images=first["tilt_images"], repeat_job=again["job"])
        tomograms = next(p for p in first["outputs"] if p.endswith("tomograms.star"))

    job, tasks = submit_job(client, "sta.tilestats", {"tomograms": tomograms, "box": a.box, "delay_ms": a.delay_ms})
    out.update(job=job, tasks=tasks)

    # Live: subscribe to the job's subtree right after submitting.
    with EventStream(a.events, [f"job.{job}."]) as live:
        j, events = wait_for_job(client, job, timeout_s=max(1, deadline - time.monotonic()), events=live)
    out["state"] = j["status"]
    out["progress"] = j["progress"]
    progress = [e for e in events if e.topic == f"job.{job}.progress"]
    out["live"] = dict(states=[e.body["state"] for e in events if e.topic == f"job.{job}.state"],
                       progress_events=len(progress), progress_done=[e.body["done"] for e in progress],
                       other=sorted({e.topic for e in events} - {f"job.{job}.state", f"job.{job}.progress"}))

    # Late: the job is over, so only the bus's last-value cache can answer this subscription.
    with EventStream(a.events, [f"job.{job}."]) as late:
        got = late.collect(3, until=lambda es: {e.topic for e in es} >= {f"job.{job}.state", f"job.{job}.progress"})
    out["late"] = [e.as_json() for e in got]

    # The output table, through star.get, parsed by starfile.
    out["outputs"] = j["outputs"]
    text = get_star_table(client, j["outputs"][0])
    blocks = parse_star(text)
    tiles, summary = blocks["tiles"], blocks["tilestats"]
    out["star"] = dict(blocks=sorted(blocks), rows=len(tiles), bytes=len(text.encode()),
                       task_ids=[int(x) for x in tiles["staTaskId"]],
                       first_sum=float(tiles["staSum"].iloc[0]), first_image=str(tiles["staImageName"].iloc[0]),
                       first_box=[str(tiles["staBoxX"].iloc[0]), str(tiles["staBoxY"].iloc[0])],
                       tile_count=int(summary["staTileCount"]), sum=float(summary["staSum"]),
                       crc32=int(summary["staCrc32"]), maximum=float(summary["staMaximum"]))

    # The first tile again, through tile.get; its sum in binary64, element order (Appendix B.1).
    x0, x1 = (int(v) for v in out["star"]["first_box"][0].split("-"))
    y0, y1 = (int(v) for v in out["star"]["first_box"][1].split("-"))
    section = int(tiles["staSection"].iloc[0])
    r = client.request("tile.get", {"path": out["star"]["first_image"],
                                    "box": {"x": [x0, x1], "y": [y0, y1], "z": [section, section + 1]}})
    (_, values), = r.tiles()
    total = 0.0
    for v in values.ravel():
        total += float(v)
    out["tile_get"] = dict(shape=list(values.shape), sum=total)

    # Refusals (§8, §5.6, Appendix B); another major on its own socket, which the catalog disconnects.
    with Client(a.catalog, timeout_ms=2000, retries=0) as other:
        wrong_major = error_code(lambda: other.request("job.list", {}, major=2))
    out["errors"] = {
        "wrong_major": wrong_major,
        "unknown_method": error_code(lambda: client.request("job.frobnicate", {})),
        "submit_without_key": error_code(lambda: client.request("job.submit", {"type": "sta.tilestats"}, key=bytes(16))),
        "unknown_job": error_code(lambda: job_get(client, 9999)),
        "star_outside_project": error_code(lambda: get_star_table(client, "../etc/passwd.star")),
    }
    client.close()
    return out


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scenario", help="import, submit, follow, fetch; print a JSON summary")
    s.add_argument("--catalog", required=True, help="the catalog's ROUTER endpoint")
    s.add_argument("--events", required=True, help="the monitor's XPUB endpoint")
    s.add_argument("--import-tomograms", help="project-relative tomograms.star to import with project.import")
    s.add_argument("--tomograms", default="Import/job001/tomograms.star", help="an imported tomograms.star")
    s.add_argument("--box", type=int, default=16)
    s.add_argument("--delay-ms", type=int, default=25)
    s.add_argument("--timeout", type=float, default=20)
    a = p.parse_args(argv)
    print(json.dumps(scenario(a)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
