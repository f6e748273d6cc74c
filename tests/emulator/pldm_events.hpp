// SPDX-License-Identifier: GPL-2.0
// Sending the PLDM card's events: PlatformEventMessage requests (MCTP
// type 1, tag owner) to the event receiver a BMC set, through the physical
// address SetEventReceiver came from when the receiver sent it itself
// (the emulator's namespace has no routes), else by route. Each waits for
// its response and is sent again after a timeout (PT2), with the same
// instance ID, up to PN1 retries; the outcome is logged. A thread of its
// own, so that the card goes on answering while an event waits.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "mctpxx/socket.hpp"
#include "pldmxx/base.hpp"

namespace mctpxx::emu::pldm {

struct EventTarget {
	std::uint8_t eid = 0;
	std::optional<ExtAddress> ext; // the receiver's link and physical address
};

class EventSender {
public:
	using Say = std::function<void(const std::string &)>;
	explicit EventSender(Say say, std::chrono::milliseconds timeout = std::chrono::milliseconds(1000),
			     unsigned retries = mctpxx::pldm::timing::kPn1Retries);
	~EventSender();
	EventSender(const EventSender &) = delete;
	EventSender &operator=(const EventSender &) = delete;

	// Queues @request (a whole PlatformEventMessage request) for @to;
	// @what names it in the log.
	void send(EventTarget to, std::vector<std::uint8_t> request, std::string what);

private:
	struct Item {
		EventTarget to;
		std::vector<std::uint8_t> request;
		std::string what;
	};
	void run();
	void deliver(Socket &sock, const Item &item);

	Say say_;
	std::chrono::milliseconds timeout_;
	unsigned retries_;
	std::mutex mu_;
	std::condition_variable cv_;
	std::deque<Item> queue_;
	bool stop_ = false;
	std::thread thread_;
};

} // namespace mctpxx::emu::pldm
