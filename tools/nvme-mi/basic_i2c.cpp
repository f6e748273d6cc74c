// SPDX-License-Identifier: GPL-2.0
#include "basic_i2c.hpp"

#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <sys/ioctl.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "basic_mgmt.hpp"

namespace mctpxx::nvmed::basic {

Result<unsigned> find_adapter(const std::string &name)
{
	std::error_code ec;
	for (const auto &e : std::filesystem::directory_iterator("/sys/bus/i2c/devices", ec)) {
		const std::string dev = e.path().filename();
		unsigned nr;
		char tail;
		if (std::sscanf(dev.c_str(), "i2c-%u%c", &nr, &tail) != 1)
			continue;
		std::ifstream in(e.path() / "name");
		std::string got;
		if (std::getline(in, got) && got == name)
			return nr;
	}
	if (ec)
		return fail(Error::sys(ec.value(), "listing /sys/bus/i2c/devices"));
	return fail(Error{ENODEV, "no i2c adapter named \"" + name + "\""});
}

std::string I2cReader::where() const
{
	char a[8];
	std::snprintf(a, sizeof(a), "0x%02x", rule_.address);
	return "i2c bus " + rule_.bus() + " address " + a + ": ";
}

Error I2cReader::failed(const std::string &what, int err) const
{
	return Error::sys(err, where() + what);
}

Status I2cReader::open()
{
	if (rule_.bus_number) {
		busnr_ = *rule_.bus_number;
	} else {
		auto nr = find_adapter(rule_.bus_name);
		if (!nr)
			return fail(Error{nr.error().code, where() + nr.error().message});
		busnr_ = *nr;
	}
	const std::string dev = "/dev/i2c-" + std::to_string(busnr_);
	Fd fd(::open(dev.c_str(), O_RDWR | O_CLOEXEC));
	if (!fd)
		return fail(failed("opening " + dev, errno));
	unsigned long funcs = 0;
	if (ioctl(fd.get(), I2C_FUNCS, &funcs) < 0)
		return fail(failed("I2C_FUNCS on " + dev, errno));
	if (!(funcs & I2C_FUNC_I2C))
		return fail(failed(dev + " takes no plain I2C transfers (I2C_RDWR); SMBus-only "
				     "controllers are not supported yet",
				     EOPNOTSUPP));
	fd_ = std::move(fd);
	return {};
}

Result<std::vector<std::uint8_t>> I2cReader::read()
{
	if (!fd_)
		if (auto s = open(); !s)
			return fail(s.error());
	std::uint8_t cmd = 0;
	std::vector<std::uint8_t> data(kReadLength);
	i2c_msg msgs[2] = {
		{.addr = rule_.address, .flags = 0, .len = 1, .buf = &cmd},
		{.addr = rule_.address,
		 .flags = I2C_M_RD,
		 .len = static_cast<__u16>(data.size()),
		 .buf = data.data()},
	};
	i2c_rdwr_ioctl_data x = {.msgs = msgs, .nmsgs = 2};
	if (ioctl(fd_.get(), I2C_RDWR, &x) < 0) {
		const int err = errno;
		// the adapter may have gone (a mux channel removed): reopen next time
		if (err == ENODEV || err == EBADF)
			fd_.reset();
		return fail(failed("reading the Basic Management data", err));
	}
	return data;
}

} // namespace mctpxx::nvmed::basic
