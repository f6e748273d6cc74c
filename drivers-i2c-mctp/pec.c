// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus PEC: CRC-8 with polynomial x^8 + x^2 + x + 1 (0x07), initial value
 * 0, over every byte of the transaction including the address bytes.
 * Every packet is checked once on each side, and a bit-at-a-time CRC costs
 * more than the rest of the receive path for a full 255-byte block, so it
 * is table driven, four bytes per step ("slicing"): the CRC is linear, so
 * the state after bytes b0..b3 is
 *
 *	T4[crc ^ b0] ^ T3[b1] ^ T2[b2] ^ T1[b3]
 *
 * where Tk[x] is the CRC of x followed by k - 1 zero bytes, that is T1
 * applied k times.
 */
#include <linux/i2c.h>
#include <linux/unaligned.h>

#include "i2c-mctp.h"

/* [k][x]: T(k + 1)[x]; filled by mi2c_pec_init() */
static u8 mi2c_pec_slice[4][256] __ro_after_init;

u8 mi2c_pec(u8 crc, const u8 *buf, size_t len)
{
	const u8 (*t)[256] = mi2c_pec_slice;
	u32 w;

	for (; len >= 4; len -= 4, buf += 4) {
		w = get_unaligned_le32(buf);
		crc = t[3][(crc ^ w) & 0xff] ^ t[2][(w >> 8) & 0xff] ^
		      t[1][(w >> 16) & 0xff] ^ t[0][w >> 24];
	}
	while (len--)
		crc = t[0][crc ^ *buf++];
	return crc;
}

/*
 * Fill the tables, T1 from the i2c core's own one-bit-at-a-time PEC, then
 * check every split of CRC-8/SMBUS's check string against that PEC, and
 * the whole string against the catalogued check value.
 */
int __init mi2c_pec_init(void)
{
	u8 check[] = "123456789";
	const unsigned int n = sizeof(check) - 1;
	unsigned int x, k, j;
	u8 byte;

	for (x = 0; x < 256; x++) {
		byte = x;
		mi2c_pec_slice[0][x] = i2c_smbus_pec(0, &byte, 1);
	}
	/* T1 whole first: Tk looks it up at any index */
	for (k = 1; k < 4; k++)
		for (x = 0; x < 256; x++)
			mi2c_pec_slice[k][x] =
				mi2c_pec_slice[0][mi2c_pec_slice[k - 1][x]];
	for (k = 0; k <= n; k++)
		for (j = 0; j <= k; j++)
			if (mi2c_pec(mi2c_pec(0, check, j), check + j, k - j) !=
			    i2c_smbus_pec(0, check, k))
				return -EINVAL;
	return mi2c_pec(0, check, n) == 0xf4 ? 0 : -EINVAL;
}
