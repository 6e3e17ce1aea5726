// SPDX-License-Identifier: GPL-2.0-only
/* The /proc text parsers of the live snapshot, on text as the kernel prints it. */
#include "harness.h"
#include "probe_snapshot.h"

static const char tcp[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode\n"
	"   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        "
	"0 23456 1 0000000000000000 100 0 0 10 0\n"
	"   1: 0100007F:A1B2 0100007F:0CEA 01 00000000:00000000 00:00000000 00000000     0        "
	"0 23457 1 0000000000000000 20 4 30 10 -1\n"
	"   2: 0100007F:A1B3 0100007F:0CEA 06 00000000:00000000 03:00000F3A 00000000     0        "
	"0 0 3 0000000000000000\n";
static const char tcp6[] =
	"  sl  local_address                         remote_address                        st "
	"tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	"   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 "
	"10 0\n";
static const char unix_text[] =
	"Num       RefCount Protocol Flags    Type St Inode Path\n"
	"0000000000000000: 00000002 00000000 00010000 0001 01 18093 /run/systemd/private\n"
	"0000000000000000: 00000003 00000000 00000000 0001 03 20001\n"
	"garbage line without a colon\n";
static const char netlink[] =
	"sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n"
	"0000000000000000 0   1          00000000 0        0        0     2        0        9001\n";
static const char status[] = "Name:\tcat\nTgid:\t4242\nPid:\t4242\nPPid:\t1\n";

int main(void)
{
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_TCP, tcp) == 2); /* inode 0 is left out */
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_TCP6, tcp6) == 1);
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_TCP6, tcp) == 0); /* v4 text is not v6 */
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_UNIX, unix_text) == 2);
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_NETLINK, netlink) == 1);
	CHECK(probe_snapshot_parse(PROBE_SNAP_STATUS, status) == 1);
	CHECK(probe_snapshot_parse(PROBE_SNAP_STATUS, "Name:\tx\n") == 0);
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_TCP, "") == 0);
	CHECK(probe_snapshot_parse(PROBE_SNAP_NET_UNIX, "0:") == 0);
	return h_done();
}
