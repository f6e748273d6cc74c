// SPDX-License-Identifier: GPL-2.0
/*
 * smbus-sim NVMe drive answering the NVMe-MI Basic Management Command
 * (NVMe-MI Appendix A): a plain SMBus block read at the drive's management
 * address. The first written byte (the command code) is an offset into the
 * drive's data; reads return the data from there, one byte after another:
 *
 *   0   length of the status block (6)
 *   1   status flags (SFLGS): bit 6 drive not ready, 5 drive functional,
 *       4 reset not required, 3 PCIe link active
 *   2   SMART warnings: a bit cleared to 0 is a warning (0 spare, 1
 *       temperature, 2 reliability, 3 read-only, 4 volatile memory backup)
 *   3   composite temperature (CTemp): 2's complement degrees C, 0x7f for
 *       127 C and above, 0xc4 for -60 C and below, 0x80 no data, 0x81
 *       sensor failure
 *   4   percentage drive life used
 *   5-6 reserved (0)
 *   7   PEC of a block read of command code 0
 *   8   length of the identification block (22)
 *   9-10 PCI vendor ID, most significant byte first
 *   11-30 serial number, 20 ASCII characters, space padded
 *   31  PEC of a block read of command code 8
 *   32- vendor specific: none here, 0xff
 *
 * The PEC bytes are those an SMBus block read of command code 0 or 8 ends
 * with (CRC-8 over address+W, command code, address+R, the block), so a
 * block read with PEC checks out. SMBus arbitration (SFLGS bit 7) is not
 * modelled: the flags are what `status` holds.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "smbus_sim.h"

#define SSIM_NVMEB_STATUS_LEN	6
#define SSIM_NVMEB_ID_OFF	8
#define SSIM_NVMEB_ID_LEN	22
#define SSIM_NVMEB_SN_OFF	11
#define SSIM_NVMEB_SN_LEN	20
#define SSIM_NVMEB_VENDOR_OFF	32
#define SSIM_NVMEB_TEMP_MIN	(-128)
#define SSIM_NVMEB_TEMP_MAX	255
#define SSIM_NVMEB_CTEMP_NONE	0x80
#define SSIM_NVMEB_CTEMP_FAILED	0x81

enum ssim_nvmeb_temp_state { SSIM_NVMEB_T_OK, SSIM_NVMEB_T_NONE,
			     SSIM_NVMEB_T_FAILED };

struct ssim_nvmeb {
	struct ssim_obj obj;
	struct ssim_ep ep;
	/* seg->lock */
	u8 status;
	u8 warnings;
	u8 pdlu;
	int temp;
	enum ssim_nvmeb_temp_state temp_state;
	u16 vid;
	char serial[SSIM_NVMEB_SN_LEN];
	u8 off;
	bool off_next;		/* the next written byte is the command code */
	bool past_end;		/* read beyond offset 255 */
	u64 accesses;
	u64 writes;
	u64 reads;
	u64 bytes_written;
	u64 bytes_read;
};

static u8 ssim_nvmeb_ctemp(const struct ssim_nvmeb *d)
{
	if (d->temp_state == SSIM_NVMEB_T_NONE)
		return SSIM_NVMEB_CTEMP_NONE;
	if (d->temp_state == SSIM_NVMEB_T_FAILED)
		return SSIM_NVMEB_CTEMP_FAILED;
	if (d->temp >= 127)
		return 0x7f;
	if (d->temp <= -60)
		return 0xc4;
	return (u8)(s8)d->temp;
}

static u8 ssim_nvmeb_data(const struct ssim_nvmeb *d, unsigned int off);

/* SMBus PEC: CRC-8, polynomial x^8 + x^2 + x + 1, initial 0. */
static u8 ssim_nvmeb_crc8(u8 crc, u8 byte)
{
	int i;

	crc ^= byte;
	for (i = 0; i < 8; i++)
		crc = crc & 0x80 ? (crc << 1) ^ 0x07 : crc << 1;
	return crc;
}

/* The PEC ending the block read of command code @cmd (length @len). */
static u8 ssim_nvmeb_pec(const struct ssim_nvmeb *d, u8 cmd, unsigned int len)
{
	u8 crc = 0;
	unsigned int i;

	crc = ssim_nvmeb_crc8(crc, d->ep.addr << 1);
	crc = ssim_nvmeb_crc8(crc, cmd);
	crc = ssim_nvmeb_crc8(crc, d->ep.addr << 1 | 1);
	for (i = cmd; i <= cmd + len; i++)
		crc = ssim_nvmeb_crc8(crc, ssim_nvmeb_data(d, i));
	return crc;
}

static u8 ssim_nvmeb_data(const struct ssim_nvmeb *d, unsigned int off)
{
	switch (off) {
	case 0:
		return SSIM_NVMEB_STATUS_LEN;
	case 1:
		return d->status;
	case 2:
		return d->warnings;
	case 3:
		return ssim_nvmeb_ctemp(d);
	case 4:
		return d->pdlu;
	case 5:
	case 6:
		return 0;
	case 7:
		return ssim_nvmeb_pec(d, 0, SSIM_NVMEB_STATUS_LEN);
	case SSIM_NVMEB_ID_OFF:
		return SSIM_NVMEB_ID_LEN;
	case 9:
		return d->vid >> 8;
	case 10:
		return d->vid & 0xff;
	case 31:
		return ssim_nvmeb_pec(d, SSIM_NVMEB_ID_OFF, SSIM_NVMEB_ID_LEN);
	}
	if (off >= SSIM_NVMEB_SN_OFF && off < SSIM_NVMEB_SN_OFF + SSIM_NVMEB_SN_LEN)
		return d->serial[off - SSIM_NVMEB_SN_OFF];
	return 0xff;	/* vendor specific area, and past the end */
}

static u8 ssim_nvmeb_read_byte(struct ssim_nvmeb *d)
{
	u8 v = d->past_end ? 0xff : ssim_nvmeb_data(d, d->off);

	d->bytes_read++;
	if (d->off == 0xff)
		d->past_end = true;
	else
		d->off++;
	return v;
}

static int ssim_nvmeb_event(struct ssim_ep *ep, enum i2c_slave_event ev,
			    u8 *val)
{
	struct ssim_nvmeb *d = container_of(ep, struct ssim_nvmeb, ep);

	switch (ev) {
	case I2C_SLAVE_WRITE_REQUESTED:
		d->off_next = true;
		break;
	case I2C_SLAVE_WRITE_RECEIVED:
		/* only the command code means anything; data is ignored */
		d->bytes_written++;
		if (d->off_next) {
			d->off = *val;
			d->past_end = false;
			d->off_next = false;
		}
		break;
	case I2C_SLAVE_READ_REQUESTED:
	case I2C_SLAVE_READ_PROCESSED:
		*val = ssim_nvmeb_read_byte(d);
		break;
	default:
		break;
	}
	return 0;
}

static void ssim_nvmeb_addressed(struct ssim_ep *ep, const struct i2c_msg *msg)
{
	struct ssim_nvmeb *d = container_of(ep, struct ssim_nvmeb, ep);

	d->accesses++;
	if (msg->flags & I2C_M_RD)
		d->reads++;
	else
		d->writes++;
}

static const struct ssim_ep_ops ssim_nvmeb_ep_ops = {
	.event = ssim_nvmeb_event,
	.addressed = ssim_nvmeb_addressed,
};

/* ---- debugfs: SEG/NAME/{counters,temp,status,warnings,pdlu,vid,serial} ---- */

static struct ssim_nvmeb *ssim_nvmeb_of(struct file *file)
{
	return ((struct seq_file *)file->private_data)->private;
}

/* A short text written to a file, NUL terminated, one trailing \n cut. */
static int ssim_nvmeb_copy(const char __user *ubuf, size_t count, char *buf,
			   size_t size)
{
	if (count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (count && buf[count - 1] == '\n')
		buf[count - 1] = '\0';
	return 0;
}

static int ssim_nvmeb_counters_show(struct seq_file *m, void *unused)
{
	struct ssim_nvmeb *d = m->private;
	u64 c[5];

	spin_lock_bh(&d->obj.seg->lock);
	c[0] = d->accesses;
	c[1] = d->writes;
	c[2] = d->reads;
	c[3] = d->bytes_written;
	c[4] = d->bytes_read;
	spin_unlock_bh(&d->obj.seg->lock);
	seq_printf(m, "accesses %llu\nwrites %llu\nreads %llu\nbytes_written %llu\nbytes_read %llu\n",
		   c[0], c[1], c[2], c[3], c[4]);
	return 0;
}

static int ssim_nvmeb_counters_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_nvmeb_counters_show, inode->i_private);
}

/* Any write resets the counters. */
static ssize_t ssim_nvmeb_counters_write(struct file *file,
					 const char __user *buf,
					 size_t count, loff_t *ppos)
{
	struct ssim_nvmeb *d = ssim_nvmeb_of(file);

	spin_lock_bh(&d->obj.seg->lock);
	d->accesses = 0;
	d->writes = 0;
	d->reads = 0;
	d->bytes_written = 0;
	d->bytes_read = 0;
	spin_unlock_bh(&d->obj.seg->lock);
	return count;
}

static const struct file_operations ssim_nvmeb_counters_fops = {
	.owner = THIS_MODULE,
	.open = ssim_nvmeb_counters_open,
	.read = seq_read,
	.write = ssim_nvmeb_counters_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* temp: degrees C (-128..255; the encoding saturates), "none" or "failed" */
static int ssim_nvmeb_temp_show(struct seq_file *m, void *unused)
{
	struct ssim_nvmeb *d = m->private;
	enum ssim_nvmeb_temp_state st;
	int t;

	spin_lock_bh(&d->obj.seg->lock);
	st = d->temp_state;
	t = d->temp;
	spin_unlock_bh(&d->obj.seg->lock);
	if (st == SSIM_NVMEB_T_NONE)
		seq_puts(m, "none\n");
	else if (st == SSIM_NVMEB_T_FAILED)
		seq_puts(m, "failed\n");
	else
		seq_printf(m, "%d\n", t);
	return 0;
}

static int ssim_nvmeb_temp_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_nvmeb_temp_show, inode->i_private);
}

static ssize_t ssim_nvmeb_temp_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct ssim_nvmeb *d = ssim_nvmeb_of(file);
	enum ssim_nvmeb_temp_state st = SSIM_NVMEB_T_OK;
	char buf[16];
	int t = 0, ret;

	ret = ssim_nvmeb_copy(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	if (!strcmp(buf, "none"))
		st = SSIM_NVMEB_T_NONE;
	else if (!strcmp(buf, "failed"))
		st = SSIM_NVMEB_T_FAILED;
	else if (kstrtoint(buf, 10, &t) || t < SSIM_NVMEB_TEMP_MIN ||
		 t > SSIM_NVMEB_TEMP_MAX)
		return -EINVAL;
	spin_lock_bh(&d->obj.seg->lock);
	d->temp_state = st;
	if (st == SSIM_NVMEB_T_OK)
		d->temp = t;
	spin_unlock_bh(&d->obj.seg->lock);
	return count;
}

static const struct file_operations ssim_nvmeb_temp_fops = {
	.owner = THIS_MODULE,
	.open = ssim_nvmeb_temp_open,
	.read = seq_read,
	.write = ssim_nvmeb_temp_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* serial: up to 20 printable ASCII characters, space padded on the wire */
static int ssim_nvmeb_serial_show(struct seq_file *m, void *unused)
{
	struct ssim_nvmeb *d = m->private;
	char sn[SSIM_NVMEB_SN_LEN + 1];
	int len;

	spin_lock_bh(&d->obj.seg->lock);
	memcpy(sn, d->serial, SSIM_NVMEB_SN_LEN);
	spin_unlock_bh(&d->obj.seg->lock);
	for (len = SSIM_NVMEB_SN_LEN; len > 0 && sn[len - 1] == ' '; len--)
		;
	sn[len] = '\0';
	seq_printf(m, "%s\n", sn);
	return 0;
}

static int ssim_nvmeb_serial_open(struct inode *inode, struct file *file)
{
	return single_open(file, ssim_nvmeb_serial_show, inode->i_private);
}

static ssize_t ssim_nvmeb_serial_write(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	struct ssim_nvmeb *d = ssim_nvmeb_of(file);
	char buf[SSIM_NVMEB_SN_LEN + 2];
	size_t i, len;
	int ret;

	ret = ssim_nvmeb_copy(ubuf, count, buf, sizeof(buf));
	if (ret)
		return ret;
	len = strlen(buf);
	if (len > SSIM_NVMEB_SN_LEN)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			return -EINVAL;
	spin_lock_bh(&d->obj.seg->lock);
	memset(d->serial, ' ', SSIM_NVMEB_SN_LEN);
	memcpy(d->serial, buf, len);
	spin_unlock_bh(&d->obj.seg->lock);
	return count;
}

static const struct file_operations ssim_nvmeb_serial_fops = {
	.owner = THIS_MODULE,
	.open = ssim_nvmeb_serial_open,
	.read = seq_read,
	.write = ssim_nvmeb_serial_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* status, warnings, pdlu (one byte each) and vid (two): numbers */
#define SSIM_NVMEB_NUM_ATTR(_field, _max)				\
static int ssim_nvmeb_##_field##_get(void *data, u64 *val)		\
{									\
	struct ssim_nvmeb *d = data;					\
									\
	*val = READ_ONCE(d->_field);					\
	return 0;							\
}									\
static int ssim_nvmeb_##_field##_set(void *data, u64 val)		\
{									\
	struct ssim_nvmeb *d = data;					\
									\
	if (val > (_max))						\
		return -EINVAL;						\
	spin_lock_bh(&d->obj.seg->lock);				\
	d->_field = val;						\
	spin_unlock_bh(&d->obj.seg->lock);				\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE(ssim_nvmeb_##_field##_fops,			\
			 ssim_nvmeb_##_field##_get,			\
			 ssim_nvmeb_##_field##_set, "0x%02llx\n")

SSIM_NVMEB_NUM_ATTR(status, 0xff);
SSIM_NVMEB_NUM_ATTR(warnings, 0xff);
SSIM_NVMEB_NUM_ATTR(pdlu, 0xff);
SSIM_NVMEB_NUM_ATTR(vid, 0xffff);

/* ---- the object ---- */

static void ssim_nvmeb_show(struct ssim_obj *obj, struct seq_file *m)
{
	struct ssim_nvmeb *d = container_of(obj, struct ssim_nvmeb, obj);
	char bus[SSIM_NAME_LEN + 4];

	ssim_bus_name(obj->bus, bus, sizeof(bus));
	seq_printf(m, "on=%s addr=0x%02x\n", bus, d->ep.addr);
}

static void ssim_nvmeb_destroy(struct ssim_obj *obj)
{
	struct ssim_nvmeb *d = container_of(obj, struct ssim_nvmeb, obj);

	spin_lock_bh(&obj->seg->lock);
	__ssim_ep_unlink(&d->ep);
	spin_unlock_bh(&obj->seg->lock);
	kfree(d);
}

static const struct ssim_obj_ops ssim_nvmeb_ops = {
	.kind = "nvme-basic",
	.show = ssim_nvmeb_show,
	.destroy = ssim_nvmeb_destroy,
};

int ssim_nvme_basic_create(struct ssim_seg *seg, const char *name,
			   struct ssim_bus *bus, struct ssim_obj *depends,
			   u16 addr)
{
	struct ssim_nvmeb *d;
	struct dentry *dir;
	int ret;

	ret = ssim_obj_check(seg, name);
	if (ret)
		return ret;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->ep.obj = &d->obj;
	d->ep.ops = &ssim_nvmeb_ep_ops;
	d->ep.addr = addr;
	/* ready, functional, no reset needed, link up; reserved bits set */
	d->status = 0x3f;
	d->warnings = 0xff;
	d->temp = 35;
	memset(d->serial, ' ', SSIM_NVMEB_SN_LEN);
	ssim_obj_add(seg, &d->obj, name, &ssim_nvmeb_ops, bus, depends);

	dir = ssim_obj_dir(&d->obj);
	debugfs_create_file("counters", 0644, dir, d, &ssim_nvmeb_counters_fops);
	debugfs_create_file("temp", 0644, dir, d, &ssim_nvmeb_temp_fops);
	debugfs_create_file("serial", 0644, dir, d, &ssim_nvmeb_serial_fops);
	debugfs_create_file_unsafe("status", 0644, dir, d, &ssim_nvmeb_status_fops);
	debugfs_create_file_unsafe("warnings", 0644, dir, d, &ssim_nvmeb_warnings_fops);
	debugfs_create_file_unsafe("pdlu", 0644, dir, d, &ssim_nvmeb_pdlu_fops);
	debugfs_create_file_unsafe("vid", 0644, dir, d, &ssim_nvmeb_vid_fops);

	spin_lock_bh(&seg->lock);
	__ssim_ep_link(bus, &d->ep);
	spin_unlock_bh(&seg->lock);
	return 0;
}
