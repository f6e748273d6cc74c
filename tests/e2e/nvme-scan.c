// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-test-nvme-scan: what an unchanged libnvme-mi user finds. Calls the
 * distribution's nvme_mi_scan_mctp() (which reads the control daemon's
 * xyz.openbmc_project.MCTP objects over D-Bus) and prints one line per
 * NVMe-MI endpoint it found, then "endpoints N". Exit status 1 when the scan
 * itself fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include <libnvme-mi.h>

int main(void)
{
	nvme_root_t root = nvme_mi_scan_mctp();
	nvme_mi_ep_t ep;
	int n = 0;

	if (!root) {
		fprintf(stderr, "mctp-test-nvme-scan: nvme_mi_scan_mctp() failed\n");
		return 1;
	}
	nvme_mi_for_each_endpoint(root, ep) {
		char *d = nvme_mi_endpoint_desc(ep);

		printf("%s\n", d ? d : "(no description)");
		free(d);
		n++;
	}
	printf("endpoints %d\n", n);
	nvme_mi_free_root(root);
	return 0;
}
