/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the field extractors (eng_fields*.c). */
#ifndef SYSHARK_ENG_FIELDS_INT_H
#define SYSHARK_ENG_FIELDS_INT_H

#include "eng_fields.h"

#define UNUSED_ARGS (void)s, (void)r

#define NEED_THREAD(e)                   \
	do {                             \
		if (!(e)->thread)        \
			return false;    \
	} while (0)

bool fx_put_bool(struct sbuf *o, bool v);
/* The parameters of e as sysdig 0.29.3 names them. */
const struct ev_param_info *fx_evt_params(const struct eng_evt *e, unsigned int *n);
/* Index of parameter name in e's (sysdig) parameter list, or -1. */
int fx_evt_param_index(const struct eng_evt *e, const char *name);
bool fx_evt_i64(const struct eng_evt *e, const char *name, int64_t *v);
/* The result of an exit: "res", or "fd" of an exit that creates an fd. */
bool fx_evt_result(const struct eng_evt *e, int64_t *res);
const struct eng_thread *fx_main_thread(const struct eng_state *s, const struct eng_thread *t);
/* The thread that is the parent of t's process. */
const struct eng_thread *fx_parent_of(const struct eng_state *s, const struct eng_thread *t);
/* The fd the event works on, as libsinsp's fd filter checks find it. */
const struct eng_fd *fx_evt_fd(const struct eng_evt *e);
bool fx_is_fd_event(const struct eng_evt *e);
/* Parameter i of e, resolved if it has a resolved form, else as is. */
void fx_put_param(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  unsigned int i, uint32_t max_buf);
/* The same for parameter i of v: e's own event, or its enter. */
void fx_put_view_param(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct ev_view *v, unsigned int i, uint32_t max_buf);
/*
 * The parameter of e that name (or, with name NULL, index idx) names, as v
 * and *i: one of its own, or for a call one of its enter's (decoded into
 * enter), which come after its own; false if there is none.
 */
bool fx_evt_arg(const struct eng_evt *e, const char *name, int64_t idx, struct ev_view *enter,
		const struct ev_view **v, unsigned int *i);
/*
 * Path name relative to dirfd, as libsinsp resolves it for thread t: an
 * absolute name as it is, else joined to the cwd (AT_FDCWD) or to the
 * dirfd's name ("<UNKNOWN>" if t has no such fd); sanitized.
 */
void fx_put_path_at(struct sbuf *o, const struct eng_thread *t, int64_t dirfd, const char *name);
/* Path parameter of an fd-creating exit, resolved: fd.name of a failed open. */
bool fx_creator_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e);

bool f_evt_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_evt_time(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_evt_datetime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_evt_rawtime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_evt_latency(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_evt_cpu(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_evt_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_evt_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_evt_category(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_evt_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_evt_arg(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_evt_rawarg(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_evt_res(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_evt_rawres(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_evt_failed(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_evt_is_io(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_evt_is_io_read(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                 const struct eng_fref *r);
bool f_evt_is_io_write(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                  const struct eng_fref *r);
bool f_evt_io_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_evt_is_wait(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_evt_around(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_time_s(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_time_iso8601(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_reltime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_deltatime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_latency_human(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_wait_latency(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_type_is(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_syscall_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_buffer(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_is_syslog(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_count(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_count_exit(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_count_error(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_abspath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_is_open(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_source(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_is_async(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_asynctype(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_evt_hostname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_proc_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_proc_pid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_proc_ppid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_proc_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_proc_exepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_proc_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_proc_cmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_proc_cwd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_proc_pname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_proc_aname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_proc_apid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_proc_vpid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_proc_sid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_proc_fdopencount(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r);
bool f_proc_fdlimit(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_proc_env(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_thread_tid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_thread_vtid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_thread_ismain(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                const struct eng_fref *r);
bool f_thread_cpu(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cpu_user(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cpu_system(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_vmsize(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_vmrss(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_vmsize_b(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_vmrss_b(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vmsize(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vmrss(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vmswap(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_pfmajor(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_pfminor(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_nthreads(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_nchilds(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_aexe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_aexepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pexe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pexepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pcmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pvpid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vpgid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pgid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_tty(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_sname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_sid_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_sid_exepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vpgid_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vpgid_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_vpgid_exepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_sid_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_vpgid_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_exe_writable(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_exe_upper_layer(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_exe_lower_layer(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_exe_from_memfd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_exe_ino(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_exe_ino_ctime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_exe_ino_mtime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cap_permitted(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cap_effective(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cap_inheritable(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_fdusage(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_exeline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_cmdnargs(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_duration(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_ppid_duration(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pid_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_ppid_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_loginshellid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_aargs(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_acmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_aenv(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_nametid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_stdfd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cgroups(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_cgroup(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_exectime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_thread_totexectime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pgid_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pgid_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pgid_exepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_is_pgid_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_ctime_to_clone(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_ctime_from_pidns(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_proc_pidns_init_start_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
const char *s_proc_name(const struct eng_state *s, const struct eng_evt *e);
const char *s_evt_dir(const struct eng_state *s, const struct eng_evt *e);
bool f_fd_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	         const struct eng_fref *r);
bool f_fd_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_fd_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	          const struct eng_fref *r);
bool f_fd_typechar(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_fd_directory(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_fd_filename(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_fd_cip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	         const struct eng_fref *r);
bool f_fd_sip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	         const struct eng_fref *r);
bool f_fd_cport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_fd_sport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_fd_lip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	         const struct eng_fref *r);
bool f_fd_rip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	         const struct eng_fref *r);
bool f_fd_lport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_fd_rport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_fd_l4proto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_fd_sockfamily(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                const struct eng_fref *r);
bool f_fd_end_ip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_end_port(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_is_server(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_containername(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_containerdirectory(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_cproto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_sproto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_ipname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_dev(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_dev_major(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_dev_minor(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_fd_ino(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_user_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	           const struct eng_fref *r);
bool f_user_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_user_homedir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_user_shell(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_user_loginuid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                const struct eng_fref *r);
bool f_user_loginname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	const struct eng_fref *r);
bool f_group_gid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	            const struct eng_fref *r);
bool f_group_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	             const struct eng_fref *r);
bool f_fdlist_nums(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_fdlist_names(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	               const struct eng_fref *r);
bool f_fdlist_cips(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_fdlist_sips(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	              const struct eng_fref *r);
bool f_fdlist_cports(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                const struct eng_fref *r);
bool f_fdlist_sports(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	                const struct eng_fref *r);
/* eng_rules.c */
/* http.*, ...: the field of the protocol in the event's data (eng_fields_proto.c). */
bool f_proto_field(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r);
bool f_evt_protocol(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r);
bool f_falco_rule(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r);
bool f_falco_priority(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r);

/* eng_fields_ctr.c */
bool f_container_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_full_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_start_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_duration(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mounts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mount(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mount_rdwr(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_ip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_cni_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_label(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_labels(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_sandbox_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_full_sandbox_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_label(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_labels(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_ip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_cni_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
/* The fields of the Kubernetes API server: current libraries keep their names but give no value. */
bool f_k8s_api(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_image(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_image_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_image_repository(struct sbuf *o, const struct eng_state *s,
		const struct eng_evt *e, const struct eng_fref *r);
bool f_container_image_tag(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_image_digest(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_privileged(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_host_pid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_host_network(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_host_ipc(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mount_source(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mount_dest(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mount_mode(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_mount_propagation(struct sbuf *o, const struct eng_state *s,
		const struct eng_evt *e, const struct eng_fref *r);
bool f_k8s_pod_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_ns_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_k8s_pod_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_container_healthcheck(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_proc_is_container_healthcheck(struct sbuf *o, const struct eng_state *s,
		const struct eng_evt *e, const struct eng_fref *r);
bool f_container_liveness_probe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_proc_is_container_liveness_probe(struct sbuf *o, const struct eng_state *s,
		const struct eng_evt *e, const struct eng_fref *r);
bool f_container_readiness_probe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_proc_is_container_readiness_probe(struct sbuf *o, const struct eng_state *s,
		const struct eng_evt *e, const struct eng_fref *r);

bool f_evt_buflen(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r);
const char *s_fd_name(const struct eng_state *s, const struct eng_evt *e);
bool f_evt_count_procinfo(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r);
bool f_evt_latency_quantized(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r);
bool f_evt_plugin(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r);
bool f_fs_path(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	       const struct eng_fref *r);
bool f_fd_connected(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r);
bool f_fd_name_changed(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r);
bool f_fd_layer(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);
bool f_fd_nameraw(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r);
bool f_fd_types(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r);

#endif
