/* SPDX-License-Identifier: GPL-2.0-only */
/* The dissectors the registry (dis_proto.c) holds, one file each. */
#ifndef SYSHARK_DIS_PROTO_INT_H
#define SYSHARK_DIS_PROTO_INT_H

#include "dis_proto.h"

extern const struct dis_proto dis_proto_http;
extern const struct dis_proto dis_proto_dns;
extern const struct dis_proto dis_proto_redis;
extern const struct dis_proto dis_proto_pgsql;
extern const struct dis_proto dis_proto_tls;

#endif
