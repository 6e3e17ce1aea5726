#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
The container.*, k8s.* and proc.is_container_* fields against the JSON of
the container records a capture holds, read here with Python's json module.

usage: container_json.py expect DIR ID FIELDS...
    prints, for the record DIR/ID.json (written by records), each field's
    value (or <NA>) as current Falco libraries derive it, tab-separated
usage: container_json.py records IN.scap DIR
    writes the JSON of each container record of capture IN to DIR/ID.json
usage: container_json.py rewrite IN.scap OUT.scap ID JSON_FILE
    copies capture IN, with the JSON of the record of container ID
    replaced by the contents of JSON_FILE
"""
import fnmatch
import gzip
import json
import os
import struct
import sys

TYPES = {0: "docker", 1: "lxc", 2: "libvirt-lxc", 3: "mesos", 4: "rkt", 6: "cri",
         7: "containerd", 8: "cri-o", 9: "bpm", 11: "podman"}
PROBES = {"container.healthcheck": "Healthcheck", "container.liveness_probe": "LivenessProbe",
          "container.readiness_probe": "ReadinessProbe"}
K8S_LABELS = {"k8s.pod.name": "io.kubernetes.pod.name",
              "k8s.ns.name": "io.kubernetes.pod.namespace",
              "k8s.pod.uid": "io.kubernetes.pod.uid", "k8s.pod.id": "io.kubernetes.pod.uid"}
NA = None


def s(c, key):
    v = c.get(key)
    return v if isinstance(v, str) else ""


def b(v):
    return "true" if v else "false"


def truthy(v):
    return v is True or (isinstance(v, (int, float)) and not isinstance(v, bool) and v != 0)


def labels(c, key):
    v = c.get(key)
    return {k: x for k, x in v.items() if isinstance(x, str)} if isinstance(v, dict) else {}


def joined(lab):
    out = []
    for k in sorted(lab):
        if k.startswith("annotation.") or k.startswith("io.kubernetes."):
            continue
        out.append(k + (":" + lab[k] if lab[k] else ""))
    return ", ".join(out)


def mounts(c):
    out = []
    for m in c.get("Mounts") or []:
        if isinstance(m, dict):
            out.append({k: s(m, k) for k in ("Source", "Destination", "Mode", "Propagation")})
            out[-1]["RW"] = truthy(m.get("RW"))
    return out


def mount_str(m):
    return ":".join([m["Source"], m["Destination"], m["Mode"], b(m["RW"]), m["Propagation"]])


def find_mount(c, arg, by_dest):
    ms = mounts(c)
    if arg.isdigit():
        i = int(arg)
        return ms[i] if i < len(ms) else None
    for m in ms:
        if fnmatch.fnmatchcase(m["Destination"] if by_dest else m["Source"], arg):
            return m
    return None


def value(c, field, others):
    """
    The value of field for a thread of container c (a record's "container"
    object); others: the containers of the capture's records, by id.
    """
    name, _, arg = field.partition("[")
    arg = arg.rstrip("]")
    ctype = c.get("type") if isinstance(c.get("type"), int) else -1
    if name == "container.type":
        return TYPES.get(ctype)
    if name in ("container.image.id", "container.image.repository", "container.image.tag",
                "container.image.digest"):
        key = {"id": "imageid", "repository": "imagerepo", "tag": "imagetag",
               "digest": "imagedigest"}[name.split(".")[-1]]
        return s(c, key) or NA
    if name in ("container.privileged", "container.host_pid", "container.host_network",
                "container.host_ipc"):
        if ctype not in (0, 6, 7, 8, 11):
            return NA
        return b(truthy(c.get(name.split(".")[1])))
    if name == "container.mounts":
        return ",".join(mount_str(m) for m in mounts(c))
    if name.startswith("container.mount"):
        part = name[len("container.mount."):] if name != "container.mount" else ""
        m = find_mount(c, arg, part == "source")
        if m is None:
            return NA
        return {"": mount_str(m), "source": m["Source"], "dest": m["Destination"],
                "mode": m["Mode"], "rdwr": b(m["RW"]), "propagation": m["Propagation"]}[part]
    if name in PROBES:
        p = c.get(PROBES[name])
        if not isinstance(p, dict) or not isinstance(p.get("exe"), str):
            return "NONE"
        args = p.get("args") if isinstance(p.get("args"), list) else []
        return " ".join([p["exe"]] + [a for a in args if isinstance(a, str)])
    if name == "container.ip":
        return s(c, "ip") or "0.0.0.0"
    if name in ("container.cni.json",):
        return s(c, "cni_json")
    if name == "container.full_id":
        return s(c, "full_id") or NA
    if name == "container.label":
        return labels(c, "labels").get(arg)
    if name == "container.labels":
        return joined(labels(c, "labels"))
    if name in K8S_LABELS:
        return labels(c, "labels").get(K8S_LABELS[name]) or NA
    if name == "k8s.pod.sandbox_id":
        return s(c, "pod_sandbox_id")[:12] or NA
    if name == "k8s.pod.full_sandbox_id":
        return s(c, "pod_sandbox_id") or NA
    # the pod's own facts: in the record if it holds the pod's CNI result,
    # else in the record of the pod's sandbox container, if any
    pod = c if s(c, "cni_json") else others.get(s(c, "pod_sandbox_id")[:12] or None)
    if name == "k8s.pod.label":
        v = labels(pod, "pod_sandbox_labels").get(arg) if pod else None
        return v if v is not None else labels(c, "pod_sandbox_labels").get(arg)
    if name == "k8s.pod.labels":
        return joined(labels(pod or c, "pod_sandbox_labels"))
    if name == "k8s.pod.ip":
        return value(pod, "container.ip", others) if pod else NA
    if name == "k8s.pod.cni.json":
        return s(pod, "cni_json") if pod else NA
    raise SystemExit("container_json.py: no rule for " + field)


def expect(recs, cid, fields):
    others = {}
    for f in os.listdir(recs):
        with open(os.path.join(recs, f), "rb") as fp:
            others[f[:-len(".json")]] = json.loads(fp.read())["container"]
    c = others[cid]
    print("\t".join("<NA>" if (v := value(c, f, others)) is None else printable(v)
                    for f in fields))


def printable(v):
    """The text as output shows it: without bytes that are not printable ASCII."""
    return "".join(ch for ch in v if " " <= ch < "\x7f")


def read_capture(path):
    data = open(path, "rb").read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def blocks(data):
    """Each block: (offset, type, bytes, record) with record (header, width, JSON) or None."""
    off = 0
    while off + 8 <= len(data):
        btype, blen = struct.unpack_from("<II", data, off)
        if blen < 12 or off + blen > len(data):
            raise SystemExit("container_json.py: bad block at %d" % off)
        block = data[off:off + blen]
        pre = {0x216: 2, 0x221: 2, 0x217: 6, 0x222: 6}.get(btype)
        rec = None
        if pre is not None and blen >= 8 + pre + 26:
            hdr = struct.unpack_from("<QQIHI", block, 8 + pre)
            body = block[8 + pre + 26:8 + pre + hdr[2]]
            width = 4 if hdr[3] == 324 else 2
            if hdr[3] in (272, 324) and hdr[4] == 1:
                plen = int.from_bytes(body[:width], "little")
                rec = (pre, hdr, width, body[width:width + plen].rstrip(b"\0"))
        yield block, rec
        off += blen


def record_id(js):
    try:
        return json.loads(js)["container"]["id"]
    except (ValueError, KeyError, TypeError):
        return None


def records(src, outdir):
    for _, rec in blocks(read_capture(src)):
        if rec and record_id(rec[3]):
            with open("%s/%s.json" % (outdir, record_id(rec[3])), "wb") as f:
                f.write(rec[3])


def rewrite(src, dst, cid, path):
    with open(path, "rb") as f:
        new = f.read().rstrip(b"\n") + b"\0"
    out = bytearray()
    done = False
    for block, rec in blocks(read_capture(src)):
        if rec and not done and record_id(rec[3]) == cid:
            pre, (ts, tid, _, etype, _), width, _ = rec
            if width == 2 and len(new) > 65000:
                raise SystemExit("container_json.py: JSON too long")
            elen = 26 + width + len(new)
            event = struct.pack("<QQIHI", ts, tid, elen, etype, 1) + \
                len(new).to_bytes(width, "little") + new
            pad = (-(pre + elen)) % 4
            total = 8 + pre + elen + pad + 4
            block = block[:4] + struct.pack("<I", total) + block[8:8 + pre] + event + \
                b"\0" * pad + struct.pack("<I", total)
            done = True
        out += block
    if not done:
        raise SystemExit("container_json.py: no record of container " + cid)
    open(dst, "wb").write(out)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "expect":
        expect(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif len(sys.argv) == 4 and sys.argv[1] == "records":
        records(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "rewrite":
        rewrite(*sys.argv[2:])
    else:
        raise SystemExit(__doc__)
