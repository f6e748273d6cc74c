// SPDX-License-Identifier: GPL-2.0
// A Basic Management drive on an i2c bus through i2c-dev: the bus found by
// number or by adapter name, /dev/i2c-N opened on first use (and again
// after an error), the 32 bytes of command codes 0 and 8 read with one
// I2C_RDWR transfer (write the command code 0, repeated start, read), so
// the adapter must do plain I2C (I2C_FUNC_I2C; SMBus-only controllers are
// refused with a clear error). Every call blocks: used by the drive's
// worker thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config.hpp"
#include "mctpxx/error.hpp"
#include "mctpxx/fd.hpp"

namespace mctpxx::nvmed::basic {

// The number of the i2c adapter named @name (sysfs), or an error.
Result<unsigned> find_adapter(const std::string &name);

class I2cReader {
public:
	explicit I2cReader(const BasicDriveRule &rule) : rule_(rule) {}

	// The drive's data from offset 0 (kReadLength bytes); errors name the
	// bus and the address.
	Result<std::vector<std::uint8_t>> read();

private:
	Status open();
	std::string where() const; // "i2c bus B address 0xAA: "
	Error failed(const std::string &what, int err) const;

	BasicDriveRule rule_;
	Fd fd_;
	unsigned busnr_ = 0;
};

} // namespace mctpxx::nvmed::basic
