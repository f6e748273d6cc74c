// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus garbage fuzzer: writer processes put random frames on a
 * simulated segment (through i2c-dev, like a misbehaving device) at the
 * SMBus binding of host B, while the main process exchanges real
 * messages between hosts A and B over the same segment (smbus-test.h's
 * pair: A EID 8 at 0x10 on a0, B EID 9 at 0x20 on a1).
 *
 * Frames: random bytes of random length; the MCTP command with random
 * contents and a right or wrong PEC; well-framed packets with random
 * headers (version, destination, source, SOM/EOM, sequence, tag owner,
 * tag); wrong byte counts, source bytes, truncations and trailing bytes;
 * and well-formed multi-packet messages to a listener on B (type 0x7e),
 * several interleaved, some damaged by a gap, a duplicate or a wrong PEC.
 *
 * Checks besides the kernel log:
 *   - every real message arrives intact, and nothing of the garbage
 *     reaches the real listener (type 0x7f);
 *   - a message that reaches the 0x7e listener is one that was sent
 *     whole, with its content; a damaged one never arrives; every one
 *     sent whole within STREAM_PROMPT_S of its first packet arrives (the
 *     core drops a partial message MCTP_KEY_LIFETIME, 6 s, after its
 *     first packet: a slower stream, interleaved with the others on a
 *     busy machine, may or may not arrive, and is only counted);
 *   - every frame is counted exactly once by one of B's receive counters
 *     (as in i2c-mctp-test-faults.c);
 *   - the link still carries messages afterwards.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/wait.h>

#include "fuzz-common.h"
#include "smbus-test.h"

#define FUZZ_TYPE	0x7e
#define MAX_FRAME	300
#define MAX_STREAMS	4
#define STREAM_EIDS	0x50	/* workers use 0x50 + 8 * worker + 0..7 */
#define MAX_IDS		(1 << 20)
/* whole within this from its start: must arrive (key lifetime 6 s) */
#define STREAM_PROMPT_S	3.0

enum { ST_NONE, ST_SENDING, ST_WHOLE, ST_LATE, ST_DAMAGED };

struct stream {
	bool active, damaged;
	uint8_t src, tag, seq;
	uint32_t id;
	size_t len, off;
	uint8_t prev[72];
	size_t prev_len;
	double t_start;		/* when its first packet was sent */
	uint8_t msg[1024];
};

struct worker {
	int idx;
	struct fz_rng r;
	struct fz_opts *o;
	int bus, i2c;
	struct stream s[MAX_STREAMS];
	uint32_t next;
	unsigned long ops, frames, whole, late, damaged;
	uint8_t *state;		/* shared: ST_* by message id */
};

struct result {
	unsigned long ops, frames, whole, late, damaged;
};

/* ---- the wire ---- */

static int i2c_write(struct worker *w, const uint8_t *buf, size_t len)
{
	struct i2c_msg m = { .addr = ST_B_ADDR, .len = len, .buf = (void *)buf };
	struct i2c_rdwr_ioctl_data d = { .msgs = &m, .nmsgs = 1 };

	return ioctl(w->i2c, I2C_RDWR, &d) < 0 ? -errno : 0;
}

/* Frame @pkt and write it, PEC wrong if @bad_pec; counts what arrived. */
static int send_packet(struct worker *w, const uint8_t *pkt, size_t plen,
		       uint8_t from, bool bad_pec)
{
	uint8_t f[MAX_FRAME];
	size_t n = st_frame(f, ST_B_ADDR, from, pkt, plen);
	int rc;

	if (bad_pec)
		f[n - 1] ^= 1 << fz_below(&w->r, 8);
	rc = i2c_write(w, f, n);
	if (!rc)
		w->frames++;
	return rc;
}

/* ---- garbage ---- */

/*
 * A random MCTP packet: mostly version 1, to B or anyone, from any EID
 * but A's (so it cannot join A's real messages) and the streams'; a
 * start of message never carries the real test type.
 */
static size_t rand_packet(struct worker *w, uint8_t *pkt)
{
	static const uint8_t dests[] = { ST_B_EID, ST_B_EID, 0, 0xff, 0x42 };
	size_t len = 4 + fz_below(&w->r, 90);

	fz_fill(&w->r, pkt, len);
	if (!fz_one_in(&w->r, 6))
		pkt[0] = 1;
	pkt[1] = FZ_PICK(&w->r, dests);
	if (pkt[2] == ST_A_EID || (pkt[2] >= STREAM_EIDS && pkt[2] < 0x70))
		pkt[2] = 0x77;
	if (len > 4 && (pkt[3] & MTL_HDR_SOM) && (pkt[4] & 0x7f) == ST_TYPE)
		pkt[4] ^= 1;
	return len;
}

/* One garbage frame into @f; returns its length. */
static size_t rand_frame(struct worker *w, uint8_t *f)
{
	uint8_t pkt[128], a = ST_B_ADDR << 1;
	size_t len;

	switch (fz_below(&w->r, 8)) {
	case 0:			/* anything */
		len = fz_below(&w->r, MAX_FRAME);
		fz_fill(&w->r, f, len);
		return len;
	case 1:			/* the MCTP command, random contents */
		len = 1 + fz_below(&w->r, MAX_FRAME - 1);
		fz_fill(&w->r, f, len);
		f[0] = 0x0f;
		if (len > 1 && fz_one_in(&w->r, 2))
			f[len - 1] = st_pec(st_pec(0, &a, 1), f, len - 1);
		return len;
	case 2:			/* one bit flipped */
		len = st_frame(f, ST_B_ADDR, 0x08 + fz_below(&w->r, 0x70), pkt,
			       rand_packet(w, pkt));
		f[1 + fz_below(&w->r, len - 1)] ^= 1 << fz_below(&w->r, 8);
		return len;
	case 3:			/* wrong byte count, right PEC */
		len = st_frame(f, ST_B_ADDR, 0x08 + fz_below(&w->r, 0x70), pkt,
			       rand_packet(w, pkt));
		f[1] = fz_u32(&w->r);
		f[len - 1] = st_pec(st_pec(0, &a, 1), f, len - 1);
		return len;
	case 4:			/* odd source byte, right PEC */
		len = st_frame(f, ST_B_ADDR, 0x08 + fz_below(&w->r, 0x70), pkt,
			       rand_packet(w, pkt));
		f[2] = fz_one_in(&w->r, 2) ? f[2] & ~1 : fz_below(&w->r, 0x10);
		f[len - 1] = st_pec(st_pec(0, &a, 1), f, len - 1);
		return len;
	case 5:			/* cut short or with bytes after the PEC */
		len = st_frame(f, ST_B_ADDR, 0x08 + fz_below(&w->r, 0x70), pkt,
			       rand_packet(w, pkt));
		if (fz_one_in(&w->r, 2))
			return fz_below(&w->r, len);
		fz_fill(&w->r, f + len, 8);
		return len + 1 + fz_below(&w->r, 8);
	default:		/* a well-framed random packet */
		len = rand_packet(w, pkt);
		return st_frame(f, ST_B_ADDR, 0x08 + fz_below(&w->r, 0x70),
				pkt, len);
	}
}

static int op_garbage(struct worker *w)
{
	uint8_t f[MAX_FRAME + 16];
	size_t len = rand_frame(w, f);
	int rc = i2c_write(w, f, len);

	if (!rc && len)
		w->frames++;
	return rc;
}

/* ---- multi-packet messages ---- */

static void stream_start(struct worker *w, struct stream *s, int slot)
{
	size_t len = 20 + fz_below(&w->r, sizeof(s->msg) - 20);

	s->active = true;
	s->damaged = false;
	s->src = STREAM_EIDS + 8 * w->idx + slot;
	s->tag = fz_below(&w->r, 8);
	s->seq = fz_below(&w->r, 4);
	s->id = (uint32_t)w->idx << 18 | (w->next++ & 0x3ffff);
	s->msg[0] = FUZZ_TYPE;
	fz_payload(&w->r, s->msg + 1, len - 1, s->id, true);
	s->len = len;
	s->off = 0;
	s->prev_len = 0;
	w->state[s->id] = ST_SENDING;
}

static void stream_damage(struct worker *w, struct stream *s)
{
	/* before the frame that damages it goes out */
	s->damaged = true;
	w->state[s->id] = ST_DAMAGED;
	w->damaged++;
}

/* The stream's next packet; a damage (at most one) on the way. */
static int op_stream(struct worker *w)
{
	int slot = fz_below(&w->r, MAX_STREAMS), rc = 0;
	struct stream *s = &w->s[slot];
	uint8_t pkt[72];
	size_t chunk;
	bool eom, bad_pec = false;

	if (!s->active) {
		stream_start(w, s, slot);
		return 0;
	}
	/* damage: a duplicate, a gap of 1..3 packets, or a wrong PEC */
	if (!s->damaged && s->off && fz_one_in(&w->r, 40)) {
		stream_damage(w, s);
		switch (fz_below(&w->r, 3)) {
		case 0:
			/* a repeated start would only restart the message */
			if (!(s->prev[3] & MTL_HDR_SOM))
				return send_packet(w, s->prev, s->prev_len,
						   ST_A_ADDR + 2, false);
			/* fall through */
		case 1:
			for (int k = 1 + fz_below(&w->r, 3); k && s->off < s->len;
			     k--) {
				s->off += 1 + fz_below(&w->r, 64);
				s->seq = (s->seq + 1) & 3;
			}
			if (s->off >= s->len) {
				s->active = false;
				return 0;
			}
			break;
		default:
			bad_pec = true;
		}
	}
	chunk = 1 + fz_below(&w->r, 64);
	if (chunk > s->len - s->off)
		chunk = s->len - s->off;
	eom = s->off + chunk == s->len;
	mtl_hdr((void *)pkt, ST_B_EID, s->src, s->off == 0, eom, s->seq, true,
		s->tag);
	memcpy(pkt + 4, s->msg + s->off, chunk);
	memcpy(s->prev, pkt, 4 + chunk);
	s->prev_len = 4 + chunk;
	if (s->off == 0)
		s->t_start = fz_now();
	rc = send_packet(w, pkt, 4 + chunk, ST_A_ADDR + 2, bad_pec);
	s->off += chunk;
	s->seq = (s->seq + 1) & 3;
	if (eom) {
		s->active = false;
		if (!s->damaged && !rc &&
		    fz_now() - s->t_start > STREAM_PROMPT_S) {
			w->state[s->id] = ST_LATE;
			w->late++;
		} else if (!s->damaged && !rc) {
			w->state[s->id] = ST_WHOLE;
			w->whole++;
		} else if (!s->damaged) {
			stream_damage(w, s);
		}
	}
	return rc;
}

static void worker_run(struct worker *w, unsigned long n, double t0)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/i2c-%d", w->bus);
	w->i2c = open(path, O_RDWR | O_CLOEXEC);
	if (w->i2c < 0)
		_exit(6);
	while (w->ops < n && !fz_time_up(w->o, t0)) {
		int rc = fz_one_in(&w->r, 3) ? op_stream(w) : op_garbage(w);

		if (rc) {
			fz_fail(w->o, w->ops, w->idx, "i2c write: %s",
				strerror(-rc));
			_exit(1);
		}
		w->ops++;
	}
}

/* ---- the main process: real traffic and the listener ---- */

struct run {
	struct fz_opts *o;
	struct st_pair p;
	int lsn;		/* B, bound to FUZZ_TYPE */
	uint8_t *state;
	uint8_t *arrived;	/* by message id */
	unsigned long failures, real, real_pkts, got;
};

/* B's receive outcomes (see i2c-mctp-test-faults.c). */
static long outcomes(struct run *r)
{
	static const char *const files[] = {
		"statistics/rx_packets", "smbus/rx_bad_cmd", "smbus/rx_bad_len",
		"smbus/rx_bad_pec", "smbus/rx_bad_src", "smbus/rx_overflow",
		"smbus/rx_nomem", "smbus/rx_ipmb", "smbus/rx_ipmb_bad",
		"smbus/rx_ipmb_dropped",
	};
	long sum = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		sum += st_netfile(&r->p.b, r->p.bus_b, files[i]);
	return sum;
}

static void listener_drain(struct run *r, int wait_ms)
{
	static uint8_t buf[2048];
	struct fz_payload_hdr h;
	const char *bad;
	ssize_t n;

	while ((n = mtl_recv(r->lsn, buf, sizeof(buf), 0, NULL, wait_ms)) >= 0) {
		r->got++;
		if ((size_t)n < sizeof(h))
			continue;
		memcpy(&h, buf, sizeof(h));
		if (h.magic != FZ_MAGIC)
			continue;
		bad = fz_payload_check(buf, n, false);
		if (bad || h.id >= MAX_IDS || r->state[h.id] == ST_DAMAGED ||
		    r->state[h.id] == ST_NONE) {
			fz_fail(r->o, r->got, -1, "message %u (%zd bytes) "
				"arrived: %s", h.id, n, bad ? bad :
				h.id >= MAX_IDS || r->state[h.id] == ST_NONE ?
				"never sent" : "it was sent with a gap or duplicate");
			r->failures++;
		} else if (r->arrived[h.id]++) {
			fz_fail(r->o, r->got, -1, "message %u arrived twice",
				h.id);
			r->failures++;
		}
	}
}

/* How many messages in @state arrived (after the writers are done). */
static unsigned long arrived_in(const struct run *r, uint8_t state)
{
	unsigned long n = 0;

	for (size_t id = 0; id < MAX_IDS; id++)
		n += r->arrived[id] && r->state[id] == state;
	return n;
}

static int roundtrip(struct run *r, struct fz_rng *rng)
{
	size_t len = 1 + fz_below(rng, 300);
	int rc = st_roundtrip(r->p.cli, r->p.srv, ST_B_EID, len, r->real, 3000);

	if (rc) {
		fz_fail(r->o, r->real, -1, "real message of %zu bytes: %s",
			len, strerror(-rc));
		r->failures++;
	}
	r->real++;
	r->real_pkts += (len + 1 + 63) / 64;	/* MTU 68 */
	return rc;
}

int main(int argc, char **argv)
{
	struct fz_opts o = { .name = "fuzz-smbus", .ops = 20000, .workers = 2 };
	struct result sum = { 0 };
	struct run r = { .o = &o };
	int fds[2], status, rc, running;
	struct fz_rng rng;
	unsigned long good, late;
	pid_t pids[4];
	long before;
	double t0;

	fz_parse(argc, argv, &o, NULL, NULL, NULL);
	if (o.workers < 1 || o.workers > 4)
		fz_usage(&o, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	fz_seed(&rng, o.seed, 100);
	r.state = mmap(NULL, MAX_IDS, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	r.arrived = calloc(MAX_IDS, 1);
	rc = r.state == MAP_FAILED || !r.arrived ? -ENOMEM :
	     st_pair_setup(&r.p, "fz", NULL);
	if (!rc) {
		r.lsn = mk_socket_ns(r.p.b.ns);
		rc = r.lsn < 0 ? r.lsn :
		     mtl_bind(r.lsn, MCTP_NET_ANY, MCTP_ADDR_ANY, FUZZ_TYPE);
	}
	if (rc || pipe(fds)) {
		printf("FUZZ-FAIL: %s: setup: %s\n", o.name, strerror(-rc));
		return 1;
	}
	before = outcomes(&r);
	t0 = fz_now();
	for (unsigned int i = 0; i < o.workers; i++) {
		struct worker w = { .idx = i, .o = &o, .bus = r.p.bus_a,
				    .state = r.state };

		fz_seed(&w.r, o.seed, i);
		pids[i] = fork();
		if (!pids[i]) {
			struct result res;

			worker_run(&w, o.ops / o.workers, t0);
			res = (struct result){ w.ops, w.frames, w.whole,
					       w.late, w.damaged };
			_exit(write(fds[1], &res, sizeof(res)) == sizeof(res) ?
			      0 : 5);
		}
	}
	close(fds[1]);
	/* real traffic until the writers are done, and a few after */
	running = o.workers;
	while (running || r.real % 8) {
		for (unsigned int i = 0; i < o.workers; i++) {
			if (pids[i] > 0 && waitpid(pids[i], &status, WNOHANG) == pids[i]) {
				if (!WIFEXITED(status) || WEXITSTATUS(status)) {
					printf("FUZZ-FAIL: %s: writer %u ended "
					       "with status 0x%x\n", o.name, i,
					       status);
					r.failures++;
				}
				pids[i] = -1;
				running--;
			}
		}
		if (roundtrip(&r, &rng))
			break;
		listener_drain(&r, 0);
	}
	for (unsigned int i = 0; i < o.workers; i++) {
		struct result res;

		if (pids[i] > 0)
			waitpid(pids[i], &status, 0);
		if (read(fds[0], &res, sizeof(res)) == sizeof(res)) {
			sum.ops += res.ops;
			sum.frames += res.frames;
			sum.whole += res.whole;
			sum.late += res.late;
			sum.damaged += res.damaged;
		}
	}
	listener_drain(&r, 300);
	good = arrived_in(&r, ST_WHOLE);
	late = arrived_in(&r, ST_LATE);
	printf("%s: %lu frames, %lu real messages (%lu packets); %lu whole "
	       "messages sent in time, %lu late (over %.0f s), %lu damaged; "
	       "%lu arrived: %lu whole in time, %lu late\n",
	       o.name, sum.frames, r.real, r.real_pkts, sum.whole, sum.late,
	       STREAM_PROMPT_S, sum.damaged, r.got, good, late);
	if (!mk_quiet(r.p.srv, 200)) {
		printf("FUZZ-FAIL: %s: garbage reached the real listener\n", o.name);
		r.failures++;
	}
	if (outcomes(&r) != before + (long)(sum.frames + r.real_pkts)) {
		printf("FUZZ-FAIL: %s: B counted %ld frames, %lu were written\n",
		       o.name, outcomes(&r) - before, sum.frames + r.real_pkts);
		r.failures++;
	}
	if (good != sum.whole) {
		printf("FUZZ-FAIL: %s: %lu of %lu whole messages arrived\n",
		       o.name, good, sum.whole);
		r.failures++;
	}
	rc = st_roundtrip(r.p.cli, r.p.srv, ST_B_EID, 1000, 5, 3000);
	if (rc) {
		printf("FUZZ-FAIL: %s: no exchange after the run: %s\n", o.name,
		       strerror(-rc));
		r.failures++;
	}
	fz_result(&o, sum.ops + r.real, fz_now() - t0, r.failures);
	st_pair_teardown(&r.p);
	return r.failures ? 1 : 0;
}
