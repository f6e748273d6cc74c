#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The Wireshark dissector (tools/wireshark/mctp.lua) on crafted packets:
every field of the transport header, control commands and their responses,
PLDM, NVMe-MI and NC-SI headers, reassembly in and out of order, and
garbage (short packets, truncated headers, orphan fragments, a wrong
header version, random bytes), decoded by tshark. Garbage must be marked,
never crash the dissector or stop the decoding of the packets after it.

    check-dissector.py DISSECTOR TSHARK
"""
import os
import random
import struct
import subprocess
import sys
import tempfile

lua, tshark = sys.argv[1], sys.argv[2]
passed = failed = 0


def result(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {what}")
    else:
        failed += 1
        print(f"FAIL - {what}{': ' + detail if detail else ''}")


def mctp(dst, src, som, eom, seq, to, tag, body, ver=1):
    flags = (0x80 if som else 0) | (0x40 if eom else 0) | (seq << 4) | (0x08 if to else 0) | tag
    return bytes([ver, dst, src, flags]) + body


def write_pcap(path, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 113))
        for i, p in enumerate(packets):
            # Linux cooked capture: outgoing, ARPHRD_MCTP (290), a 1-byte
            # link-layer address, protocol ETH_P_MCTP (0x00fa)
            d = struct.pack(">HHH8sH", 4, 290, 1, b"\x10" + bytes(7), 0x00FA) + p
            f.write(struct.pack("<IIII", 1000 + i, 0, len(d), len(d)) + d)


FIELDS = ["frame.number", "mctp.ver", "mctp.src", "mctp.dst", "mctp.som", "mctp.eom",
          "mctp.seq", "mctp.to", "mctp.tag", "mctp.type", "mctp.ctrl.cmd", "mctp.ctrl.cc",
          "mctp.ctrl.eid", "mctp.ctrl.uuid", "mctp.fragment", "mctp.reassembled.length",
          "mctp.pldm.type", "mctp.pldm.cmd", "mctp.pldm.cc", "mctp.nvme_mi.nmimt",
          "mctp.nvme_mi.opcode", "mctp.nvme_mi.mic", "_ws.expert.message", "_ws.col.Info"]


def decode(path):
    args = [tshark, "-n", "-r", path, "-X", f"lua_script:{lua}", "-T", "fields",
            "-E", "separator=\t", "-E", "occurrence=f"]
    for f in FIELDS:
        args += ["-e", f]
    p = subprocess.run(args, capture_output=True, text=True)
    errors = [l for l in p.stderr.splitlines() if l and not l.startswith("Running as user")]
    rows = {}
    for line in p.stdout.splitlines():
        v = dict(zip(FIELDS, line.split("\t")))
        rows[int(v["frame.number"])] = v
    return rows, errors, p.returncode


packets = []
expect = []  # (frame, field, value, what)


def add(pkt, checks=(), what=""):
    packets.append(pkt)
    n = len(packets)
    for field, value in checks:
        expect.append((n, field, value, what or f"frame {n}"))
    return n


uuid = bytes(range(0x10, 0x20))
add(mctp(9, 8, 1, 1, 0, 1, 1, bytes([0x00, 0x81, 0x02])),
    [("mctp.src", "8"), ("mctp.dst", "9"), ("mctp.to", "1"), ("mctp.tag", "1"),
     ("mctp.type", "0x00"), ("mctp.ctrl.cmd", "0x02")], "Get Endpoint ID request")
add(mctp(8, 9, 1, 1, 0, 0, 1, bytes([0x00, 0x01, 0x02, 0x00, 9, 0x01, 0x00])),
    [("mctp.ctrl.cc", "0x00"), ("mctp.ctrl.eid", "9"), ("mctp.to", "0")],
    "Get Endpoint ID response")
add(mctp(8, 9, 1, 1, 0, 0, 3, bytes([0x00, 0x03, 0x03, 0x00]) + uuid),
    [("mctp.ctrl.uuid", "10111213-1415-1617-1819-1a1b1c1d1e1f")], "Get Endpoint UUID response")
add(mctp(8, 9, 1, 1, 0, 0, 2, bytes([0x00, 0x02, 0x01, 0x05])),
    [("mctp.ctrl.cc", "0x05")], "Set Endpoint ID response: unsupported command")
# PLDM GetPDR request in three packets (sequence 1, 2, 3), then a response
body = bytes([0x01, 0x80, 0x02, 0x51]) + bytes(range(40))
add(mctp(9, 8, 1, 0, 1, 1, 4, body[:16]), [("mctp.fragment", "1"), ("mctp.pldm.cmd", "0x51")],
    "PLDM first fragment: headers decoded")
add(mctp(9, 8, 0, 0, 2, 1, 4, body[16:32]), [("mctp.fragment", "2")], "PLDM middle fragment")
add(mctp(9, 8, 0, 1, 3, 1, 4, body[32:]),
    [("mctp.fragment", "3"), ("mctp.reassembled.length", "44"), ("mctp.pldm.type", "0x02"),
     ("mctp.pldm.cmd", "0x51")], "PLDM message reassembled at its last packet")
add(mctp(8, 9, 1, 1, 0, 0, 4, bytes([0x01, 0x00, 0x02, 0x51, 0x00, 1, 2])),
    [("mctp.pldm.cc", "0x00")], "PLDM response completion code")
# NVMe-MI: a health poll with a message integrity check
add(mctp(9, 8, 1, 1, 0, 1, 5, bytes([0x84, 0x08, 0, 0, 0x01, 0, 0, 0, 0xEF, 0xBE, 0xAD, 0xDE])),
    [("mctp.nvme_mi.nmimt", "1"), ("mctp.nvme_mi.opcode", "0x01"),
     ("mctp.nvme_mi.mic", "0xdeadbeef")], "NVMe-MI command with MIC")
# NC-SI over MCTP: a Get Version ID command (handed on to Wireshark's NC-SI)
add(mctp(9, 8, 1, 1, 0, 1, 6, bytes([0x02, 0x00, 0x01, 0x00, 0x07, 0x15, 0x00, 0x00, 0x00]
                                     + [0] * 12)),
    [("mctp.type", "0x02")], "NC-SI message")
# interleaved flows: two tags at once, both reassembled
a = bytes([0x7F]) + bytes(100)
b = bytes([0x7E]) + bytes(range(80))
add(mctp(9, 8, 1, 0, 0, 1, 0, a[:64]))
add(mctp(9, 8, 1, 0, 0, 1, 7, b[:64]))
add(mctp(9, 8, 0, 1, 1, 1, 0, a[64:]), [("mctp.reassembled.length", "101")], "interleaved flow A")
add(mctp(9, 8, 0, 1, 1, 1, 7, b[64:]), [("mctp.reassembled.length", "81")], "interleaved flow B")
# garbage
add(mctp(9, 8, 0, 1, 1, 1, 2, b"xyz"), [("mctp.fragment", "0")], "orphan fragment marked")
add(mctp(9, 8, 1, 0, 0, 1, 3, b"\x00\x81"))
add(mctp(9, 8, 0, 1, 2, 1, 3, b"\x02"), [("mctp.fragment", "0"), ("mctp.reassembled.length", "")],
    "out-of-sequence fragment not reassembled")
add(mctp(8, 9, 1, 1, 0, 0, 1, bytes([0x00, 0x01, 0x02])), [("mctp.ctrl.cmd", "0x02")],
    "control response without completion code")
add(mctp(9, 8, 1, 1, 0, 1, 1, bytes([0x00])), [("mctp.type", "0x00")], "control type only")
add(mctp(9, 8, 1, 1, 0, 1, 1, bytes([0x01, 0x80])), [("mctp.type", "0x01")], "truncated PLDM")
add(mctp(9, 8, 1, 1, 0, 1, 1, bytes([0x04])), [("mctp.type", "0x04")], "NVMe-MI type only")
add(mctp(9, 8, 1, 1, 0, 1, 1, b"", ver=3), [("mctp.ver", "3")], "wrong header version")
add(b"\x01\x09", [], "shorter than the transport header")
rng = random.Random(1)
for _ in range(200):
    add(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 80))))
last = add(mctp(9, 8, 1, 1, 0, 1, 2, bytes([0x00, 0x82, 0x05])),
           [("mctp.ctrl.cmd", "0x05")], "a good packet after 200 random ones")

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "crafted.pcap")
    write_pcap(path, packets)
    rows, errors, rc = decode(path)
    result(rc == 0, "tshark exit status", str(rc))
    result(not errors, "no Lua or tshark errors", "; ".join(errors[:5]))
    result(len(rows) == len(packets), f"every one of {len(packets)} packets decoded",
           f"{len(rows)} rows")
    for frame, field, value, what in expect:
        got = rows.get(frame, {}).get(field)
        result(got == value, f"{what}: {field} = {value!r}", f"got {got!r}")
    msgs = " ".join(rows.get(n, {}).get("_ws.expert.message", "") for n in range(1, len(packets) + 1))
    for m in ("fragment without a start or out of sequence", "unknown MCTP header version",
              "response without a completion code", "PLDM message shorter than its header"):
        result(m in msgs, f"expert info: {m}")

print(f"check-dissector: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
