// SPDX-License-Identifier: GPL-2.0
#include "session.hpp"

#include "firmware_plan.hpp"

#include <libnvme-mi.h>

#include <endian.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <vector>

namespace mctpxx::nvmed {

Session::Session(unsigned net, std::uint8_t eid, std::chrono::milliseconds timeout)
	: net_(net), eid_(eid), timeout_(timeout)
{
}

Session::~Session()
{
	close();
	if (root_)
		nvme_mi_free_root(root_);
}

std::string Session::name() const
{
	return "mctp:" + std::to_string(net_) + "," + std::to_string(eid_);
}

Status Session::open()
{
	if (ep_)
		return {};
	if (!root_) {
		// libnvme's own messages only for errors, on stderr (the journal)
		root_ = nvme_mi_create_root(stderr, LOG_ERR);
		if (!root_)
			return fail(Error::last("libnvme-mi root"));
	}
	ep_ = nvme_mi_open_mctp(root_, net_, eid_);
	if (!ep_)
		return fail(Error::last("opening " + name()));
	nvme_mi_ep_set_timeout(ep_, static_cast<unsigned>(timeout_.count()));
	return {};
}

// libnvme 1.3 preallocates a tag for each request (SIOCMCTPALLOCTAG) and,
// when the response does not come in time, returns without dropping it:
// every timeout leaks one of the socket's eight tags to this EID until
// the socket is closed, and the ninth request fails with EBUSY. Closing
// the endpoint after a timeout closes its socket, which frees the tag;
// the next call opens it again.
void Session::close()
{
	if (ep_)
		nvme_mi_close(ep_);
	ep_ = nullptr;
	ctrl_ = nullptr;
}

Error Session::failed(int rc, const std::string &what)
{
	if (rc < 0) {
		const int err = errno ? errno : EIO;
		if (err == ETIMEDOUT || err == EAGAIN || err == EBUSY)
			close();
		return Error::sys(err, what + " (" + name() + ")");
	}
	char status[32];
	std::snprintf(status, sizeof(status), "0x%04x", rc);
	return Error{EPROTO, what + " (" + name() + "): NVMe status " + status};
}

Result<nvme_mi_ctrl *> Session::controller()
{
	if (auto s = open(); !s)
		return fail(s.error());
	if (ctrl_)
		return ctrl_;
	// the controller list read here rather than by nvme_mi_scan_ep(),
	// which keeps the IDs to itself (libnvme-mi 1.3 has no getter)
	nvme_ctrl_list list{};
	errno = 0;
	if (int rc = nvme_mi_mi_read_mi_data_ctrl_list(ep_, 0, &list); rc != 0)
		return fail(failed(rc, "reading the controller list"));
	controller_ids_.clear();
	const unsigned n = std::min<unsigned>(le16toh(list.num), NVME_ID_CTRL_LIST_MAX);
	for (unsigned i = 0; i < n; i++)
		controller_ids_.push_back(le16toh(list.identifier[i]));
	if (controller_ids_.empty())
		return fail(Error{ENODEV, "no controller in the controller list (" + name() + ")"});
	ctrl_ = nvme_mi_init_ctrl(ep_, controller_ids_.front());
	if (!ctrl_)
		return fail(Error::last("controller " + std::to_string(controller_ids_.front()) +
					" (" + name() + ")"));
	return ctrl_;
}

Status Session::health_poll()
{
	if (auto s = open(); !s)
		return s;
	nvme_mi_nvm_ss_health_status sshs{};
	errno = 0;
	if (int rc = nvme_mi_mi_subsystem_health_status_poll(ep_, true, &sshs); rc != 0) {
		if (mic_mismatch(rc))
			return fail(Error{EBADMSG, "subsystem health status poll (" + name() +
							   "): the answer's integrity check (MIC) failed"});
		return fail(failed(rc, "subsystem health status poll"));
	}
	return {};
}

Result<Identity> Session::identify()
{
	auto c = controller();
	if (!c)
		return fail(c.error());
	std::vector<std::uint8_t> buf(NVME_IDENTIFY_DATA_SIZE);
	errno = 0;
	if (int rc = nvme_mi_admin_identify_ctrl(*c, reinterpret_cast<nvme_id_ctrl *>(buf.data()));
	    rc != 0)
		return fail(failed(rc, "Identify Controller"));
	auto id = parse_identify(buf);
	if (!id)
		return fail(Error{EPROTO, "Identify Controller data too short (" + name() + ")"});
	return *id;
}

Result<Health> Session::smart()
{
	auto c = controller();
	if (!c)
		return fail(c.error());
	static_assert(sizeof(nvme_smart_log) == 512);
	std::vector<std::uint8_t> buf(sizeof(nvme_smart_log));
	errno = 0;
	if (int rc = nvme_mi_admin_get_log_smart(*c, NVME_NSID_ALL, false,
						 reinterpret_cast<nvme_smart_log *>(buf.data()));
	    rc != 0)
		return fail(failed(rc, "SMART / Health log"));
	auto h = parse_smart(buf);
	if (!h)
		return fail(Error{EPROTO, "SMART / Health log too short (" + name() + ")"});
	return *h;
}

Status Session::firmware_download(std::size_t offset, std::span<const std::uint8_t> data)
{
	auto c = controller();
	if (!c)
		return fail(c.error());
	nvme_fw_download_args args{};
	args.args_size = sizeof(args);
	args.offset = static_cast<__u32>(offset);
	args.data_len = static_cast<__u32>(data.size());
	// libnvme only reads it; its API is not const-correct
	args.data = const_cast<std::uint8_t *>(data.data());
	errno = 0;
	int rc = nvme_mi_admin_fw_download(*c, &args);
	if (rc < -1) { // some libnvme versions return -errno
		errno = -rc;
		rc = -1;
	}
	if (rc < 0)
		return fail(failed(rc, "Firmware Image Download"));
	if (rc > 0)
		return fail(Error{EPROTO, "Firmware Image Download (" + name() +
						  "): " + fw::status_text(rc)});
	return {};
}

Result<int> Session::firmware_commit(unsigned slot, std::uint8_t action,
				     std::chrono::milliseconds step)
{
	auto c = controller();
	if (!c)
		return fail(c.error());
	nvme_mi_ep_set_timeout(ep_, static_cast<unsigned>(std::max(step, timeout_).count()));
	nvme_fw_commit_args args{};
	args.args_size = sizeof(args);
	args.slot = static_cast<__u8>(slot);
	args.action = static_cast<nvme_fw_commit_ca>(action);
	errno = 0;
	int rc = nvme_mi_admin_fw_commit(*c, &args);
	if (rc < -1) {
		errno = -rc;
		rc = -1;
	}
	if (ep_)
		nvme_mi_ep_set_timeout(ep_, static_cast<unsigned>(timeout_.count()));
	if (rc < 0)
		return fail(failed(rc, "Firmware Commit"));
	return rc;
}

} // namespace mctpxx::nvmed
