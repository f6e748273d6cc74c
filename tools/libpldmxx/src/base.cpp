// SPDX-License-Identifier: GPL-2.0
#include "pldmxx/base.hpp"

#include <cstdio>

namespace mctpxx::pldm {
namespace {

constexpr std::uint8_t kRq = 0x80;
constexpr std::uint8_t kD = 0x40;
constexpr std::uint8_t kReserved = 0x20;
constexpr std::uint8_t kIidMask = 0x1f;
constexpr std::uint8_t kTypeMask = 0x3f;

constexpr std::array<std::uint32_t, 256> crc32_table()
{
	std::array<std::uint32_t, 256> t{};
	for (std::uint32_t i = 0; i < 256; i++) {
		std::uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
		t[i] = c;
	}
	return t;
}
constexpr auto kCrc32 = crc32_table();

std::string hex(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

Result<Bytes> finish(Writer w)
{
	return w.take();
}

} // namespace

std::string completion_code_name(std::uint8_t code)
{
	switch (code) {
	case cc::Success: return "success";
	case cc::Error: return "error";
	case cc::InvalidData: return "invalid data";
	case cc::InvalidLength: return "invalid length";
	case cc::NotReady: return "not ready";
	case cc::UnsupportedCommand: return "unsupported PLDM command";
	case cc::InvalidType: return "invalid PLDM type";
	}
	if (code >= 0x80)
		return "command-specific " + hex(code);
	return "reserved " + hex(code);
}

Result<Bytes> encode_header(const Header &h)
{
	if (h.instance_id > kIidMask)
		return fail(Error::msg("PLDM header: instance ID " + std::to_string(h.instance_id) +
				       " out of range (0-31)"));
	if (h.type > kTypeMask)
		return fail(Error::msg("PLDM header: PLDM type " + hex(h.type) +
				       " wider than 6 bits"));
	if (h.version > 3)
		return fail(Error::msg("PLDM header: header version " + std::to_string(h.version) +
				       " wider than 2 bits"));
	if (h.datagram && !h.request)
		return fail(Error::msg("PLDM header: D bit set in a response"));
	const std::uint8_t b0 = static_cast<std::uint8_t>((h.request ? kRq : 0) | (h.datagram ? kD : 0) |
							  h.instance_id);
	return Bytes{b0, static_cast<std::uint8_t>(h.version << 6 | h.type), h.command};
}

Result<Header> decode_header(std::span<const std::uint8_t> m)
{
	if (m.size() < kHeaderSize)
		return fail(Error::msg("PLDM message of " + std::to_string(m.size()) +
				       " bytes: shorter than the PLDM header (3)"));
	Header h;
	h.request = m[0] & kRq;
	h.datagram = m[0] & kD;
	h.instance_id = m[0] & kIidMask;
	h.version = m[1] >> 6;
	h.type = m[1] & kTypeMask;
	h.command = m[2];
	if (m[0] & kReserved)
		return fail(Error::msg("PLDM header: reserved bit 5 of byte 0 set"));
	if (h.version != kHeaderVersion)
		return fail(Error::msg("PLDM header: header version " + std::to_string(h.version) +
				       ", only 0 is defined"));
	if (h.datagram && !h.request)
		return fail(Error::msg("PLDM header: D bit set in a response"));
	return h;
}

Header response_header(const Header &request)
{
	Header h = request;
	h.request = false;
	h.datagram = false;
	return h;
}

Result<ResponseStart> decode_response_start(std::span<const std::uint8_t> m)
{
	auto h = decode_header(m);
	if (!h)
		return fail(h.error());
	if (h->request)
		return fail(Error::msg("PLDM message is a request, not a response"));
	if (m.size() < kHeaderSize + 1)
		return fail(Error::msg("PLDM response without a completion code"));
	return ResponseStart{*h, m[kHeaderSize], m.subspan(kHeaderSize + 1)};
}

Result<Bytes> encode_cc_response(const Header &request, std::uint8_t completion_code)
{
	auto b = encode_header(response_header(request));
	if (!b)
		return b;
	b->push_back(completion_code);
	return b;
}

Result<Reader> open_request(std::span<const std::uint8_t> m, Type type, std::uint8_t command,
			    const char *name)
{
	const std::string what = std::string(name) + " request";
	auto h = decode_header(m);
	if (!h)
		return fail(Error::msg(what + ": " + h.error().message));
	if (!h->request)
		return fail(Error::msg(what + ": the Rq bit is clear (a response)"));
	if (h->type != static_cast<std::uint8_t>(type))
		return fail(Error::msg(what + ": PLDM type " + std::to_string(h->type) + ", not " +
				       std::to_string(static_cast<unsigned>(type))));
	if (h->command != command)
		return fail(Error::msg(what + ": command " + hex(h->command) + ", not " + hex(command)));
	Reader r(m.subspan(kHeaderSize), what);
	return r;
}

Result<Reader> open_response(std::span<const std::uint8_t> m, Type type, std::uint8_t command,
			     const char *name, std::uint8_t &completion_code)
{
	const std::string what = std::string(name) + " response";
	auto h = decode_header(m);
	if (!h)
		return fail(Error::msg(what + ": " + h.error().message));
	if (h->request)
		return fail(Error::msg(what + ": the Rq bit is set (a request)"));
	if (h->type != static_cast<std::uint8_t>(type))
		return fail(Error::msg(what + ": PLDM type " + std::to_string(h->type) + ", not " +
				       std::to_string(static_cast<unsigned>(type))));
	if (h->command != command)
		return fail(Error::msg(what + ": command " + hex(h->command) + ", not " + hex(command)));
	Reader r(m.subspan(kHeaderSize), what);
	completion_code = r.u8("completion code");
	if (!r.ok())
		return fail(r.error());
	return r;
}

Result<Writer> start_request(std::uint8_t instance_id, Type type, std::uint8_t command)
{
	auto h = encode_header(Header{true, false, instance_id, kHeaderVersion,
				      static_cast<std::uint8_t>(type), command});
	if (!h)
		return fail(h.error());
	return Writer(std::move(*h));
}

Result<Writer> start_response(std::uint8_t instance_id, Type type, std::uint8_t command,
			      std::uint8_t completion_code)
{
	auto h = encode_header(Header{false, false, instance_id, kHeaderVersion,
				      static_cast<std::uint8_t>(type), command});
	if (!h)
		return fail(h.error());
	Writer w(std::move(*h));
	w.u8(completion_code);
	return w;
}

// ---- timing and instance IDs ----

Status RetryPolicy::validate() const
{
	using namespace timing;
	if (timeout < kPt2Min || timeout > kPt2Max)
		return fail(Error::msg("PLDM response timeout " + std::to_string(timeout.count()) +
				       " ms outside PT2 (" + std::to_string(kPt2Min.count()) + "-" +
				       std::to_string(kPt2Max.count()) + " ms)"));
	if (retries < kPn1Retries)
		return fail(Error::msg("PLDM request retries " + std::to_string(retries) +
				       " fewer than PN1 (" + std::to_string(kPn1Retries) + ")"));
	if (give_up_after() > kPt3Min)
		return fail(Error::msg("PLDM retries outlast the instance ID: " +
				       std::to_string(retries + 1) + " x " +
				       std::to_string(timeout.count()) + " ms > PT3 min (" +
				       std::to_string(kPt3Min.count()) + " ms)"));
	return {};
}

Result<std::uint8_t> InstanceIds::allocate(unsigned terminus, Clock::time_point now)
{
	auto [it, added] = termini_.try_emplace(terminus);
	Terminus &t = it->second;
	if (added)
		t.next = first_;
	for (unsigned i = 0; i < kInstanceIds; i++) {
		const std::uint8_t id = static_cast<std::uint8_t>((t.next + i) % kInstanceIds);
		auto &slot = t.taken[id];
		if (slot && now - *slot < expiry_)
			continue;
		slot = now;
		t.next = static_cast<std::uint8_t>((id + 1) % kInstanceIds);
		return id;
	}
	return fail(Error::msg("all 32 PLDM instance IDs for terminus " + std::to_string(terminus) +
			       " are awaiting responses"));
}

void InstanceIds::release(unsigned terminus, std::uint8_t id)
{
	auto it = termini_.find(terminus);
	if (it != termini_.end() && id < kInstanceIds)
		it->second.taken[id].reset();
}

bool InstanceIds::in_use(unsigned terminus, std::uint8_t id, Clock::time_point now) const
{
	auto it = termini_.find(terminus);
	if (it == termini_.end() || id >= kInstanceIds)
		return false;
	const auto &slot = it->second.taken[id];
	return slot && now - *slot < expiry_;
}

std::size_t InstanceIds::in_use_count(unsigned terminus, Clock::time_point now) const
{
	std::size_t n = 0;
	for (std::uint8_t id = 0; id < kInstanceIds; id++)
		n += in_use(terminus, id, now);
	return n;
}

// ---- integrity checks ----

std::uint32_t crc32(std::span<const std::uint8_t> data)
{
	std::uint32_t c = 0xffffffffu;
	for (auto b : data)
		c = kCrc32[(c ^ b) & 0xff] ^ (c >> 8);
	return ~c;
}

std::uint8_t crc8(std::span<const std::uint8_t> data)
{
	std::uint8_t c = 0;
	for (auto b : data) {
		c ^= b;
		for (int k = 0; k < 8; k++)
			c = static_cast<std::uint8_t>((c & 0x80) ? (c << 1) ^ 0x07 : c << 1);
	}
	return c;
}

// ---- multipart ----

bool valid_transfer_op(std::uint8_t v)
{
	return v <= 1;
}

bool valid_transfer_flag(std::uint8_t v)
{
	return v == 0x01 || v == 0x02 || v == 0x04 || v == 0x05;
}

Result<bool> MultipartReader::add(TransferFlag flag, std::uint32_t next_handle,
				  std::span<const std::uint8_t> data)
{
	if (done_)
		return fail(Error::msg("multipart transfer: a part after the last one"));
	const bool first = flag == TransferFlag::Start || flag == TransferFlag::StartAndEnd;
	if (first && started_)
		return fail(Error::msg("multipart transfer: a second Start part"));
	if (!first && !started_)
		return fail(Error::msg("multipart transfer: the first part is not a Start part"));
	if (data.size() > limit_ - data_.size())
		return fail(Error::msg("multipart transfer: more than " + std::to_string(limit_) +
				       " bytes"));
	data_.insert(data_.end(), data.begin(), data.end());
	started_ = true;
	done_ = flag == TransferFlag::End || flag == TransferFlag::StartAndEnd;
	next_ = next_handle;
	return done_;
}

// ---- ver32 ----

Ver32 Ver32::from_u32(std::uint32_t v)
{
	return Ver32{static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
		     static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

std::uint32_t Ver32::to_u32() const
{
	return static_cast<std::uint32_t>(major) << 24 | minor << 16 | update << 8 | alpha;
}

namespace {
// 0xFn -> "n", 0xnm (BCD) -> "nm", else "?"
std::string bcd(std::uint8_t v)
{
	const unsigned hi = v >> 4, lo = v & 0xf;
	if (lo > 9)
		return "?";
	if (hi == 0xf)
		return std::to_string(lo);
	if (hi > 9)
		return "?";
	return std::to_string(hi) + std::to_string(lo);
}
} // namespace

std::string Ver32::to_string() const
{
	std::string s = bcd(major) + "." + bcd(minor);
	if (update != 0xff)
		s += "." + bcd(update);
	if (alpha >= 'a' && alpha <= 'z')
		s += static_cast<char>(alpha);
	else if (alpha != 0)
		s += "?";
	return s;
}

// ---- type 0 ----

namespace {
constexpr auto kBase = Type::Base;
std::uint8_t cmd(BaseCommand c)
{
	return static_cast<std::uint8_t>(c);
}
} // namespace

Result<Bytes> encode_get_tid_request(std::uint8_t iid)
{
	auto w = start_request(iid, kBase, cmd(BaseCommand::GetTid));
	if (!w)
		return fail(w.error());
	return finish(std::move(*w));
}

Status decode_get_tid_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kBase, cmd(BaseCommand::GetTid), "GetTID");
	if (!r)
		return fail(r.error());
	return r->finish();
}

Result<Bytes> encode_get_tid_response(std::uint8_t iid, const GetTidResponse &v)
{
	auto w = start_response(iid, kBase, cmd(BaseCommand::GetTid), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success)
		w->u8(v.tid);
	return finish(std::move(*w));
}

Result<GetTidResponse> decode_get_tid_response(std::span<const std::uint8_t> m)
{
	GetTidResponse v;
	auto r = open_response(m, kBase, cmd(BaseCommand::GetTid), "GetTID", v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.tid = r->u8("TID");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	return v;
}

Result<Bytes> encode_set_tid_request(std::uint8_t iid, std::uint8_t tid)
{
	if (tid == 0x00 || tid == 0xff)
		return fail(Error::msg("SetTID request: TID " + hex(tid) + " is reserved"));
	auto w = start_request(iid, kBase, cmd(BaseCommand::SetTid));
	if (!w)
		return fail(w.error());
	w->u8(tid);
	return finish(std::move(*w));
}

Result<std::uint8_t> decode_set_tid_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kBase, cmd(BaseCommand::SetTid), "SetTID");
	if (!r)
		return fail(r.error());
	const std::uint8_t tid = r->u8("TID");
	if (r->ok())
		r->expect(tid != 0x00 && tid != 0xff, "TID " + hex(tid) + " is reserved");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	return tid;
}

Result<Bytes> encode_set_tid_response(std::uint8_t iid, std::uint8_t completion_code)
{
	auto w = start_response(iid, kBase, cmd(BaseCommand::SetTid), completion_code);
	if (!w)
		return fail(w.error());
	return finish(std::move(*w));
}

Result<std::uint8_t> decode_set_tid_response(std::span<const std::uint8_t> m)
{
	std::uint8_t code = 0;
	auto r = open_response(m, kBase, cmd(BaseCommand::SetTid), "SetTID", code);
	if (!r)
		return fail(r.error());
	if (code == cc::Success)
		if (auto s = r->finish(); !s)
			return fail(s.error());
	return code;
}

Result<Bytes> encode_get_version_request(std::uint8_t iid, const GetVersionRequest &v)
{
	if (v.type > kTypeMask)
		return fail(Error::msg("GetPLDMVersion request: PLDM type " + hex(v.type) +
				       " wider than 6 bits"));
	auto w = start_request(iid, kBase, cmd(BaseCommand::GetPldmVersion));
	if (!w)
		return fail(w.error());
	w->u32(v.transfer_handle).u8(static_cast<std::uint8_t>(v.op)).u8(v.type);
	return finish(std::move(*w));
}

Result<GetVersionRequest> decode_get_version_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kBase, cmd(BaseCommand::GetPldmVersion), "GetPLDMVersion");
	if (!r)
		return fail(r.error());
	GetVersionRequest v;
	v.transfer_handle = r->u32("data transfer handle");
	const auto op = r->u8("transfer operation flag");
	v.type = r->u8("PLDM type");
	if (r->ok())
		r->expect(valid_transfer_op(op), "transfer operation flag " + hex(op) + " unknown");
	if (r->ok())
		r->expect(v.type <= kTypeMask, "PLDM type " + hex(v.type) + " wider than 6 bits");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	v.op = static_cast<TransferOp>(op);
	return v;
}

Result<Bytes> encode_get_version_response(std::uint8_t iid, const GetVersionResponse &v)
{
	auto w = start_response(iid, kBase, cmd(BaseCommand::GetPldmVersion), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success) {
		if (!valid_transfer_flag(static_cast<std::uint8_t>(v.flag)))
			return fail(Error::msg("GetPLDMVersion response: transfer flag " +
					       hex(static_cast<std::uint8_t>(v.flag)) + " unknown"));
		w->u32(v.next_handle).u8(static_cast<std::uint8_t>(v.flag)).bytes(v.data);
	}
	return finish(std::move(*w));
}

Result<GetVersionResponse> decode_get_version_response(std::span<const std::uint8_t> m)
{
	GetVersionResponse v;
	auto r = open_response(m, kBase, cmd(BaseCommand::GetPldmVersion), "GetPLDMVersion",
			       v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.next_handle = r->u32("next data transfer handle");
	const auto flag = r->u8("transfer flag");
	if (r->ok())
		r->expect(valid_transfer_flag(flag), "transfer flag " + hex(flag) + " unknown");
	auto data = r->rest();
	if (r->ok())
		r->expect(!data.empty(), "no version data");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	v.flag = static_cast<TransferFlag>(flag);
	v.data.assign(data.begin(), data.end());
	return v;
}

Result<Bytes> encode_version_data(std::span<const Ver32> versions)
{
	if (versions.empty())
		return fail(Error::msg("PLDM version data: no version"));
	Writer w;
	for (const auto &ver : versions)
		w.u32(ver.to_u32());
	const auto c = crc32(w.data());
	w.u32(c);
	return w.take();
}

Result<std::vector<Ver32>> decode_version_data(std::span<const std::uint8_t> data)
{
	if (data.size() < 8 || data.size() % 4)
		return fail(Error::msg("PLDM version data of " + std::to_string(data.size()) +
				       " bytes: not one or more versions and a CRC-32 (4 bytes each)"));
	Reader r(data, "PLDM version data");
	std::vector<Ver32> out;
	while (r.left() > 4)
		out.push_back(Ver32::from_u32(r.u32("version")));
	const std::uint32_t got = r.u32("CRC-32");
	const std::uint32_t want = crc32(data.first(data.size() - 4));
	if (got != want)
		return fail(Error::msg("PLDM version data: CRC-32 " + hex(got) + ", computed " +
				       hex(want)));
	return out;
}

Result<Bytes> encode_get_types_request(std::uint8_t iid)
{
	auto w = start_request(iid, kBase, cmd(BaseCommand::GetPldmTypes));
	if (!w)
		return fail(w.error());
	return finish(std::move(*w));
}

Status decode_get_types_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kBase, cmd(BaseCommand::GetPldmTypes), "GetPLDMTypes");
	if (!r)
		return fail(r.error());
	return r->finish();
}

namespace {
template <std::size_t N>
void put_bits(Writer &w, const std::bitset<N> &b)
{
	for (std::size_t i = 0; i < N / 8; i++) {
		std::uint8_t v = 0;
		for (std::size_t k = 0; k < 8; k++)
			if (b[i * 8 + k])
				v |= static_cast<std::uint8_t>(1u << k);
		w.u8(v);
	}
}

template <std::size_t N>
std::bitset<N> get_bits(Reader &r, const char *field)
{
	std::bitset<N> b;
	auto bytes = r.bytes(N / 8, field);
	for (std::size_t i = 0; i < bytes.size(); i++)
		for (std::size_t k = 0; k < 8; k++)
			if (bytes[i] & (1u << k))
				b.set(i * 8 + k);
	return b;
}
} // namespace

Result<Bytes> encode_get_types_response(std::uint8_t iid, const GetTypesResponse &v)
{
	auto w = start_response(iid, kBase, cmd(BaseCommand::GetPldmTypes), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success)
		put_bits(*w, v.types);
	return finish(std::move(*w));
}

Result<GetTypesResponse> decode_get_types_response(std::span<const std::uint8_t> m)
{
	GetTypesResponse v;
	auto r = open_response(m, kBase, cmd(BaseCommand::GetPldmTypes), "GetPLDMTypes",
			       v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.types = get_bits<64>(*r, "PLDM types");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	return v;
}

Result<Bytes> encode_get_commands_request(std::uint8_t iid, const GetCommandsRequest &v)
{
	if (v.type > kTypeMask)
		return fail(Error::msg("GetPLDMCommands request: PLDM type " + hex(v.type) +
				       " wider than 6 bits"));
	auto w = start_request(iid, kBase, cmd(BaseCommand::GetPldmCommands));
	if (!w)
		return fail(w.error());
	w->u8(v.type).u32(v.version.to_u32());
	return finish(std::move(*w));
}

Result<GetCommandsRequest> decode_get_commands_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kBase, cmd(BaseCommand::GetPldmCommands), "GetPLDMCommands");
	if (!r)
		return fail(r.error());
	GetCommandsRequest v;
	v.type = r->u8("PLDM type");
	v.version = Ver32::from_u32(r->u32("version"));
	if (r->ok())
		r->expect(v.type <= kTypeMask, "PLDM type " + hex(v.type) + " wider than 6 bits");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	return v;
}

Result<Bytes> encode_get_commands_response(std::uint8_t iid, const GetCommandsResponse &v)
{
	auto w = start_response(iid, kBase, cmd(BaseCommand::GetPldmCommands), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success)
		put_bits(*w, v.commands);
	return finish(std::move(*w));
}

Result<GetCommandsResponse> decode_get_commands_response(std::span<const std::uint8_t> m)
{
	GetCommandsResponse v;
	auto r = open_response(m, kBase, cmd(BaseCommand::GetPldmCommands), "GetPLDMCommands",
			       v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.commands = get_bits<256>(*r, "PLDM commands");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	return v;
}

} // namespace mctpxx::pldm
