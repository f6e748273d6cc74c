// SPDX-License-Identifier: GPL-2.0
#include "pldmxx/fru.hpp"

#include <cstdio>
#include <set>

namespace mctpxx::pldm::fru {
namespace {

constexpr auto kFru = Type::Fru;
constexpr std::size_t kRecordHeader = 5; // set ID, type, field count, encoding
constexpr std::size_t kChecksum = 4;

std::uint8_t cmd(Command c)
{
	return static_cast<std::uint8_t>(c);
}

std::string hex(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

bool valid_record_type(std::uint8_t v)
{
	return v == 0x01 || v == 0xfe;
}

bool valid_encoding(std::uint8_t v)
{
	return v >= 0x01 && v <= 0x05;
}

bool is_iana(RecordType rt, std::uint8_t field)
{
	return (rt == RecordType::General && field == field::VendorIana) ||
	       (rt == RecordType::Oem && field == field::OemVendorIana);
}

std::size_t pad_of(std::size_t n)
{
	return (4 - n % 4) % 4;
}

} // namespace

Result<Bytes> encode_get_metadata_request(std::uint8_t iid)
{
	auto w = start_request(iid, kFru, cmd(Command::GetFruRecordTableMetadata));
	if (!w)
		return fail(w.error());
	return w->take();
}

Status decode_get_metadata_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kFru, cmd(Command::GetFruRecordTableMetadata),
			      "GetFRURecordTableMetadata");
	if (!r)
		return fail(r.error());
	return r->finish();
}

Result<Bytes> encode_get_metadata_response(std::uint8_t iid, const Metadata &v)
{
	auto w = start_response(iid, kFru, cmd(Command::GetFruRecordTableMetadata), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success)
		w->u8(v.major).u8(v.minor).u32(v.max_size).u32(v.length).u16(v.record_sets)
			.u16(v.records).u32(v.checksum);
	return w->take();
}

Result<Metadata> decode_get_metadata_response(std::span<const std::uint8_t> m)
{
	Metadata v;
	auto r = open_response(m, kFru, cmd(Command::GetFruRecordTableMetadata),
			       "GetFRURecordTableMetadata", v.completion_code);
	if (!r)
		return fail(r.error());
	if (v.completion_code != cc::Success)
		return v;
	v.major = r->u8("FRU data major version");
	v.minor = r->u8("FRU data minor version");
	v.max_size = r->u32("FRU table maximum size");
	v.length = r->u32("FRU table length");
	v.record_sets = r->u16("total number of record set identifiers");
	v.records = r->u16("total number of records");
	v.checksum = r->u32("FRU table integrity checksum");
	if (r->ok())
		r->expect(v.major == 1, "FRU data major version " + std::to_string(v.major) +
						", only 1 is defined");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	return v;
}

Result<Bytes> encode_get_table_request(std::uint8_t iid, const GetTableRequest &v)
{
	auto w = start_request(iid, kFru, cmd(Command::GetFruRecordTable));
	if (!w)
		return fail(w.error());
	w->u32(v.transfer_handle).u8(static_cast<std::uint8_t>(v.op));
	return w->take();
}

Result<GetTableRequest> decode_get_table_request(std::span<const std::uint8_t> m)
{
	auto r = open_request(m, kFru, cmd(Command::GetFruRecordTable), "GetFRURecordTable");
	if (!r)
		return fail(r.error());
	GetTableRequest v;
	v.transfer_handle = r->u32("data transfer handle");
	const auto op = r->u8("transfer operation flag");
	if (r->ok())
		r->expect(valid_transfer_op(op), "transfer operation flag " + hex(op) + " unknown");
	if (auto s = r->finish(); !s)
		return fail(s.error());
	v.op = static_cast<TransferOp>(op);
	return v;
}

Result<Bytes> encode_get_table_response(std::uint8_t iid, const GetTableResponse &v)
{
	auto w = start_response(iid, kFru, cmd(Command::GetFruRecordTable), v.completion_code);
	if (!w)
		return fail(w.error());
	if (v.completion_code == cc::Success) {
		if (!valid_transfer_flag(static_cast<std::uint8_t>(v.flag)))
			return fail(Error::msg("GetFRURecordTable response: transfer flag " +
					       hex(static_cast<std::uint8_t>(v.flag)) + " unknown"));
		w->u32(v.next_handle).u8(static_cast<std::uint8_t>(v.flag)).bytes(v.data);
	}
	return w->take();
}

Result<GetTableResponse> decode_get_table_response(std::span<const std::uint8_t> m)
{
	GetTableResponse v;
	auto r = open_response(m, kFru, cmd(Command::GetFruRecordTable), "GetFRURecordTable",
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
	if (auto s = r->finish(); !s)
		return fail(s.error());
	v.flag = static_cast<TransferFlag>(flag);
	v.data.assign(data.begin(), data.end());
	return v;
}

const char *general_field_name(std::uint8_t type)
{
	switch (type) {
	case field::ChassisType: return "Chassis Type";
	case field::Model: return "Model";
	case field::PartNumber: return "Part Number";
	case field::SerialNumber: return "Serial Number";
	case field::Manufacturer: return "Manufacturer";
	case field::ManufactureDate: return "Manufacture Date";
	case field::Vendor: return "Vendor";
	case field::Name: return "Name";
	case field::Sku: return "SKU";
	case field::Version: return "Version";
	case field::AssetTag: return "Asset Tag";
	case field::Description: return "Description";
	case field::EngineeringChangeLevel: return "Engineering Change Level";
	case field::OtherInformation: return "Other Information";
	case field::VendorIana: return "Vendor IANA";
	}
	return "";
}

const Field *Record::find(std::uint8_t t) const
{
	for (const auto &f : fields)
		if (f.type == t)
			return &f;
	return nullptr;
}

std::optional<std::string> Record::text(std::uint8_t t) const
{
	if (type == RecordType::General && (t == field::ManufactureDate || t == field::VendorIana))
		return std::nullopt;
	if (type == RecordType::Oem && t == field::OemVendorIana)
		return std::nullopt;
	if (encoding != Encoding::Ascii && encoding != Encoding::Utf8)
		return std::nullopt;
	const Field *f = find(t);
	if (!f)
		return std::nullopt;
	std::string s;
	for (auto c : f->value) {
		if (c == 0)
			break;
		s += (c < 0x20 || c == 0x7f || (encoding == Encoding::Ascii && c > 0x7f))
			     ? '?'
			     : static_cast<char>(c);
	}
	return s;
}

std::optional<std::uint32_t> Record::vendor_iana() const
{
	const Field *f = find(type == RecordType::General ? field::VendorIana : field::OemVendorIana);
	if (!f || f->value.size() != 4)
		return std::nullopt;
	const auto &v = f->value;
	return v[0] | v[1] << 8 | v[2] << 16 | static_cast<std::uint32_t>(v[3]) << 24;
}

Result<Bytes> encode_records(std::span<const Record> records)
{
	Writer w;
	for (std::size_t i = 0; i < records.size(); i++) {
		const Record &rec = records[i];
		const std::string at = "FRU record " + std::to_string(i) + ": ";
		if (!valid_record_type(static_cast<std::uint8_t>(rec.type)))
			return fail(Error::msg(at + "record type " +
					       hex(static_cast<std::uint8_t>(rec.type)) + " unknown"));
		if (!valid_encoding(static_cast<std::uint8_t>(rec.encoding)))
			return fail(Error::msg(at + "encoding " +
					       hex(static_cast<std::uint8_t>(rec.encoding)) + " unknown"));
		if (rec.fields.size() > 255)
			return fail(Error::msg(at + std::to_string(rec.fields.size()) +
					       " fields, at most 255"));
		w.u16(rec.record_set_id).u8(static_cast<std::uint8_t>(rec.type))
			.u8(static_cast<std::uint8_t>(rec.fields.size()))
			.u8(static_cast<std::uint8_t>(rec.encoding));
		for (const auto &f : rec.fields) {
			if (f.value.size() > 255)
				return fail(Error::msg(at + "field type " + std::to_string(f.type) + " of " +
						       std::to_string(f.value.size()) +
						       " bytes, at most 255"));
			if (is_iana(rec.type, f.type) && f.value.size() != 4)
				return fail(Error::msg(at + "vendor IANA field of " +
						       std::to_string(f.value.size()) + " bytes, not 4"));
			w.u8(f.type).u8(static_cast<std::uint8_t>(f.value.size())).bytes(f.value);
		}
	}
	for (std::size_t n = pad_of(w.size()); n; n--)
		w.u8(0);
	return w.take();
}

Result<Bytes> encode_table(std::span<const Record> records)
{
	auto b = encode_records(records);
	if (!b)
		return b;
	const std::uint32_t c = crc32(*b);
	Writer w(std::move(*b));
	w.u32(c);
	return w.take();
}

Result<std::vector<Record>> decode_records(std::span<const std::uint8_t> data)
{
	std::vector<Record> out;
	Reader r(data, "FRU record table");
	while (r.ok() && r.left() >= kRecordHeader) {
		Record rec;
		rec.record_set_id = r.u16("record set identifier");
		const auto type = r.u8("record type");
		const auto count = r.u8("number of FRU fields");
		const auto enc = r.u8("encoding type");
		const std::string at = "record " + std::to_string(out.size()) + " (set " +
				       std::to_string(rec.record_set_id) + "): ";
		if (!r.expect(valid_record_type(type), at + "record type " + hex(type) + " unknown"))
			break;
		if (!r.expect(valid_encoding(enc), at + "encoding type " + hex(enc) + " unknown"))
			break;
		rec.type = static_cast<RecordType>(type);
		rec.encoding = static_cast<Encoding>(enc);
		for (unsigned i = 0; i < count && r.ok(); i++) {
			Field f;
			f.type = r.u8("FRU field type");
			const auto len = r.u8("FRU field length");
			auto value = r.bytes(len, "FRU field value");
			if (!r.ok())
				break;
			if (!r.expect(!is_iana(rec.type, f.type) || len == 4,
				      at + "vendor IANA field of " + std::to_string(len) + " bytes, not 4"))
				break;
			f.value.assign(value.begin(), value.end());
			rec.fields.push_back(std::move(f));
		}
		if (r.ok())
			out.push_back(std::move(rec));
	}
	if (r.ok()) {
		const auto rest = r.rest();
		if (rest.size() > 3)
			r.invalid(std::to_string(rest.size()) +
				  " bytes after the last record: neither a record nor pad");
		for (auto b : rest)
			if (b != 0) {
				r.invalid("pad byte " + hex(b) + " not zero");
				break;
			}
	}
	if (auto s = r.finish(); !s)
		return fail(s.error());
	return out;
}

Result<std::vector<Record>> decode_table(std::span<const std::uint8_t> data, const Metadata *md)
{
	if (data.size() < kChecksum)
		return fail(Error::msg("FRU record table of " + std::to_string(data.size()) +
				       " bytes: shorter than its CRC-32"));
	const auto body = data.first(data.size() - kChecksum);
	Reader tail(data.subspan(body.size()), "FRU record table");
	const std::uint32_t got = tail.u32("CRC-32");
	const std::uint32_t want = crc32(body);
	if (got != want)
		return fail(Error::msg("FRU record table: CRC-32 " + hex(got) + ", computed " + hex(want)));
	if (body.size() % 4)
		return fail(Error::msg("FRU record table: " + std::to_string(body.size()) +
				       " bytes before the CRC-32, not padded to a multiple of 4"));
	if (md && md->checksum != got)
		return fail(Error::msg("FRU record table: CRC-32 " + hex(got) +
				       " differs from the metadata's checksum " + hex(md->checksum)));
	if (md && md->length != body.size() && md->length != data.size())
		return fail(Error::msg("FRU record table of " + std::to_string(body.size()) +
				       " bytes, the metadata says " + std::to_string(md->length)));
	auto recs = decode_records(body);
	if (!recs)
		return recs;
	if (md) {
		std::set<std::uint16_t> sets;
		for (const auto &rec : *recs)
			sets.insert(rec.record_set_id);
		if (recs->size() != md->records)
			return fail(Error::msg("FRU record table of " + std::to_string(recs->size()) +
					       " records, the metadata says " +
					       std::to_string(md->records)));
		if (sets.size() != md->record_sets)
			return fail(Error::msg("FRU record table of " + std::to_string(sets.size()) +
					       " record sets, the metadata says " +
					       std::to_string(md->record_sets)));
	}
	return recs;
}

} // namespace mctpxx::pldm::fru
