// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-test-nvme-mi NET EID: the NVMe-MI commands of the distribution's
 * libnvme-mi against one endpoint (nvme-cli has none of them). Prints one
 * "name: values" line per command, "name: error N" when one fails; the
 * exit status is 0 when the library call itself worked for every command
 * expected to work, 1 otherwise.
 * mctp-test-nvme-mi NET EID raw: requests libnvme-mi cannot send, on a
 * plain AF_MCTP socket: Controller Health Status Poll, one with a wrong
 * MIC (expected: no answer), a truncated one, an unknown MI opcode.
 * mctp-test-nvme-mi NET EID set-temp-threshold KELVIN: Set Features 0x04
 * (the over-temperature threshold of the composite sensor) on controller 0
 * through the admin tunnel (nvme-cli 2.3 sets features on kernel devices
 * only).
 */
#include <stdio.h>
#include <stdlib.h>

#include <endian.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/mctp.h>

#include <libnvme-mi.h>

static int bad;

static void check(const char *what, int rc)
{
	if (rc) {
		printf("%s: error %d\n", what, rc);
		bad = 1;
	}
}

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

/* CRC-32C, bit by bit: the MIC of a message (type byte included) */
static uint32_t crc32c(uint32_t crc, const uint8_t *p, size_t n)
{
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
	}
	return crc;
}

/* Sends @len bytes of @msg (type byte first, MIC appended here, spoiled
 * when @bad_mic) and waits up to a second for the answer: its length
 * without the type byte, 0 when none came. */
static int exchange(int sd, unsigned int net, uint8_t eid, uint8_t *msg, size_t len,
		    int bad_mic, uint8_t *resp, size_t resp_size)
{
	struct sockaddr_mctp a = {0};
	struct pollfd pfd = {sd, POLLIN, 0};
	uint32_t mic = ~crc32c(0xffffffffu, msg, len);

	if (bad_mic)
		mic ^= 0x00010000;
	for (int i = 0; i < 4; i++)
		msg[len + i] = (uint8_t)(mic >> (8 * i));
	a.smctp_family = AF_MCTP;
	a.smctp_network = net;
	a.smctp_addr.s_addr = eid;
	a.smctp_type = msg[0];
	a.smctp_tag = MCTP_TAG_OWNER;
	if (sendto(sd, msg + 1, len + 3, 0, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	if (poll(&pfd, 1, 1000) != 1)
		return 0;
	return (int)recv(sd, resp, resp_size, 0);
}

static int raw(unsigned int net, uint8_t eid)
{
	uint8_t req[64], resp[256];
	int sd = socket(AF_MCTP, SOCK_DGRAM, 0);
	int n;

	if (sd < 0) {
		perror("socket(AF_MCTP)");
		return 1;
	}
	/* Controller Health Status Poll from controller 0, up to 8 entries */
	memset(req, 0, sizeof(req));
	req[0] = 0x84;
	req[1] = 1 << 3;
	req[4] = 0x02;
	req[10] = 7;
	n = exchange(sd, net, eid, req, 16, 0, resp, sizeof(resp));
	if (n >= 7 + 16 + 4)
		printf("controller-health: status %d entries %d controller %d temperature %d\n",
		       resp[3], resp[4], resp[7] | resp[8] << 8, (resp[11] | resp[12] << 8) - 273);
	else
		printf("controller-health: answer of %d bytes\n", n);
	/* the same with a wrong MIC */
	n = exchange(sd, net, eid, req, 16, 1, resp, sizeof(resp));
	printf("wrong-mic: %s\n", n == 0 ? "no answer" : "answered");
	/* an MI header cut short */
	n = exchange(sd, net, eid, req, 8, 0, resp, sizeof(resp));
	printf("truncated: status %d\n", n >= 7 ? resp[3] : -1);
	/* an opcode no NVMe-MI version defines */
	req[4] = 0x7f;
	n = exchange(sd, net, eid, req, 16, 0, resp, sizeof(resp));
	printf("opcode 0x7f: status %d\n", n >= 7 ? resp[3] : -1);
	close(sd);
	return 0;
}

static int set_threshold(nvme_mi_ep_t ep, __u32 kelvin)
{
	nvme_mi_ctrl_t ctrl = nvme_mi_init_ctrl(ep, 0);
	struct nvme_set_features_args args = {0};
	__u32 result = 0;
	int rc;

	if (!ctrl)
		return 1;
	args.args_size = sizeof(args);
	args.result = &result;
	args.fid = NVME_FEAT_FID_TEMP_THRESH;
	args.cdw11 = kelvin & 0xffff;
	rc = nvme_mi_admin_set_features(ctrl, &args);
	printf("set-temp-threshold %u: status %d\n", kelvin, rc);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct nvme_mi_read_nvm_ss_info ss = {0};
	struct nvme_mi_read_port_info port = {0};
	struct nvme_ctrl_list list = {0};
	struct nvme_mi_read_ctrl_info ci = {0};
	struct nvme_mi_nvm_ss_health_status hs = {0};
	enum nvme_mi_config_smbus_freq freq;
	nvme_root_t root;
	nvme_mi_ep_t ep;
	__u16 mtu;
	int rc;

	if (argc == 4 && !strcmp(argv[3], "raw"))
		return raw(atoi(argv[1]), atoi(argv[2]));
	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: mctp-test-nvme-mi NET EID [raw | set-temp-threshold KELVIN]\n");
		return 2;
	}
	root = nvme_mi_create_root(stderr, 3);
	ep = root ? nvme_mi_open_mctp(root, atoi(argv[1]), atoi(argv[2])) : NULL;
	if (!ep) {
		fprintf(stderr, "mctp-test-nvme-mi: cannot open the endpoint\n");
		return 1;
	}

	if (argc == 5)
		return set_threshold(ep, (__u32)strtoul(argv[4], NULL, 0));

	rc = nvme_mi_mi_read_mi_data_subsys(ep, &ss);
	check("subsystem", rc);
	if (!rc)
		printf("subsystem: ports %d version %d.%d\n", ss.nump + 1, ss.mjr, ss.mnr);

	rc = nvme_mi_mi_read_mi_data_port(ep, 1, &port);
	check("port1", rc);
	if (!rc)
		printf("port1: type %d mtu-max %d address 0x%02x frequency %d\n", port.portt,
		       le16toh(port.mmctptus), port.smb.mme_addr, port.smb.mme_freq);

	rc = nvme_mi_mi_read_mi_data_port(ep, 7, &port);
	printf("port7: status %d\n", rc);

	rc = nvme_mi_mi_read_mi_data_ctrl_list(ep, 0, &list);
	check("controllers", rc);
	if (!rc)
		printf("controllers: %d first %d\n", le16toh(list.num),
		       le16toh(list.identifier[0]));

	rc = nvme_mi_mi_read_mi_data_ctrl(ep, 0, &ci);
	check("controller0", rc);
	if (!rc)
		printf("controller0: port %d vid 0x%04x\n", ci.portid, le16toh(ci.vid));

	rc = nvme_mi_mi_subsystem_health_status_poll(ep, false, &hs);
	check("health", rc);
	if (!rc)
		printf("health: nss 0x%02x temperature %d used %d ccs 0x%04x\n", hs.nss, hs.ctemp,
		       hs.pdlu, le16toh(hs.ccs));

	rc = nvme_mi_mi_config_get_smbus_freq(ep, 1, &freq);
	check("smbus-frequency", rc);
	if (!rc)
		printf("smbus-frequency: %d\n", freq);
	check("set smbus-frequency", nvme_mi_mi_config_set_smbus_freq(ep, 1, NVME_MI_CONFIG_SMBUS_FREQ_400kHz));
	rc = nvme_mi_mi_config_get_smbus_freq(ep, 1, &freq);
	check("smbus-frequency", rc);
	if (!rc)
		printf("smbus-frequency now: %d\n", freq);

	rc = nvme_mi_mi_config_get_mctp_mtu(ep, 1, &mtu);
	check("mctp-mtu", rc);
	if (!rc)
		printf("mctp-mtu: %d\n", mtu);
	check("set mctp-mtu", nvme_mi_mi_config_set_mctp_mtu(ep, 1, 128));
	rc = nvme_mi_mi_config_get_mctp_mtu(ep, 1, &mtu);
	check("mctp-mtu", rc);
	if (!rc)
		printf("mctp-mtu now: %d\n", mtu);
	printf("mctp-mtu 10: status %d\n", nvme_mi_mi_config_set_mctp_mtu(ep, 1, 10));

	nvme_mi_close(ep);
	nvme_mi_free_root(root);
	return bad;
}
