#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The key hint on the message line comes back once a message has gone
# with the next key, in the list and in the views.
. "$(dirname "$0")/lib.sh"

hint='^\? for help, f to filter, v for the views, q to quit *$'
start 100 30 "$bin" -r "$corpus/files.scap"
wait_for "$hint" "the list does not open with the key hint"
keys H
wait_for '^hidden events shown' "H says nothing"
keys j
wait_for "$hint" "the key hint does not come back after a message"
keys v Enter r
wait_for '^rates per second' "r says nothing in a view"
keys j
wait_for "$hint" "the key hint does not come back in a view"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish
