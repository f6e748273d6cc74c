// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP over SMBus/I2C (DSP0237) binding: module parameters, init/exit and
 * the i2c bus notifier that follows mux channel adapters.
 */

#include <linux/device.h>
#include <linux/i2c.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>

#include "i2c-mctp.h"

DEFINE_MUTEX(mi2c_lock);

static unsigned int flow_hold_ms = 100;
static bool learn_neigh;
static bool ipmb = true;

static int hold_ms_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;
	int rc;

	rc = kstrtouint(val, 0, &v);
	if (rc)
		return rc;
	if (v > MI2C_HOLD_MS_MAX)
		return -ERANGE;
	WRITE_ONCE(flow_hold_ms, v);
	return 0;
}

static const struct kernel_param_ops hold_ms_ops = {
	.set	= hold_ms_set,
	.get	= param_get_uint,
};

module_param_cb(flow_hold_ms, &hold_ms_ops, &flow_hold_ms, 0644);
MODULE_PARM_DESC(flow_hold_ms,
		 "Longest time in ms the bus stays locked for a request flow after its last packet (default for new interfaces, 0..10000, default 100)");
module_param(learn_neigh, bool, 0644);
MODULE_PARM_DESC(learn_neigh,
		 "Learn neighbours from the source of received packets (default off)");
module_param(ipmb, bool, 0444);
MODULE_PARM_DESC(ipmb,
		 "Pass non-MCTP writes to an IPMB character device (default on)");

unsigned int mi2c_default_hold_ms(void)
{
	return READ_ONCE(flow_hold_ms);
}

bool mi2c_learn_enabled(void)
{
	return READ_ONCE(learn_neigh);
}

bool mi2c_ipmb_enabled(void)
{
	return ipmb;
}

/*
 * Neighbour learning goes through an optional core export; when the core
 * does not provide it, learning does nothing.
 */
static typeof(&mctp_neigh_learn) mi2c_learn_fn;

void mi2c_learn(struct net_device *dev, u8 eid, u8 addr)
{
	if (mi2c_learn_fn)
		mi2c_learn_fn(dev, eid, &addr, 1);
}

static int mi2c_notifier_call(struct notifier_block *nb,
			      unsigned long action, void *data)
{
	struct i2c_adapter *adap = i2c_verify_adapter(data);

	if (!adap)
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		mi2c_mux_adapter_added(adap);
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		mi2c_mux_adapter_removed(adap);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block mi2c_notifier = {
	.notifier_call = mi2c_notifier_call,
};

static int __init mi2c_init(void)
{
	int rc;

	rc = mi2c_pec_init();
	if (rc) {
		pr_err("i2c-mctp: PEC self-check failed\n");
		return rc;
	}
	mi2c_learn_fn = symbol_get(mctp_neigh_learn);

	rc = bus_register_notifier(&i2c_bus_type, &mi2c_notifier);
	if (rc)
		goto err_sym;
	rc = i2c_add_driver(&mi2c_driver);
	if (rc)
		goto err_notifier;
	return 0;

err_notifier:
	bus_unregister_notifier(&i2c_bus_type, &mi2c_notifier);
err_sym:
	if (mi2c_learn_fn)
		symbol_put(mctp_neigh_learn);
	return rc;
}

static void __exit mi2c_exit(void)
{
	i2c_del_driver(&mi2c_driver);
	bus_unregister_notifier(&i2c_bus_type, &mi2c_notifier);
	if (mi2c_learn_fn)
		symbol_put(mctp_neigh_learn);
}

module_init(mi2c_init);
module_exit(mi2c_exit);

MODULE_DESCRIPTION("MCTP over SMBus/I2C binding (DSP0237)");
MODULE_LICENSE("GPL");
