// SPDX-License-Identifier: GPL-2.0
// The bridge between "\0mctp-mux" clients and AF_MCTP. Delivery rules:
//  - a client's datagram [EID][type][body] goes out as a request (tag
//    owner set, tag allocated by the kernel) on that client's own AF_MCTP
//    socket;
//  - the responses to it come back on that socket and go to that client
//    only, whatever type it registered for;
//  - a request arriving for this host (tag owner set) is received on one
//    socket bound per registered type, and goes to every client registered
//    for that type (low 7 bits); a message of a type nobody registered for
//    stays with the kernel (no socket bound for it).
// Everything runs on one sd-event loop and never blocks on a client.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "client.hpp"
#include "dbus.hpp"
#include "mctpxx/fd.hpp"
#include "mctpxx/socket.hpp"

namespace mctpxx::demux {

struct BridgeOptions {
	unsigned net = kNetAny;
	std::size_t max_clients = 64;
};

class Bridge {
public:
	// @listener: a listening AF_UNIX SOCK_SEQPACKET socket.
	Bridge(sd_event *ev, Fd listener, BridgeOptions opts);
	Bridge(const Bridge &) = delete;
	Bridge &operator=(const Bridge &) = delete;
	~Bridge();

	Status start();

private:
	// A socket bound to one message type for requests to this host, shared
	// by the clients registered for it, closed with the last of them.
	struct TypeListener {
		Bridge *bridge = nullptr;
		std::uint8_t type = 0;
		unsigned users = 0;
		std::optional<Socket> sock;
		dbus::EventSource io;
	};

	static int on_accept(sd_event_source *, int, std::uint32_t, void *self);
	static int on_client(sd_event_source *, int, std::uint32_t, void *client);
	static int on_client_mctp(sd_event_source *, int, std::uint32_t, void *client);
	static int on_type(sd_event_source *, int, std::uint32_t, void *listener);

	void accept_one();
	void client_readable(Client &c);
	void client_mctp_readable(Client &c);
	void type_readable(TypeListener &l);
	void register_client(Client &c, std::span<const std::uint8_t> d);
	void forward(Client &c, std::span<const std::uint8_t> d, std::size_t length);
	// false when the client is gone or must go (the caller drops it)
	bool deliver(Client &c, const Message &m);
	void listen_type(Client &c);
	void release_type(std::uint8_t type);
	void drop(Client &c, const std::string &why, bool error);

	sd_event *ev_;
	Fd listener_;
	BridgeOptions opts_;
	dbus::EventSource accept_io_;
	unsigned next_id_ = 1;
	std::map<unsigned, std::unique_ptr<Client>> clients_;
	std::map<std::uint8_t, std::unique_ptr<TypeListener>> types_;
	std::vector<std::uint8_t> rx_;
};

} // namespace mctpxx::demux
