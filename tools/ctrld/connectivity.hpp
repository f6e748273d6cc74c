// SPDX-License-Identifier: GPL-2.0
// The connectivity state of one endpoint: what liveness polls and the
// host's power state make of it. Pure logic; the bus owner acts on the
// returned verdicts.
#pragma once

#include <cstdint>
#include <string>

namespace mctpxx::ctrld {

enum class State { Available, Degraded, Unavailable };

const char *to_string(State s);

inline constexpr const char *kReasonHostOff = "host off";
inline constexpr const char *kReasonNoResponse = "not responding";
inline constexpr const char *kReasonHostStarting = "waiting for the endpoint after host power-on";
inline constexpr const char *kReasonNoResponseAfterPowerOn = "not responding after host power-on";

struct Verdict {
	bool changed = false; // State or Reason changed: publish
	bool remove = false;  // give up on the endpoint
	bool heard = false;   // an answer: LastResponse moved
};

class Connectivity {
public:
	struct Policy {
		unsigned degraded_after = 1;
		unsigned remove_after = 3;
	};

	Connectivity(Policy p, bool host_powered) : policy_(p), host_powered_(host_powered) {}

	State state() const { return state_; }
	const std::string &reason() const { return reason_; }
	bool host_powered() const { return host_powered_; }
	unsigned failures() const { return failures_; }
	// When the endpoint last answered (µs since the epoch, 0: never).
	std::uint64_t last_response() const { return last_response_; }
	// Liveness polls run only while the endpoint can be expected to answer.
	bool pollable() const { return !held_by_host_; }
	// Waiting for rediscovery after the host came back.
	bool awaiting_host() const { return held_by_host_ && host_on_; }

	// A liveness poll (or a re-setup) got an answer at @at_us (µs since
	// the epoch), or the endpoint was set up then.
	Verdict answered(std::uint64_t at_us);
	// A liveness poll got no answer (after retries).
	Verdict silent();
	// The host's power state; ignored for endpoints not host-powered.
	Verdict host_off();
	// The host is on and settled (after the debounce): rediscovery
	// starts; the endpoint leaves Unavailable once it answers.
	Verdict host_on();
	// Rediscovery after power-on found nothing (retried at rescans).
	Verdict rediscovery_failed();

private:
	Verdict set(State s, std::string reason);

	Policy policy_;
	bool host_powered_;
	State state_ = State::Available;
	std::string reason_;
	unsigned failures_ = 0;
	std::uint64_t last_response_ = 0;
	bool held_by_host_ = false; // Unavailable because of the host
	bool host_on_ = true;
};

} // namespace mctpxx::ctrld
