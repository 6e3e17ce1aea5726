#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""DNS on 127.0.0.1 for the live DNS test.

dnsd.py serve PORT COUNT: a server on UDP and TCP, answering COUNT queries
from a fixed zone with name compression, as real servers do, then exiting.
Over UDP it reads the queries waiting with one recvmmsg and answers them
with one sendmmsg, as busy servers do. The zone:
  www.example.test  A     -> CNAME web.example.test, A 192.0.2.10, A 192.0.2.11
  www.example.test  AAAA  -> CNAME web.example.test, AAAA 2001:db8::10
  anything else           -> NXDOMAIN
dnsd.py ask PORT NAME TYPE: a UDP query (sendto, recvfrom), as a stub
resolver sends it; prints the answer's rcode and answer count."""
import ctypes
import random
import socket
import struct
import sys
import threading

ZONE_TTL = 300


def read_question(msg):
    """The question's name labels and the offset past its type and class."""
    labels, off = [], 12
    while msg[off]:
        n = msg[off]
        labels.append(msg[off + 1:off + 1 + n])
        off += 1 + n
    qtype, = struct.unpack('!H', msg[off + 1:off + 3])
    return b'.'.join(labels).decode().lower(), qtype, off + 5


def rr(name_ptr, rtype, rdata):
    return struct.pack('!HHHIH', name_ptr, rtype, 1, ZONE_TTL, len(rdata)) + rdata


def answer(query):
    qid, flags = struct.unpack('!HH', query[:4])
    name, qtype, end = read_question(query)
    question = query[12:end]
    answers, rcode = [], 0
    if name == 'www.example.test' and qtype in (1, 28):
        # the CNAME's target: "web" then a pointer to "example.test" in the question
        cname = b'\x03web' + struct.pack('!H', 0xC000 | 16)
        answers.append(rr(0xC00C, 5, cname))
        target = 0xC000 | (12 + len(question) + 12)  # the CNAME's rdata
        if qtype == 1:
            answers += [rr(target, 1, socket.inet_aton(a)) for a in ('192.0.2.10', '192.0.2.11')]
        else:
            answers.append(rr(target, 28, socket.inet_pton(socket.AF_INET6, '2001:db8::10')))
    else:
        rcode = 3
    flags = 0x8000 | (flags & 0x7900) | 0x0080 | 0x0400 | rcode
    head = struct.pack('!HHHHHH', qid, flags, 1, len(answers), 0, 0)
    return head + question + b''.join(answers)


class Iovec(ctypes.Structure):
    _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]


class Msghdr(ctypes.Structure):
    _fields_ = [('name', ctypes.c_void_p), ('namelen', ctypes.c_uint32),
                ('iov', ctypes.POINTER(Iovec)), ('iovlen', ctypes.c_size_t),
                ('control', ctypes.c_void_p), ('controllen', ctypes.c_size_t),
                ('flags', ctypes.c_int)]


class Mmsghdr(ctypes.Structure):
    _fields_ = [('hdr', Msghdr), ('len', ctypes.c_uint32)]


LIBC = ctypes.CDLL(None, use_errno=True)
MSG_WAITFORONE = 0x10000
BATCH = 8


def mmsg_vector(bufs, names):
    """mmsghdrs over the buffers and 16-byte sockaddr_in names."""
    vec = (Mmsghdr * len(bufs))()
    iovs = (Iovec * len(bufs))()
    for i in range(len(bufs)):
        iovs[i] = Iovec(ctypes.addressof(bufs[i]), len(bufs[i]))
        vec[i].hdr.name, vec[i].hdr.namelen = ctypes.addressof(names[i]), 16
        vec[i].hdr.iov, vec[i].hdr.iovlen = ctypes.pointer(iovs[i]), 1
    return vec, iovs


def serve_udp(sock, left):
    bufs = [ctypes.create_string_buffer(4096) for _ in range(BATCH)]
    names = [ctypes.create_string_buffer(16) for _ in range(BATCH)]
    while left[0] > 0:
        vec, keep = mmsg_vector(bufs, names)
        n = LIBC.recvmmsg(sock.fileno(), vec, BATCH, MSG_WAITFORONE, None)
        if n < 0:
            raise OSError(ctypes.get_errno(), 'recvmmsg')
        replies = [answer(bufs[i].raw[:vec[i].len]) for i in range(n)]
        rbufs = [ctypes.create_string_buffer(r, len(r)) for r in replies]
        out, keep = mmsg_vector(rbufs, names)
        if LIBC.sendmmsg(sock.fileno(), out, n, 0) != n:
            raise OSError(ctypes.get_errno(), 'sendmmsg')
        left[0] -= n


def serve_tcp(sock, left):
    while left[0] > 0:
        conn, _ = sock.accept()
        with conn:
            size, = struct.unpack('!H', conn.recv(2, socket.MSG_WAITALL))
            reply = answer(conn.recv(size, socket.MSG_WAITALL))
            conn.sendall(struct.pack('!H', len(reply)) + reply)
        left[0] -= 1


def ask(port, name, qtype):
    qid = random.randrange(65536)
    labels = b''.join(bytes([len(x)]) + x.encode() for x in name.split('.'))
    query = struct.pack('!HHHHHH', qid, 0x0100, 1, 0, 0, 0) + labels + b'\0'
    query += struct.pack('!HH', {'A': 1, 'AAAA': 28}[qtype], 1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(5)
    sock.sendto(query, ('127.0.0.1', port))
    reply, _ = sock.recvfrom(4096)
    flags, _, count = struct.unpack('!HHH', reply[2:8])
    print('rcode', flags & 15, 'answers', count)


def serve(port, count):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(('127.0.0.1', port))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(('127.0.0.1', port))
    tcp.listen(4)
    left = [count]
    for loop, sock in ((serve_udp, udp), (serve_tcp, tcp)):
        threading.Thread(target=loop, args=(sock, left), daemon=True).start()
    print('ready', flush=True)
    while left[0] > 0:
        threading.Event().wait(0.05)


if sys.argv[1] == 'ask':
    ask(int(sys.argv[2]), sys.argv[3], sys.argv[4])
else:
    serve(int(sys.argv[2]), int(sys.argv[3]))
