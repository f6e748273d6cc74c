// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus binding: the client, its adapters, its namespaces and the module
 * itself go away while traffic runs and while a request holds the bus.
 * The kernel log must stay clean (checked by the VM runner) and every
 * setup must work again afterwards.
 *
 * Host A (EID 8) at 0x10 on a0, host B (EID 9) at 0x20 on a1; a child
 * process keeps requests going from A to B meanwhile.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "smbus-test.h"

#define MODULE_PATH	"/lib/modules/mctp/i2c_mctp.ko"

/* Requests from A to B until killed; errors are expected and ignored. */
static void traffic(struct st_pair *p)
{
	int cli = mk_socket_ns(p->a.ns), srv = st_listen(&p->b);
	unsigned int i;

	for (i = 0;; i++) {
		if (cli < 0 || srv < 0)
			_exit(1);
		st_roundtrip(cli, srv, ST_B_EID, 1 + (i * 97) % 3000, i, 200);
	}
}

static pid_t traffic_start(struct st_pair *p)
{
	pid_t pid = fork();

	if (!pid)
		traffic(p);
	return pid;
}

static void traffic_stop(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* A and B set up again after A's side was torn down. */
static int rebind_a(struct st_pair *p)
{
	int rc = st_bind(&p->a, p->bus_a, ST_A_ADDR);

	if (!rc)
		rc = st_link_setup(&p->a, p->bus_a, ST_A_EID, ST_B_EID,
				   ST_B_ADDR);
	return rc;
}

FIXTURE(life) {
	struct st_pair p;
	pid_t pid;
};

FIXTURE_SETUP(life)
{
	int rc = st_pair_setup(&self->p, "sl", NULL);

	self->pid = -1;
	ASSERT_EQ(0, rc) TH_LOG("setup: %s", strerror(-rc));
}

FIXTURE_TEARDOWN(life)
{
	traffic_stop(self->pid);
	st_pair_teardown(&self->p);
}

/* A request that B never answers: A holds the bus for @ms. */
static void hold_bus(struct __test_metadata *_metadata, struct st_pair *p,
		     unsigned int ms)
{
	uint8_t buf[1] = { 1 };

	ASSERT_EQ(0, st_set_hold_ms(&p->a, p->bus_a, ms));
	ASSERT_EQ(1, mtl_sendto(p->cli, MCTP_NET_ANY, ST_B_EID, ST_TYPE,
				MCTP_TAG_OWNER, buf, 1));
	ASSERT_TRUE(mtl_readable(p->srv, MK_WAIT_MS));
	ASSERT_EQ(1, st_ctr(&p->a, p->bus_a, "bus_held"));
}

TEST_F_TIMEOUT(life, client_delete_under_traffic, 120)
{
	self->pid = traffic_start(&self->p);
	ASSERT_LT(0, self->pid);
	usleep(500000);
	ASSERT_EQ(0, st_delete_device(self->p.bus_a, ST_A_ADDR));
	EXPECT_GT(0, st_ifindex(&self->p.a, self->p.bus_a));
	usleep(200000);
	traffic_stop(self->pid);
	self->pid = -1;
	ASSERT_EQ(0, rebind_a(&self->p));
	ASSERT_EQ(0, st_roundtrip(self->p.cli, self->p.srv, ST_B_EID, 1000, 1,
				  3000));
}

/* Removing the client while it holds the bus lets go of the bus. */
TEST_F_TIMEOUT(life, client_delete_while_held, 120)
{
	uint8_t frame[4] = { 0 };
	double t0, t1, t2;

	hold_bus(_metadata, &self->p, 10000);
	t0 = mk_now();
	ASSERT_EQ(0, st_delete_device(self->p.bus_a, ST_A_ADDR));
	t1 = mk_now();
	/* the adapter is free for others at once, not after 10 s */
	ASSERT_EQ(-ENXIO, st_i2c_write(self->p.bus_a, 0x66, frame, 1));
	t2 = mk_now();
	EXPECT_TRUE(t2 - t0 < 5) TH_LOG("delete %.3f s, write %.3f s",
					t1 - t0, t2 - t1);
	ASSERT_EQ(0, rebind_a(&self->p));
	mk_drain(self->p.srv);
	ASSERT_EQ(0, st_roundtrip(self->p.cli, self->p.srv, ST_B_EID, 10, 1,
				  3000));
}

/* The interface goes down while it holds the bus. */
TEST_F(life, down_while_held)
{
	uint8_t frame[4] = { 0 };

	hold_bus(_metadata, &self->p, 10000);
	ASSERT_EQ(0, mtl_link_down(&self->p.a.nl,
				   st_ifindex(&self->p.a, self->p.bus_a)));
	ASSERT_EQ(-ENXIO, st_i2c_write(self->p.bus_a, 0x66, frame, 1));
	EXPECT_EQ(0, st_ctr(&self->p.a, self->p.bus_a, "bus_held"));
}

/* The whole segment (both adapters) disappears under traffic. */
TEST_F_TIMEOUT(life, adapter_removal_under_traffic, 120)
{
	self->pid = traffic_start(&self->p);
	ASSERT_LT(0, self->pid);
	usleep(500000);
	ASSERT_EQ(0, st_sim("del sl"));
	EXPECT_GT(0, st_ifindex(&self->p.a, self->p.bus_a));
	EXPECT_GT(0, st_ifindex(&self->p.b, self->p.bus_b));
	traffic_stop(self->pid);
	self->pid = -1;
}

/* The segment disappears while A holds the bus. */
TEST_F_TIMEOUT(life, adapter_removal_while_held, 120)
{
	hold_bus(_metadata, &self->p, 10000);
	ASSERT_EQ(0, st_sim("del sl"));
	EXPECT_GT(0, st_ifindex(&self->p.a, self->p.bus_a));
}

/* A mux with a busy channel goes away; the root keeps working. */
TEST_F_TIMEOUT(life, mux_removal_under_traffic, 120)
{
	int bus_ch, bus_d;
	struct st_host d;
	int cli, srv, rc;
	pid_t pid;

	ASSERT_EQ(0, st_seg("sl", "add-mux m0 parent=a0 channels=2 idle=as-is"));
	ASSERT_EQ(0, st_seg("sl", "add-adapter d on=m0.1"));
	bus_ch = st_bus("sl", "m0.1");
	bus_d = st_bus("sl", "d");
	ASSERT_LT(0, bus_ch);
	ASSERT_LT(0, bus_d);
	ASSERT_EQ(0, st_host_init(&d, 2));
	ASSERT_EQ(0, st_bind(&d, bus_d, 0x30));
	ASSERT_EQ(0, st_link_setup(&d, bus_d, 21, ST_A_EID, ST_A_ADDR));
	rc = st_link_setup(&self->p.a, bus_ch, ST_A_EID, 21, 0x30);
	ASSERT_EQ(0, rc) TH_LOG("%s %s", strerror(-rc), self->p.a.nl.extack);

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		cli = mk_socket_ns(self->p.a.ns);
		srv = st_listen(&d);
		for (unsigned int i = 0;; i++)
			st_roundtrip(cli, srv, 21, 1 + i % 500, i, 200);
	}
	usleep(500000);
	ASSERT_EQ(0, st_seg("sl", "del d"));
	ASSERT_EQ(0, st_seg("sl", "del m0"));
	EXPECT_GT(0, st_ifindex(&self->p.a, bus_ch));
	traffic_stop(pid);
	st_host_fini(&d);
	ASSERT_EQ(0, st_roundtrip(self->p.cli, self->p.srv, ST_B_EID, 100, 1,
				  3000));
}

/* The namespace holding A's interface is destroyed, then A unbinds. */
TEST_F(life, netns_gone)
{
	close(self->p.cli);
	self->p.cli = -1;
	st_host_fini(&self->p.a);	/* last reference to the netns */
	usleep(200000);
	ASSERT_EQ(0, st_delete_device(self->p.bus_a, ST_A_ADDR));
}

static int move_link(struct mtl_nl *nl, int bus, int nsfd)
{
	char name[IFNAMSIZ];
	int ifi;

	st_ifname(name, bus);
	ifi = mtl_link_index(nl, name);
	return ifi < 0 ? ifi : mtl_link_set_netns(nl, ifi, nsfd);
}

/*
 * Load the module: the clients that stayed bind again, in the loading
 * namespace; move their interfaces back to A and B and configure them.
 */
static int load_and_setup(struct st_pair *p, const char *args)
{
	char cmd[128];
	struct mtl_nl nl;
	int rc;

	snprintf(cmd, sizeof(cmd), "insmod " MODULE_PATH " %s", args);
	if (system(cmd))
		return -EIO;
	rc = mtl_nl_open(&nl);
	if (rc)
		return rc;
	rc = move_link(&nl, p->bus_a, p->a.ns);
	if (!rc)
		rc = move_link(&nl, p->bus_b, p->b.ns);
	mtl_nl_close(&nl);
	if (!rc)
		rc = st_link_setup(&p->a, p->bus_a, ST_A_EID, ST_B_EID,
				   ST_B_ADDR);
	if (!rc)
		rc = st_link_setup(&p->b, p->bus_b, ST_B_EID, ST_A_EID,
				   ST_A_ADDR);
	return rc;
}

/* rmmod under traffic with the bus held, then load and bind again. */
TEST_F_TIMEOUT(life, module_reload_under_traffic, 180)
{
	int rc;

	hold_bus(_metadata, &self->p, 10000);
	self->pid = traffic_start(&self->p);
	ASSERT_LT(0, self->pid);
	usleep(500000);
	rc = system("rmmod i2c_mctp");
	ASSERT_EQ(0, rc);
	EXPECT_GT(0, st_ifindex(&self->p.a, self->p.bus_a));
	EXPECT_GT(0, st_ifindex(&self->p.b, self->p.bus_b));
	traffic_stop(self->pid);
	self->pid = -1;

	ASSERT_EQ(0, load_and_setup(&self->p, ""));
	mk_drain(self->p.srv);
	ASSERT_EQ(0, st_roundtrip(self->p.cli, self->p.srv, ST_B_EID, 4000, 1,
				  3000));
}

/* Without the IPMB consumer, other writes count as bad commands. */
TEST_F_TIMEOUT(life, no_ipmb, 180)
{
	uint8_t buf[8] = { 0x18, 0xc8, 0x21, 0, 1, 0xde };
	char path[64];

	ASSERT_EQ(0, system("rmmod i2c_mctp"));
	ASSERT_EQ(0, load_and_setup(&self->p, "ipmb=0"));
	snprintf(path, sizeof(path), "/dev/ipmb-mctp-%d", self->p.bus_b);
	EXPECT_NE(0, access(path, F_OK));
	ASSERT_EQ(0, st_i2c_write(self->p.bus_a, ST_B_ADDR, buf, 6));
	EXPECT_EQ(1, st_ctr(&self->p.b, self->p.bus_b, "rx_bad_cmd"));
	EXPECT_EQ(1, st_stat(&self->p.b, self->p.bus_b, "rx_errors"));
	ASSERT_EQ(0, system("rmmod i2c_mctp"));
	ASSERT_EQ(0, load_and_setup(&self->p, ""));
	EXPECT_EQ(0, access(path, F_OK));
}

/* Bind/unbind cycles, with the interface up and configured each time. */
TEST_F_TIMEOUT(life, rebind_cycles, 180)
{
	for (int i = 0; i < 10; i++) {
		ASSERT_EQ(0, st_delete_device(self->p.bus_a, ST_A_ADDR));
		ASSERT_EQ(0, rebind_a(&self->p));
		ASSERT_EQ(0, st_roundtrip(self->p.cli, self->p.srv, ST_B_EID,
					  64, i, 3000));
	}
}

static bool bound(int bus, uint8_t addr)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/bus/i2c/devices/%d-%04x/driver",
		 bus, 0x1000 | addr);
	return !access(path, F_OK);
}

/*
 * A second client on one adapter, or one on a mux channel, is refused:
 * the i2c device exists, our driver does not bind to it.
 */
TEST_F(life, bad_binds)
{
	int bus_ch;

	EXPECT_TRUE(bound(self->p.bus_a, ST_A_ADDR));
	ASSERT_EQ(0, st_new_device(self->p.bus_a, 0x11));
	EXPECT_FALSE(bound(self->p.bus_a, 0x11));
	ASSERT_EQ(0, st_seg("sl", "add-mux m0 parent=a0 channels=2"));
	bus_ch = st_bus("sl", "m0.0");
	ASSERT_LT(0, bus_ch);
	ASSERT_EQ(0, st_new_device(bus_ch, 0x12));
	EXPECT_FALSE(bound(bus_ch, 0x12));
	EXPECT_EQ(0, st_delete_device(bus_ch, 0x12));
	EXPECT_EQ(0, st_delete_device(self->p.bus_a, 0x11));
	/* the channel got its interface from the root's client */
	EXPECT_EQ(1, st_ctr(&self->p.a, bus_ch, "mux_channel"));
}

TEST_HARNESS_MAIN
