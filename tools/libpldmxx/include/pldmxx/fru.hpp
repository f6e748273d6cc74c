// SPDX-License-Identifier: GPL-2.0
// PLDM FRU data (type 4, DSP0257 1.0): GetFRURecordTableMetadata,
// GetFRURecordTable (a multipart transfer) and the FRU record table itself:
// records of fields in type-length-value form, padded to a multiple of 4
// bytes and followed by its CRC-32.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pldmxx/base.hpp"

namespace mctpxx::pldm::fru {

enum class Command : std::uint8_t {
	GetFruRecordTableMetadata = 0x01,
	GetFruRecordTable = 0x02,
	SetFruRecordTable = 0x03,
	GetFruRecordByOption = 0x04,
};

// GetFRURecordTableMetadata
Result<Bytes> encode_get_metadata_request(std::uint8_t instance_id);
Status decode_get_metadata_request(std::span<const std::uint8_t> message);
struct Metadata {
	std::uint8_t completion_code = cc::Success;
	std::uint8_t major = 1, minor = 0;	// FRU data format version
	std::uint32_t max_size = 0;		// FRUTableMaximumSize (0: not settable)
	std::uint32_t length = 0;		// FRUTableLength: records and pad
	std::uint16_t record_sets = 0;		// total number of record set identifiers
	std::uint16_t records = 0;		// total number of records
	std::uint32_t checksum = 0;		// CRC-32 of the table (records and pad)
};
Result<Bytes> encode_get_metadata_response(std::uint8_t instance_id, const Metadata &m);
Result<Metadata> decode_get_metadata_response(std::span<const std::uint8_t> message);

// GetFRURecordTable
struct GetTableRequest {
	std::uint32_t transfer_handle = 0;
	TransferOp op = TransferOp::GetFirstPart;
};
Result<Bytes> encode_get_table_request(std::uint8_t instance_id, const GetTableRequest &r);
Result<GetTableRequest> decode_get_table_request(std::span<const std::uint8_t> message);
struct GetTableResponse {
	std::uint8_t completion_code = cc::Success;
	std::uint32_t next_handle = 0;
	TransferFlag flag = TransferFlag::StartAndEnd;
	Bytes data; // a portion of the table
};
Result<Bytes> encode_get_table_response(std::uint8_t instance_id, const GetTableResponse &r);
Result<GetTableResponse> decode_get_table_response(std::span<const std::uint8_t> message);

// ---- the FRU record table ----
enum class RecordType : std::uint8_t { General = 0x01, Oem = 0xfe };
enum class Encoding : std::uint8_t {
	Ascii = 0x01,
	Utf8 = 0x02,
	Utf16 = 0x03,	// with a byte order mark
	Utf16Le = 0x04,
	Utf16Be = 0x05,
};

// Field types of a general FRU record (DSP0257 table 5). In an OEM record
// type 1 is the vendor IANA and the others are the vendor's own.
namespace field {
inline constexpr std::uint8_t ChassisType = 1;
inline constexpr std::uint8_t Model = 2;
inline constexpr std::uint8_t PartNumber = 3;
inline constexpr std::uint8_t SerialNumber = 4;
inline constexpr std::uint8_t Manufacturer = 5;
inline constexpr std::uint8_t ManufactureDate = 6; // timestamp104
inline constexpr std::uint8_t Vendor = 7;
inline constexpr std::uint8_t Name = 8;
inline constexpr std::uint8_t Sku = 9;
inline constexpr std::uint8_t Version = 10;
inline constexpr std::uint8_t AssetTag = 11;
inline constexpr std::uint8_t Description = 12;
inline constexpr std::uint8_t EngineeringChangeLevel = 13;
inline constexpr std::uint8_t OtherInformation = 14;
inline constexpr std::uint8_t VendorIana = 15; // uint32
inline constexpr std::uint8_t OemVendorIana = 1;
} // namespace field
// "Model", "Serial Number", ... for a general record's field; "" if unknown.
const char *general_field_name(std::uint8_t type);

struct Field {
	std::uint8_t type = 0;
	Bytes value; // as sent (at most 255 bytes)
	bool operator==(const Field &) const = default;
};

struct Record {
	std::uint16_t record_set_id = 0;
	RecordType type = RecordType::General;
	Encoding encoding = Encoding::Ascii;
	std::vector<Field> fields;

	// The first field of @type, if any.
	const Field *find(std::uint8_t type) const;
	// A text field as printable text: for ASCII and UTF-8 records, the value
	// up to its first NUL with control characters replaced by '?' (the
	// UTF-16 encodings are not converted: nullopt); nullopt without the
	// field or for a field that is not text (manufacture date, vendor IANA).
	std::optional<std::string> text(std::uint8_t type) const;
	// The vendor IANA (general field 15, OEM field 1), if present.
	std::optional<std::uint32_t> vendor_iana() const;
	bool operator==(const Record &) const = default;
};

// Records to table bytes: records, then pad bytes (0-3 zeros) up to a
// multiple of 4 (without the CRC-32: that is the metadata's checksum and
// the trailer of the transferred table). Errors: a field over 255 bytes,
// more than 255 fields, an unknown record type or encoding, a vendor
// IANA field not 4 bytes long.
Result<Bytes> encode_records(std::span<const Record> records);
// What GetFRURecordTable transfers: encode_records() and its CRC-32.
Result<Bytes> encode_table(std::span<const Record> records);

// The records of @data (records and pad, no CRC-32). A record or field cut
// short, an unknown record type or encoding, a vendor IANA field of the
// wrong size, more than 3 trailing bytes or non-zero pad bytes are errors.
Result<std::vector<Record>> decode_records(std::span<const std::uint8_t> data);
// A whole transferred table: records, pad and CRC-32; the CRC-32 is
// checked, and so is @metadata's checksum, length and record count if
// given.
Result<std::vector<Record>> decode_table(std::span<const std::uint8_t> data,
					 const Metadata *metadata = nullptr);

} // namespace mctpxx::pldm::fru
