// SPDX-License-Identifier: GPL-2.0
#include "firmware_update.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <vector>

#include "daemon/log.hpp"
#include "drive.hpp"
#include "session.hpp"

namespace mctpxx::nvmed {
namespace {

using daemon::log_notice;
using daemon::log_warning;

// Tries of one chunk when the drive does not answer in time (the same
// chunk again is harmless); an NVMe error status ends the update at once.
constexpr int kChunkTries = 3;
// The longest wait for each answer to Firmware Commit (More Processing
// Required ones included): committing takes a drive longer than a poll.
constexpr std::chrono::milliseconds kCommitStep{5000};

constexpr const char *kVersionInterface = "xyz.openbmc_project.Software.Version";

bool transient(const Error &e)
{
	return e.code == ETIMEDOUT || e.code == EAGAIN || e.code == EBUSY;
}

// A report from the worker, applied on the event loop.
struct Report {
	fw::State state;
	unsigned progress;
	std::string reason;
	std::optional<Identity> identity; // read again after activation
};

} // namespace

struct FirmwareUpdate::Shared {
	// event loop only
	bool alive = true;
	Drive *drive = nullptr; // valid while alive
	sd_bus *bus = nullptr;
	FirmwareStatus status;
	// shared with the worker
	std::atomic<bool> cancel{false};
	std::atomic<bool> committing{false};

	void apply(Report r);
};

namespace {

// What the job needs, kept in one place the (copyable) job shares.
struct JobInput {
	Fd image;
	std::size_t size = 0;
	unsigned slot = 0;
	fw::Action action = fw::Action::ReplaceActivate;
	std::string drive; // the drive's session name, for messages
};

class Job {
public:
	Job(std::shared_ptr<FirmwareUpdate::Shared> sh, std::shared_ptr<JobInput> in, Mailbox &mb)
		: sh_(std::move(sh)), in_(std::move(in)), mb_(mb)
	{
	}
	void operator()(Session &s, const std::function<bool()> &stopping);

private:
	void report(fw::State st, unsigned progress, std::string reason = {},
		    std::optional<Identity> id = {});
	void failed(std::string reason) { report(fw::State::Failed, 0, std::move(reason)); }
	Result<std::vector<std::uint8_t>> read_image();
	bool download(Session &s, const std::vector<std::uint8_t> &image,
		      const std::function<bool()> &stopping);
	void commit(Session &s);

	std::shared_ptr<FirmwareUpdate::Shared> sh_;
	std::shared_ptr<JobInput> in_;
	Mailbox &mb_;
};

void Job::report(fw::State st, unsigned progress, std::string reason, std::optional<Identity> id)
{
	mb_.post([sh = sh_, r = Report{st, progress, std::move(reason), std::move(id)}]() mutable {
		sh->apply(std::move(r));
	});
}

Result<std::vector<std::uint8_t>> Job::read_image()
{
	std::vector<std::uint8_t> buf(in_->size);
	std::size_t got = 0;
	while (got < buf.size()) {
		const ssize_t n = pread(in_->image.get(), buf.data() + got, buf.size() - got,
					static_cast<off_t>(got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(Error::last("reading the image"));
		if (n == 0)
			return fail(Error::msg("the image shrank to " + std::to_string(got) +
					       " bytes while it was read (it was " +
					       std::to_string(buf.size()) + ")"));
		got += static_cast<std::size_t>(n);
	}
	in_->image.reset();
	return buf;
}

bool Job::download(Session &s, const std::vector<std::uint8_t> &image,
		   const std::function<bool()> &stopping)
{
	const std::size_t size = image.size();
	unsigned shown = 0;
	for (fw::Chunk c = fw::chunk_at(0, size); c.length;
	     c = fw::chunk_at(c.offset + c.length, size)) {
		if (stopping()) {
			failed("the daemon stopped managing the drive during the download");
			return false;
		}
		if (sh_->cancel) {
			failed("cancelled at byte " + std::to_string(c.offset) + " of " +
			       std::to_string(size) + "; nothing was committed");
			return false;
		}
		Status st;
		for (int i = 0; i < kChunkTries; i++) {
			st = s.firmware_download(c.offset, {image.data() + c.offset, c.length});
			if (st || !transient(st.error()))
				break;
		}
		if (!st) {
			const std::string where =
				" at byte " + std::to_string(c.offset) + " of " + std::to_string(size);
			failed((transient(st.error()) ? "the drive stopped answering during the download"
						      : "the drive refused the download") +
			       where + ": " + st.error().message);
			return false;
		}
		const unsigned p = fw::download_progress(c.offset + c.length, size);
		if (p != shown) {
			report(fw::State::Downloading, p);
			shown = p;
		}
	}
	return true;
}

void Job::commit(Session &s)
{
	const std::string what = "Firmware Commit to slot " + std::to_string(in_->slot) + " (" +
				 fw::action_name(in_->action) + ")";
	sh_->committing = true;
	report(fw::State::Committing, fw::progress_of(fw::State::Committing, 0, 0));
	auto rc = s.firmware_commit(in_->slot, static_cast<std::uint8_t>(in_->action), kCommitStep);
	if (!rc)
		return failed("no answer to " + what + ": " + rc.error().message);
	if (*rc != 0 && !fw::needs_reset(*rc))
		return failed("the drive refused " + what + ": " + fw::status_text(*rc));
	if (*rc != 0)
		return report(fw::State::Committed, 100,
			      "committed; the drive runs it after a reset: " + fw::status_text(*rc));
	const fw::State end = fw::success_state(in_->action);
	if (end != fw::State::Activated)
		return report(end, 100);
	auto id = s.identify();
	if (!id)
		return report(end, 100, "activated; reading Identify again failed: " +
						id.error().message);
	report(end, 100, {}, *id);
}

void Job::operator()(Session &s, const std::function<bool()> &stopping)
{
	auto image = read_image();
	if (!image)
		return failed(image.error().message);
	if (download(s, *image, stopping))
		commit(s);
}

} // namespace

void FirmwareUpdate::Shared::apply(Report r)
{
	if (!alive)
		return; // the drive is gone; its object with it
	const bool was_running = fw::running(status.state);
	status.state = r.state;
	status.reason = std::move(r.reason);
	// monotone within an update; 0 after a failure, not a stale figure
	status.progress = r.state == fw::State::Failed ? 0 : std::max(status.progress, r.progress);
	if (!fw::running(r.state)) {
		cancel = false;
		committing = false;
	}
	const std::string path = drive->inventory_path();
	sd_bus_emit_properties_changed(bus, path.c_str(), kFirmwareInterface, "State", "Progress",
				       "Reason", nullptr);
	if (r.identity) {
		drive->state.identity = std::move(*r.identity);
		sd_bus_emit_properties_changed(bus, path.c_str(), kVersionInterface, "Version",
					       nullptr);
	}
	const daemon::LogFields f{.eid = drive->endpoint.eid, .net = drive->endpoint.net,
				  .object = path};
	if (was_running && r.state == fw::State::Failed)
		log_warning("drive " + drive->name + ": firmware update failed: " + status.reason, f);
	else if (was_running && !fw::running(r.state))
		log_notice("drive " + drive->name + ": firmware update " +
				   fw::state_name(r.state) +
				   (drive->state.identity
					    ? ", running " + drive->state.identity->firmware
					    : std::string()) +
				   (status.reason.empty() ? "" : " (" + status.reason + ")"),
			   f);
}

FirmwareUpdate::FirmwareUpdate() : shared_(std::make_shared<Shared>()) {}

FirmwareUpdate::~FirmwareUpdate()
{
	shared_->alive = false;
	shared_->cancel = true;
}

const FirmwareStatus &FirmwareUpdate::status() const
{
	return shared_->status;
}

std::optional<fw::Refusal> FirmwareUpdate::start(Drive &d, sd_bus *bus, Fd image, std::size_t size,
						 unsigned slot, fw::Action action)
{
	auto in = std::make_shared<JobInput>();
	in->image = std::move(image);
	in->size = size;
	in->slot = slot;
	in->action = action;
	in->drive = d.name;
	// the image's first bytes, for the log and the interface
	std::uint8_t head[8];
	const ssize_t n = pread(in->image.get(), head, sizeof(head), 0);
	const std::string revision =
		n == sizeof(head) ? fw::image_revision(head, sizeof(head)) : std::string();

	shared_->drive = &d;
	shared_->bus = bus;
	shared_->cancel = false;
	shared_->committing = false;
	if (!d.worker || !d.worker->run_job(Job(shared_, in, d.worker->mailbox())))
		return fw::Refusal{fw::kErrorBusy, "the worker of drive " + d.name +
							   " has an update queued already"};
	shared_->status = {fw::State::Downloading, 0, {}, revision};
	sd_bus_emit_properties_changed(bus, d.inventory_path().c_str(), kFirmwareInterface, "State",
				       "Progress", "Reason", "ImageRevision", nullptr);
	log_notice("drive " + d.name + ": firmware update started: " + std::to_string(size) +
			   " bytes" + (revision.empty() ? "" : " (revision " + revision + ")") +
			   " to slot " + std::to_string(slot) + ", " + fw::action_name(action),
		   {.eid = d.endpoint.eid, .net = d.endpoint.net, .object = d.inventory_path()});
	return std::nullopt;
}

bool FirmwareUpdate::cancel()
{
	if (!fw::running(shared_->status.state) || shared_->committing)
		return false;
	shared_->cancel = true;
	return true;
}

} // namespace mctpxx::nvmed
