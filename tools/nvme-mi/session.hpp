// SPDX-License-Identifier: GPL-2.0
// One drive through Debian's libnvme-mi (1.3): an MI endpoint on
// (network, EID) and its first controller. Every call blocks, so a
// Session is used only by its drive's worker thread (worker.hpp), never by
// the event loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drive_state.hpp"
#include "mctpxx/error.hpp"

// libnvme's opaque handles
struct nvme_root;
struct nvme_mi_ep;
struct nvme_mi_ctrl;

namespace mctpxx::nvmed {

class Session {
public:
	Session(unsigned net, std::uint8_t eid, std::chrono::milliseconds timeout);
	~Session();
	Session(const Session &) = delete;
	Session &operator=(const Session &) = delete;

	// NVM Subsystem Health Status Poll: the drive answers MI at all. An
	// answer with a wrong MIC is the error EBADMSG.
	Status health_poll();
	// The subsystem's controller IDs, as its controller list gave them
	// (read with the first controller; empty until then).
	const std::vector<std::uint16_t> &controller_ids() const { return controller_ids_; }
	// Identify Controller of the first controller.
	Result<Identity> identify();
	// SMART / Health Information log of the whole subsystem.
	Result<Health> smart();
	// The VPD's product info area (NVMe-MI VPD Read, which libnvme-mi 1.3
	// lacks: sent with the client library's NVMe-MI codec).
	Result<Fru> vpd();
	// Firmware Image Download of @data (whole dwords, at most 4096 bytes)
	// at byte @offset of the image.
	Status firmware_download(std::size_t offset, std::span<const std::uint8_t> data);
	// Firmware Commit of what was downloaded to @slot with commit @action,
	// each answer awaited for at most @step: libnvme-mi 1.3 waits through
	// the drive's More Processing Required answers itself (Debian's
	// build does not export nvme_mi_ep_set_mprt_max to bound their
	// number). The NVMe status when the drive answered (0: success), an
	// error when it did not.
	Result<int> firmware_commit(unsigned slot, std::uint8_t action,
				    std::chrono::milliseconds step);

	std::string name() const;

private:
	Status open();
	void close();
	Result<nvme_mi_ctrl *> controller();
	// An error for libnvme's return @rc of @what: negative is -1 with
	// errno, positive an NVMe (MI or admin) status. A timeout closes the
	// endpoint (see the .cpp).
	Error failed(int rc, const std::string &what);

	unsigned net_;
	std::uint8_t eid_;
	std::chrono::milliseconds timeout_;
	nvme_root *root_ = nullptr;
	nvme_mi_ep *ep_ = nullptr;
	nvme_mi_ctrl *ctrl_ = nullptr;
	std::vector<std::uint16_t> controller_ids_;
};

} // namespace mctpxx::nvmed
