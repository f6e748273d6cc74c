// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netdev sysfs group "smbus" (/sys/class/net/<dev>/smbus/): one file
 * per error/event counter, the flow hold bound (hold_ms, writable) and
 * the current hold state. The standard netdev statistics (rx_errors,
 * rx_crc_errors, rx_length_errors, tx_errors, ...) are kept as well.
 */

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/sysfs.h>

#include "i2c-mctp.h"

struct mi2c_counter_attr {
	struct device_attribute	attr;
	enum mi2c_counter	counter;
};

static struct mi2c_dev *mi2c_sysfs_dev(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

static ssize_t counter_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	struct mi2c_counter_attr *ca =
		container_of(attr, struct mi2c_counter_attr, attr);
	struct mi2c_dev *mdev = mi2c_sysfs_dev(d);

	return sysfs_emit(buf, "%lu\n",
			  atomic_long_read(&mdev->counters[ca->counter]));
}

#define MI2C_COUNTER_ATTR(_name, _counter)				\
	static struct mi2c_counter_attr mi2c_attr_##_name = {		\
		.attr = __ATTR(_name, 0444, counter_show, NULL),	\
		.counter = _counter,					\
	}

MI2C_COUNTER_ATTR(rx_bad_cmd, MI2C_RX_BAD_CMD);
MI2C_COUNTER_ATTR(rx_bad_len, MI2C_RX_BAD_LEN);
MI2C_COUNTER_ATTR(rx_bad_pec, MI2C_RX_BAD_PEC);
MI2C_COUNTER_ATTR(rx_bad_src, MI2C_RX_BAD_SRC);
MI2C_COUNTER_ATTR(rx_overflow, MI2C_RX_OVERFLOW);
MI2C_COUNTER_ATTR(rx_nomem, MI2C_RX_NOMEM);
MI2C_COUNTER_ATTR(rx_ipmb, MI2C_RX_IPMB);
MI2C_COUNTER_ATTR(rx_ipmb_bad, MI2C_RX_IPMB_BAD);
MI2C_COUNTER_ATTR(rx_ipmb_dropped, MI2C_RX_IPMB_DROP);
MI2C_COUNTER_ATTR(tx_nak, MI2C_TX_NAK);
MI2C_COUNTER_ATTR(tx_io_error, MI2C_TX_IO_ERROR);
MI2C_COUNTER_ATTR(tx_arb_lost, MI2C_TX_ARB_LOST);
MI2C_COUNTER_ATTR(tx_timeout, MI2C_TX_TIMEOUT);
MI2C_COUNTER_ATTR(tx_bus_error, MI2C_TX_BUS_ERR);
MI2C_COUNTER_ATTR(tx_bad_frame, MI2C_TX_BAD_FRAME);
MI2C_COUNTER_ATTR(tx_aborted, MI2C_TX_ABORTED);
MI2C_COUNTER_ATTR(flow_holds, MI2C_FLOW_HOLDS);
MI2C_COUNTER_ATTR(flow_released, MI2C_FLOW_RELEASED);
MI2C_COUNTER_ATTR(flow_expired, MI2C_FLOW_EXPIRED);
MI2C_COUNTER_ATTR(flow_errors, MI2C_FLOW_ERRORS);

static ssize_t hold_ms_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(mi2c_sysfs_dev(d)->hold_ms));
}

static ssize_t hold_ms_store(struct device *d, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct mi2c_dev *mdev = mi2c_sysfs_dev(d);
	unsigned int v;
	int rc;

	rc = kstrtouint(buf, 0, &v);
	if (rc)
		return rc;
	if (v > MI2C_HOLD_MS_MAX)
		return -ERANGE;
	WRITE_ONCE(mdev->hold_ms, v);
	wake_up(&mdev->wq);
	return count;
}
static DEVICE_ATTR_RW(hold_ms);

static ssize_t flows_show(struct device *d, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", mi2c_flow_count(mi2c_sysfs_dev(d)));
}
static DEVICE_ATTR_RO(flows);

static ssize_t bus_held_show(struct device *d, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  READ_ONCE(mi2c_sysfs_dev(d)->bus_locked));
}
static DEVICE_ATTR_RO(bus_held);

static ssize_t adapter_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  i2c_adapter_id(mi2c_sysfs_dev(d)->adap));
}
static DEVICE_ATTR_RO(adapter);

static ssize_t mux_channel_show(struct device *d,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", mi2c_sysfs_dev(d)->is_channel);
}
static DEVICE_ATTR_RO(mux_channel);

static struct attribute *mi2c_attrs[] = {
	&mi2c_attr_rx_bad_cmd.attr.attr,
	&mi2c_attr_rx_bad_len.attr.attr,
	&mi2c_attr_rx_bad_pec.attr.attr,
	&mi2c_attr_rx_bad_src.attr.attr,
	&mi2c_attr_rx_overflow.attr.attr,
	&mi2c_attr_rx_nomem.attr.attr,
	&mi2c_attr_rx_ipmb.attr.attr,
	&mi2c_attr_rx_ipmb_bad.attr.attr,
	&mi2c_attr_rx_ipmb_dropped.attr.attr,
	&mi2c_attr_tx_nak.attr.attr,
	&mi2c_attr_tx_io_error.attr.attr,
	&mi2c_attr_tx_arb_lost.attr.attr,
	&mi2c_attr_tx_timeout.attr.attr,
	&mi2c_attr_tx_bus_error.attr.attr,
	&mi2c_attr_tx_bad_frame.attr.attr,
	&mi2c_attr_tx_aborted.attr.attr,
	&mi2c_attr_flow_holds.attr.attr,
	&mi2c_attr_flow_released.attr.attr,
	&mi2c_attr_flow_expired.attr.attr,
	&mi2c_attr_flow_errors.attr.attr,
	&dev_attr_hold_ms.attr,
	&dev_attr_flows.attr,
	&dev_attr_bus_held.attr,
	&dev_attr_adapter.attr,
	&dev_attr_mux_channel.attr,
	NULL
};

const struct attribute_group mi2c_attr_group = {
	.name	= "smbus",
	.attrs	= mi2c_attrs,
};
