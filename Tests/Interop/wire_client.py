"""STAW 1.0 client codec, written from docs/protocol.md alone (struct + zstandard + numpy).

Encodes and decodes headers, every command's body, tiles and STAR tables. Used by
TomoWireTests (InteropWireTests) to check the Swift encoder against the document:

    python wire_client.py check-doc docs/protocol.md   # decode + re-encode every golden example
    python wire_client.py make-tiles                   # frames of a TASK with Python-encoded tiles

Both print one JSON object on stdout. Later, with services running, `pyzmq` sockets send the
frames that `encode_message` returns (a DEALER to the catalog, a SUB to the monitor's bus).
"""
import json
import re
import struct
import sys
import zlib

import numpy as np
import zstandard

SIGNATURE = b"STAW"
MAJOR, MINOR = 1, 0
HEADER = struct.Struct("<4sBBBBQIIQ16sHHI")          # §4.1, 56 bytes
TILE_DESCRIPTOR = struct.Struct("<BBBBIIIdQQII")      # §7.1, 48 bytes
STAR_DESCRIPTOR = struct.Struct("<BBHIQI")            # §7.3, 20 bytes + name

COMMANDS = {1: "READY", 2: "TASK", 3: "RESULT", 4: "HEARTBEAT", 5: "EVENT",
            6: "REQUEST", 7: "REPLY", 8: "ERROR", 9: "DISCONNECT"}
COMMAND_BYTES = {v: k for k, v in COMMANDS.items()}
WITH_PAYLOADS = {"TASK", "RESULT", "REQUEST", "REPLY"}

# §7.4
MAX_TILE = 256 << 20
MAX_STAR = 64 << 20
MAX_MESSAGE = 512 << 20
MAX_BODY = 1 << 20
MAX_PAYLOAD_FRAMES = 2048

DTYPES = {1: "<f4", 2: "<f2"}
RAW, ZSTD, SHUFFLE_ZSTD = 0, 1, 2

# §5: body fields in order. Types: u8 u16 u32 str strs pad<n> renewals.
BODIES = {
    "READY": [("credit", "u32"), ("service", "str"), ("worker_id", "str"), ("capabilities", "strs")],
    "TASK": [("lease_ms", "u32"), ("operation", "str"), ("parameters", "str")],
    "RESULT": [("status", "u8"), (None, "pad3"), ("compute_ms", "u32"), ("summary", "str")],
    "HEARTBEAT": [("credit", "u32"), ("renewals", "renewals")],
    "REQUEST": [("method", "str"), ("arguments", "str")],
    "REPLY": [("method", "str"), ("result", "str")],
    "ERROR": [("code", "u16"), ("offending_command", "u8"), (None, "pad1"), ("message", "str")],
    "DISCONNECT": [("reason", "str")],
}
RENEWAL = struct.Struct("<QIQI")
TOPIC = re.compile(rb"^[a-z0-9._-]{1,255}$")


class WireError(Exception):
    """A refused message: `code` from §11 and where it went wrong."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


# ---------------------------------------------------------------- header

def encode_header(command, job=0, iteration=0, attempt=0, task=0, key=bytes(16),
                  payload_frames=0, sequence=0, flags=0, minor=MINOR):
    return HEADER.pack(SIGNATURE, MAJOR, COMMAND_BYTES[command], minor, flags, job, iteration,
                       attempt, task, key, payload_frames, 0, sequence)


def decode_header(frame, index=0):
    if frame[:4] != SIGNATURE:
        raise WireError(400, f"frame {index}: no signature")
    if len(frame) < 5 or frame[4] != MAJOR:
        raise WireError(426, f"frame {index} byte 4: major {frame[4] if len(frame) > 4 else None}")
    if len(frame) < HEADER.size:
        raise WireError(400, f"frame {index}: header is {len(frame)} bytes, needs {HEADER.size}")
    (_, _, command, minor, flags, job, iteration, attempt, task, key,
     payload_frames, _, sequence) = HEADER.unpack_from(frame)     # trailing bytes ignored
    if command not in COMMANDS:
        raise WireError(400, f"frame {index} byte 5: unknown command {command:#x}")
    return dict(command=COMMANDS[command], minor=minor, flags=flags, job=job, iteration=iteration,
                attempt=attempt, task=task, key=key, payload_frames=payload_frames, sequence=sequence)


# ---------------------------------------------------------------- bodies (§6)

class _Reader:
    def __init__(self, data, index):
        self.data, self.index, self.off = data, index, 0

    def take(self, n, what):
        if n > len(self.data) - self.off:
            raise WireError(400, f"frame {self.index} byte {self.off}: {what} needs {n} bytes")
        b = self.data[self.off:self.off + n]
        self.off += n
        return b

    def u(self, fmt, what):
        s = struct.Struct("<" + fmt)
        return s.unpack(self.take(s.size, what))[0]

    def str(self, what):
        n = self.u("I", what + " length")
        try:
            return self.take(n, what).decode("utf-8")
        except UnicodeDecodeError:
            raise WireError(400, f"frame {self.index}: {what} is not UTF-8")


def _s(text):
    b = text.encode("utf-8")
    return struct.pack("<I", len(b)) + b


def encode_body(command, body):
    out = b""
    for name, kind in BODIES[command]:
        v = body.get(name) if name else None
        if kind == "u8":
            out += struct.pack("<B", v)
        elif kind == "u16":
            out += struct.pack("<H", v)
        elif kind == "u32":
            out += struct.pack("<I", v)
        elif kind.startswith("pad"):
            out += bytes(int(kind[3:]))
        elif kind == "str":
            out += _s(v)
        elif kind == "strs":
            out += struct.pack("<I", len(v)) + b"".join(_s(x) for x in v)
        elif kind == "renewals":
            out += struct.pack("<I", len(v)) + b"".join(
                RENEWAL.pack(r["job"], r["iteration"], r["task"], r["attempt"]) for r in v)
    return out


def decode_body(command, data, index=1):
    if len(data) > MAX_BODY:
        raise WireError(413, f"frame {index}: body is {len(data)} bytes")
    r, body = _Reader(data, index), {}
    for name, kind in BODIES[command]:
        if kind == "u8":
            v = r.u("B", name)
        elif kind == "u16":
            v = r.u("H", name)
        elif kind == "u32":
            v = r.u("I", name)
        elif kind.startswith("pad"):
            r.take(int(kind[3:]), "reserved")
            continue
        elif kind == "str":
            v = r.str(name)
        elif kind == "strs":
            v = [r.str(name) for _ in range(r.u("I", name + " count"))]
        elif kind == "renewals":
            n = r.u("I", "renewal count")
            if n * RENEWAL.size > len(data) - r.off:
                raise WireError(400, f"frame {index}: {n} renewals do not fit")
            v = [dict(zip(("job", "iteration", "task", "attempt"), RENEWAL.unpack(r.take(RENEWAL.size, "renewal"))))
                 for _ in range(n)]
        body[name] = v
    if command == "RESULT" and body["status"] not in (0, 1, 2):
        raise WireError(400, f"frame {index}: unknown result status {body['status']}")
    return body                                            # trailing bytes ignored


# ---------------------------------------------------------------- payloads (§7)

def _zstd_decompress(data, size, what):
    declared = zstandard.frame_content_size(data)
    if declared < 0:
        raise WireError(400, f"{what}: zstd frame has no content size")
    if declared != size:
        raise WireError(400, f"{what}: zstd frame declares {declared} bytes, descriptor {size}")
    try:
        return zstandard.ZstdDecompressor().decompress(data)   # verifies the content checksum
    except zstandard.ZstdError as e:
        raise WireError(400, f"{what}: {e}")


def _zstd_compress(data, level=3):
    return zstandard.ZstdCompressor(level=level, write_content_size=True, write_checksum=True).compress(data)


def shuffle(raw, size):
    return np.frombuffer(raw, np.uint8).reshape(-1, size).T.tobytes()


def unshuffle(raw, size):
    return np.frombuffer(raw, np.uint8).reshape(size, -1).T.tobytes()


def encode_tile(values, voxel_size, tile_id, dtype=1, encoding=SHUFFLE_ZSTD):
    """`values`: array of shape (nz, ny, nx) (x fastest). Returns (descriptor, data) frames."""
    values = np.asarray(values)
    nz, ny, nx = values.shape
    raw = values.astype(DTYPES[dtype]).tobytes()
    width = 4 if dtype == 1 else 2
    data = raw if encoding == RAW else _zstd_compress(shuffle(raw, width) if encoding == SHUFFLE_ZSTD else raw)
    desc = TILE_DESCRIPTOR.pack(1, dtype, encoding, 0, nx, ny, nz, voxel_size, tile_id, len(raw),
                                zlib.crc32(raw), 0)
    return desc, data


def decode_tile_descriptor(desc, index=0):
    if len(desc) < TILE_DESCRIPTOR.size:
        raise WireError(400, f"frame {index}: tile descriptor is {len(desc)} bytes")
    kind, dtype, enc, _, nx, ny, nz, voxel, tile_id, size, crc, _ = TILE_DESCRIPTOR.unpack_from(desc)
    if dtype not in DTYPES or enc not in (RAW, ZSTD, SHUFFLE_ZSTD):
        raise WireError(400, f"frame {index}: unknown dtype {dtype} or encoding {enc}")
    if not np.isfinite(voxel) or voxel < 0:
        raise WireError(400, f"frame {index}: voxel size {voxel}")
    if nx * ny * nz * (4 if dtype == 1 else 2) != size:
        raise WireError(400, f"frame {index}: byte count {size} does not match {nx}x{ny}x{nz}")
    if size > MAX_TILE:
        raise WireError(413, f"frame {index}: tile declares {size} bytes")
    return dict(kind="tile", dtype=dtype, encoding=enc, nx=nx, ny=ny, nz=nz, voxel_size=voxel,
                tile_id=tile_id, byte_count=size, crc32=crc)


def decode_tile(desc, data):
    """Returns (descriptor dict, array of shape (nz, ny, nx), float32)."""
    d = decode_tile_descriptor(desc)
    width = 4 if d["dtype"] == 1 else 2
    what = f"tile {d['tile_id']}"
    if d["encoding"] == RAW:
        raw = bytes(data)
    else:
        raw = _zstd_decompress(data, d["byte_count"], what)
        if d["encoding"] == SHUFFLE_ZSTD:
            raw = unshuffle(raw, width)
    if len(raw) != d["byte_count"]:
        raise WireError(400, f"{what}: {len(raw)} bytes, descriptor declares {d['byte_count']}")
    if zlib.crc32(raw) != d["crc32"]:
        raise WireError(400, f"{what}: CRC-32 mismatch")
    arr = np.frombuffer(raw, DTYPES[d["dtype"]]).astype(np.float32).reshape(d["nz"], d["ny"], d["nx"])
    return d, arr


def encode_star(text, name, encoding=ZSTD):
    raw = text.encode("utf-8")
    data = _zstd_compress(raw) if encoding == ZSTD else raw
    return STAR_DESCRIPTOR.pack(2, encoding, 0, zlib.crc32(raw), len(raw), len(name.encode())) + name.encode(), data


def decode_star_descriptor(desc, index=0):
    if len(desc) < STAR_DESCRIPTOR.size:
        raise WireError(400, f"frame {index}: STAR descriptor is {len(desc)} bytes")
    kind, enc, _, crc, size, name_len = STAR_DESCRIPTOR.unpack_from(desc)
    if enc not in (RAW, ZSTD):
        raise WireError(400, f"frame {index}: STAR encoding {enc}")
    if size > MAX_STAR:
        raise WireError(413, f"frame {index}: STAR table declares {size} bytes")
    name = desc[20:20 + name_len]
    if len(name) != name_len:
        raise WireError(400, f"frame {index}: name runs past the descriptor")
    return dict(kind="star", encoding=enc, crc32=crc, byte_count=size, name=name.decode("utf-8"))


def decode_star(desc, data):
    d = decode_star_descriptor(desc)
    raw = bytes(data) if d["encoding"] == RAW else _zstd_decompress(data, d["byte_count"], d["name"])
    if len(raw) != d["byte_count"] or zlib.crc32(raw) != d["crc32"]:
        raise WireError(400, f"STAR table {d['name']}: size or CRC-32 mismatch")
    return d, raw.decode("utf-8")


# ---------------------------------------------------------------- messages (§4, §5)

def encode_message(m):
    """`m`: dict with command, body, payloads (list of (descriptor, data)) and header fields."""
    payloads = m.get("payloads", [])
    header = encode_header(m["command"], m.get("job", 0), m.get("iteration", 0), m.get("attempt", 0),
                           m.get("task", 0), m.get("key", bytes(16)), 2 * len(payloads),
                           m.get("sequence", 0), m.get("flags", 0))
    if m["command"] == "EVENT":
        return [m["topic"].encode(), header, m["body"].encode("utf-8")]
    frames = [header, encode_body(m["command"], m["body"])]
    for desc, data in payloads:
        frames += [desc, data]
    return frames


def decode_message(frames):
    """Returns a dict (see `encode_message`); payloads stay encoded as (descriptor, data) pairs."""
    if not frames:
        raise WireError(400, "no frames")
    if sum(len(f) for f in frames) > MAX_MESSAGE:
        raise WireError(413, "message too large")
    hi = 0 if frames[0][:4] == SIGNATURE else 1
    if hi == 1 and (len(frames) < 2 or frames[1][:4] != SIGNATURE):
        raise WireError(400, "no header frame")
    h = decode_header(frames[hi], hi)
    if (hi == 1) != (h["command"] == "EVENT"):
        raise WireError(400, "only EVENT leads with a topic")
    n = h["payload_frames"]
    if len(frames) != hi + 2 + n or n % 2 or (n and h["command"] not in WITH_PAYLOADS):
        raise WireError(400, f"{h['command']}: {len(frames)} frames, header declares {n} payload frames")
    if n > MAX_PAYLOAD_FRAMES:
        raise WireError(413, f"{n} payload frames")
    m = dict(h)
    del m["payload_frames"]
    if h["command"] == "EVENT":
        if not TOPIC.match(frames[0]):
            raise WireError(400, "bad topic")
        m["topic"] = frames[0].decode()
        m["body"] = frames[2].decode("utf-8")
        return m
    m["body"] = decode_body(h["command"], frames[1])
    m["payloads"], declared = [], 0
    for i in range(2, len(frames), 2):
        desc, data = frames[i], frames[i + 1]
        if not desc or desc[0] not in (1, 2):
            raise WireError(400, f"frame {i}: unknown payload kind")
        d = decode_tile_descriptor(desc, i) if desc[0] == 1 else decode_star_descriptor(desc, i)
        if d["encoding"] == RAW and len(data) != d["byte_count"]:
            raise WireError(400, f"frame {i + 1}: raw data is {len(data)} bytes")
        declared += d["byte_count"]
        if declared > MAX_MESSAGE:
            raise WireError(413, "payloads declare too many bytes")
        m["payloads"].append((bytes(desc), bytes(data)))
    return m


# ---------------------------------------------------------------- appendix A and the CLI

def golden_examples(doc_text):
    """{name: [frame bytes, …]} from the ```hex name=… frame=…``` blocks of the document."""
    out = {}
    for name, frame, body in re.findall(r"```hex name=(\S+) frame=(\d+)\n(.*?)```", doc_text, re.S):
        out.setdefault(name, {})[int(frame)] = bytes.fromhex(body)
    return {k: [v[i] for i in sorted(v)] for k, v in out.items()}


def _describe(m):
    """A JSON-friendly summary of a decoded message, with payload contents decoded."""
    s = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in m.items() if k != "payloads"}
    s["payloads"] = []
    for desc, data in m.get("payloads", []):
        if desc[0] == 1:
            d, arr = decode_tile(desc, data)
            s["payloads"].append(dict(d, values=[float(x) for x in arr.ravel()]))
        else:
            d, text = decode_star(desc, data)
            s["payloads"].append(dict(d, text=text))
    return s


def check_doc(path):
    with open(path, encoding="utf-8") as f:
        examples = golden_examples(f.read())
    report = {}
    for name, frames in examples.items():
        m = decode_message(frames)
        report[name] = dict(_describe(m), roundtrip=encode_message(m) == frames)
    return report


def make_tiles():
    """A TASK with two Python-encoded tiles: float32 shuffle+zstd 5×4×3 and float16 raw 3×2×2
    (value at (x, y, z) = x − 2y + 0.25z, exact in both types)."""
    def tile(nx, ny, nz):
        z, y, x = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
        return (x - 2.0 * y + 0.25 * z).astype(np.float32)
    payloads = [encode_tile(tile(5, 4, 3), 2.7, 77, dtype=1, encoding=SHUFFLE_ZSTD),
                encode_tile(tile(3, 2, 2), 1.35, 78, dtype=2, encoding=RAW)]
    frames = encode_message(dict(command="TASK", job=9, iteration=1, attempt=2, task=5, sequence=11,
                                 key=bytes(range(16, 32)), payloads=payloads,
                                 body=dict(lease_ms=30000, operation="align.local", parameters="{}")))
    return dict(frames=[f.hex() for f in frames])


def main(argv):
    if argv[:1] == ["check-doc"]:
        print(json.dumps(check_doc(argv[1])))
    elif argv[:1] == ["make-tiles"]:
        print(json.dumps(make_tiles()))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
