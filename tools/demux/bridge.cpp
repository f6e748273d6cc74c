// SPDX-License-Identifier: GPL-2.0
#include "bridge.hpp"

#include <sys/epoll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "frame.hpp"
#include "log.hpp"
#include "mctpxx/unreachable.hpp"

namespace mctpxx::demux {
namespace {

std::string type_name(std::uint8_t type)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", type);
	return b;
}

pid_t peer_pid(int fd)
{
	ucred cred{};
	socklen_t len = sizeof(cred);
	if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		return 0;
	return cred.pid;
}

} // namespace

std::string Client::name() const
{
	std::string s = "client " + std::to_string(id);
	if (pid > 0)
		s += " (pid " + std::to_string(pid) + ")";
	return s;
}

Bridge::Bridge(sd_event *ev, Fd listener, BridgeOptions opts)
	: ev_(ev), listener_(std::move(listener)), opts_(opts), rx_(kMaxDatagram + 1)
{
}

Bridge::~Bridge()
{
	accept_io_.reset();
	clients_.clear();
	types_.clear();
}

Status Bridge::start()
{
	sd_event_source *s = nullptr;
	int r = sd_event_add_io(ev_, &s, listener_.get(), EPOLLIN, on_accept, this);
	if (r < 0)
		return fail(dbus::error(r, "watching the listening socket"));
	accept_io_.reset(s);
	return {};
}

int Bridge::on_accept(sd_event_source *, int, std::uint32_t, void *self)
{
	static_cast<Bridge *>(self)->accept_one();
	return 0;
}

void Bridge::accept_one()
{
	Fd conn(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
	if (!conn) {
		if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
			log_error(std::string("accepting a client: ") + std::strerror(errno));
		return;
	}
	const pid_t pid = peer_pid(conn.get());
	auto c = std::make_unique<Client>(*this, next_id_++, std::move(conn), pid);
	if (clients_.size() >= opts_.max_clients) {
		log_error(c->name() + " refused: already " + std::to_string(clients_.size()) +
			  " clients, the limit (--max-clients)");
		return; // closed as it goes out of scope
	}
	sd_event_source *s = nullptr;
	int r = sd_event_add_io(ev_, &s, c->conn.get(), EPOLLIN, on_client, c.get());
	if (r < 0) {
		log_error(c->name() + " refused: " + dbus::error(r, "watching it").message);
		return;
	}
	c->conn_io.reset(s);
	log_debug(c->name() + " connected");
	const unsigned id = c->id;
	clients_.emplace(id, std::move(c));
}

int Bridge::on_client(sd_event_source *, int, std::uint32_t, void *client)
{
	auto *c = static_cast<Client *>(client);
	c->bridge.client_readable(*c);
	return 0;
}

// One datagram per wakeup: the loop comes back while more are queued.
void Bridge::client_readable(Client &c)
{
	ssize_t n = ::recv(c.conn.get(), rx_.data(), rx_.size(), MSG_DONTWAIT | MSG_TRUNC);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {
		drop(c, std::string("receive failed: ") + std::strerror(errno), true);
		return;
	}
	if (n == 0) {
		drop(c, "disconnected", false);
		return;
	}
	const auto length = static_cast<std::size_t>(n);
	std::span<const std::uint8_t> d(rx_.data(), std::min(length, rx_.size()));
	if (!c.registered())
		register_client(c, d);
	else
		forward(c, d, length);
}

void Bridge::register_client(Client &c, std::span<const std::uint8_t> d)
{
	auto type = parse_registration(d);
	if (!type) {
		drop(c, type.error().message, true);
		return;
	}
	auto sock = Socket::open();
	if (!sock) {
		drop(c, "no AF_MCTP socket for it: " + sock.error().message, true);
		return;
	}
	sd_event_source *s = nullptr;
	int r = sd_event_add_io(ev_, &s, sock->fd(), EPOLLIN, on_client_mctp, &c);
	if (r < 0) {
		drop(c, dbus::error(r, "watching its AF_MCTP socket").message, true);
		return;
	}
	c.mctp.emplace(std::move(*sock));
	c.mctp_io.reset(s);
	c.type = *type;
	listen_type(c);
	log_info(c.name() + " registered for message type " + type_name(*type));
}

void Bridge::forward(Client &c, std::span<const std::uint8_t> d, std::size_t length)
{
	auto out = parse_outgoing(d, length);
	if (!out) {
		log_error(c.name() + ": datagram rejected: " + out.error().message);
		return;
	}
	Address to;
	to.net = opts_.net;
	to.eid = out->eid;
	to.type = out->type;
	to.tag = kTagOwner;
	if (auto s = c.mctp->send(to, out->body); !s) {
		log_warning(c.name() + ": message of type " + type_name(out->type) + " not sent: " +
			    explain_unreachable(s.error(), to.net, to.eid).message);
		return;
	}
	log_debug(c.name() + ": request of type " + type_name(out->type) + ", " +
		  std::to_string(out->body.size() + 1) + " bytes, to EID " + std::to_string(out->eid));
}

int Bridge::on_client_mctp(sd_event_source *, int, std::uint32_t, void *client)
{
	auto *c = static_cast<Client *>(client);
	c->bridge.client_mctp_readable(*c);
	return 0;
}

// A response to one of the client's requests: to that client only.
void Bridge::client_mctp_readable(Client &c)
{
	auto m = c.mctp->receive(Clock::now());
	if (!m) {
		if (m.error().code != ETIMEDOUT)
			log_warning(c.name() + ": " + m.error().message);
		return;
	}
	log_debug(c.name() + ": response of type " + type_name(m->from.type) + ", " +
		  std::to_string(m->data.size() + 1) + " bytes, from EID " +
		  std::to_string(m->from.eid));
	if (!deliver(c, *m))
		drop(c, "gone while a response was delivered", false);
}

int Bridge::on_type(sd_event_source *, int, std::uint32_t, void *listener)
{
	auto *l = static_cast<TypeListener *>(listener);
	l->bridge->type_readable(*l);
	return 0;
}

// A request to this host: to every client registered for its type.
void Bridge::type_readable(TypeListener &l)
{
	auto m = l.sock->receive(Clock::now());
	if (!m) {
		if (m.error().code != ETIMEDOUT)
			log_warning("listener of type " + type_name(l.type) + ": " + m.error().message);
		return;
	}
	log_debug("request of type " + type_name(m->from.type) + ", " +
		  std::to_string(m->data.size() + 1) + " bytes, from EID " +
		  std::to_string(m->from.eid));
	std::vector<unsigned> gone;
	for (auto &[id, c] : clients_)
		if (c->type && type_matches(*c->type, m->from.type) && !deliver(*c, *m))
			gone.push_back(id);
	// Dropping may close this listener: @l is not touched again.
	for (unsigned id : gone)
		if (auto it = clients_.find(id); it != clients_.end())
			drop(*it->second, "gone while a request was delivered", false);
}

bool Bridge::deliver(Client &c, const Message &m)
{
	if (m.truncated) {
		log_warning(c.name() + ": message from EID " + std::to_string(m.from.eid) +
			    " longer than 64 KiB dropped");
		return true;
	}
	auto d = encode_incoming(m.from.eid, m.from.type, m.data);
	if (::send(c.conn.get(), d.data(), d.size(), MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
		return true;
	if (errno == EAGAIN || errno == ENOBUFS) {
		log_warning(c.name() + " does not keep up: message of " + std::to_string(d.size()) +
			    " bytes from EID " + std::to_string(m.from.eid) + " dropped");
		return true;
	}
	if (errno == EPIPE || errno == ECONNRESET)
		return false;
	log_warning(c.name() + ": delivery failed: " + std::strerror(errno));
	return true;
}

void Bridge::listen_type(Client &c)
{
	const std::uint8_t type = *c.type;
	auto &l = types_[type];
	if (!l) {
		l = std::make_unique<TypeListener>();
		l->bridge = this;
		l->type = type;
	}
	l->users++;
	if (l->sock)
		return;
	// (Re)tried for each client of the type until it works: another
	// program may hold the type for a while.
	auto sock = Socket::open();
	if (sock) {
		if (auto s = sock->bind(opts_.net, kEidAny, type); !s)
			sock = fail(s.error());
	}
	sd_event_source *src = nullptr;
	int r = sock ? sd_event_add_io(ev_, &src, sock->fd(), EPOLLIN, on_type, l.get()) : 0;
	if (!sock || r < 0) {
		log_warning("requests of type " + type_name(type) + " to this host are not received: " +
			    (sock ? dbus::error(r, "watching the socket").message
				  : sock.error().message) +
			    "; " + c.name() + " gets only the responses to its own requests");
		return;
	}
	l->sock.emplace(std::move(*sock));
	l->io.reset(src);
	log_debug("listening for requests of type " + type_name(type));
}

void Bridge::release_type(std::uint8_t type)
{
	auto it = types_.find(type);
	if (it == types_.end() || --it->second->users > 0)
		return;
	if (it->second->sock)
		log_debug("no client of type " + type_name(type) + " left: its listener closed");
	types_.erase(it);
}

void Bridge::drop(Client &c, const std::string &why, bool error)
{
	const std::string msg = c.name() + " closed: " + why;
	if (error)
		log_error(msg);
	else
		log_info(msg);
	const auto type = c.type;
	clients_.erase(c.id); // @c is gone from here on
	if (type)
		release_type(*type);
}

} // namespace mctpxx::demux
