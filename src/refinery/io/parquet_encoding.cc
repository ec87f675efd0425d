#include "refinery/io/parquet_encoding.h"

#include <cstring>

namespace refinery::parquet {
namespace {

// Reads ULEB128; false when the bytes end or it runs past 64 bits.
bool ReadUleb(const uint8_t*& p, const uint8_t* end, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && p < end; shift += 7) {
    uint8_t b = *p++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// Bit `bit` onwards of little-endian packed data, `width` (<= 64) bits; the caller has checked
// that the bits lie within the buffer, which ends at `end`.
uint64_t ReadPacked(const uint8_t* base, const uint8_t* end, uint64_t bit, int width) {
  if (width == 0) return 0;
  const uint8_t* p = base + (bit >> 3);
  int shift = static_cast<int>(bit & 7);
  if (width <= 56 && end - p >= 8) {
    // One unaligned 8-byte load holds the value (shift + width <= 63 bits): the common case of
    // dictionary indices, levels and deltas, without a loop over bytes.
    uint64_t word;
    std::memcpy(&word, p, 8);
    return (word >> shift) & ((uint64_t{1} << width) - 1);
  }
  int need = (shift + width + 7) >> 3;  // bytes touched, <= 9
  unsigned __int128 acc = 0;
  for (int i = 0; i < need; ++i) acc |= static_cast<unsigned __int128>(p[i]) << (8 * i);
  acc >>= shift;
  return width == 64 ? static_cast<uint64_t>(acc)
                     : static_cast<uint64_t>(acc) & ((uint64_t{1} << width) - 1);
}

Status Ended(const char* what, size_t got, size_t want) {
  return absl::DataLossError(std::string(what) + " ends after " + std::to_string(got) + " of " +
                             std::to_string(want) + " values");
}

}  // namespace

namespace {

template <typename T>
Status DecodeRleHybridInto(const uint8_t* data, size_t size, int bit_width, size_t count, T* out) {
  if (bit_width < 0 || bit_width > static_cast<int>(8 * sizeof(T)))
    return absl::DataLossError("RLE bit width " + std::to_string(bit_width) + " out of range");
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  const size_t value_bytes = (static_cast<size_t>(bit_width) + 7) / 8;
  size_t n = 0;
  while (n < count) {
    uint64_t header;
    if (!ReadUleb(p, end, header)) return Ended("RLE/bit-packed data", n, count);
    if (header & 1) {
      // Bit-packed: groups of 8 values.
      uint64_t groups = header >> 1;
      uint64_t bytes = groups * static_cast<uint64_t>(bit_width);
      if (groups > (uint64_t{1} << 40) || bytes > static_cast<uint64_t>(end - p)) {
        // A final group may be cut short by writers that stop at the last value.
        bytes = static_cast<uint64_t>(end - p);
      }
      uint64_t available = bit_width == 0 ? groups * 8 : bytes * 8 / bit_width;
      available = std::min<uint64_t>(available, groups * 8);
      size_t take = static_cast<size_t>(std::min<uint64_t>(available, count - n));
      if (take == 0) return Ended("RLE/bit-packed data", n, count);
      for (size_t i = 0; i < take; ++i)
        out[n + i] =
            static_cast<T>(ReadPacked(p, end, i * static_cast<uint64_t>(bit_width), bit_width));
      n += take;
      p += std::min<uint64_t>(groups * bit_width, static_cast<uint64_t>(end - p));
    } else {
      uint64_t run = header >> 1;
      if (value_bytes > static_cast<size_t>(end - p)) return Ended("RLE data", n, count);
      uint32_t v = 0;
      for (size_t i = 0; i < value_bytes; ++i) v |= static_cast<uint32_t>(p[i]) << (8 * i);
      p += value_bytes;
      if (run == 0) continue;
      size_t take = static_cast<size_t>(std::min<uint64_t>(run, count - n));
      std::fill(out + n, out + n + take, static_cast<T>(v));
      n += take;
    }
  }
  return absl::OkStatus();
}

}  // namespace

Status DecodeRleHybrid(const uint8_t* data, size_t size, int bit_width, size_t count,
                       uint32_t* out) {
  return DecodeRleHybridInto(data, size, bit_width, count, out);
}

Status DecodeRleHybrid(const uint8_t* data, size_t size, int bit_width, size_t count,
                       uint8_t* out) {
  return DecodeRleHybridInto(data, size, bit_width, count, out);
}

Status DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t count, bool is_int32,
                               std::vector<int64_t>& out, size_t& consumed) {
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  uint64_t block_size, miniblocks, total, first;
  if (!ReadUleb(p, end, block_size) || !ReadUleb(p, end, miniblocks) || !ReadUleb(p, end, total) ||
      !ReadUleb(p, end, first))
    return absl::DataLossError("DELTA_BINARY_PACKED header is truncated");
  if (block_size == 0 || block_size % 128 != 0 || miniblocks == 0 || block_size % miniblocks != 0 ||
      (block_size / miniblocks) % 32 != 0 || block_size > (1u << 20))
    return absl::DataLossError("DELTA_BINARY_PACKED block size " + std::to_string(block_size) +
                               " with " + std::to_string(miniblocks) + " miniblocks is invalid");
  if (total != count)
    return absl::DataLossError("DELTA_BINARY_PACKED data holds " + std::to_string(total) +
                               " values where the page has " + std::to_string(count));
  const uint64_t per_mini = block_size / miniblocks;
  size_t base = out.size();
  out.resize(base + count);
  int64_t* o = out.data() + base;
  uint64_t value = static_cast<uint64_t>(UnZigZag(first));
  size_t n = 0;
  if (count > 0) o[n++] = is_int32 ? static_cast<int32_t>(value) : static_cast<int64_t>(value);
  uint64_t remaining = total > 0 ? total - 1 : 0;
  while (remaining > 0) {
    uint64_t min_delta_z;
    if (!ReadUleb(p, end, min_delta_z)) return Ended("DELTA_BINARY_PACKED data", n, count);
    const uint64_t min_delta = static_cast<uint64_t>(UnZigZag(min_delta_z));
    if (static_cast<uint64_t>(end - p) < miniblocks)
      return Ended("DELTA_BINARY_PACKED data", n, count);
    const uint8_t* widths = p;
    p += miniblocks;
    for (uint64_t m = 0; m < miniblocks && remaining > 0; ++m) {
      int width = widths[m];
      if (width > 64) return absl::DataLossError("DELTA_BINARY_PACKED bit width above 64");
      uint64_t bytes = per_mini * static_cast<uint64_t>(width) / 8;
      if (bytes > static_cast<uint64_t>(end - p))
        return Ended("DELTA_BINARY_PACKED data", n, count);
      uint64_t take = std::min(per_mini, remaining);
      for (uint64_t i = 0; i < take; ++i) {
        value += min_delta + ReadPacked(p, end, i * static_cast<uint64_t>(width), width);
        if (n < count)
          o[n++] = is_int32 ? static_cast<int32_t>(value) : static_cast<int64_t>(value);
      }
      remaining -= take;
      p += bytes;
    }
  }
  consumed = static_cast<size_t>(p - data);
  return absl::OkStatus();
}

Status DecodePlainByteArrays(const uint8_t* data, size_t size, size_t count,
                             std::vector<std::string_view>& out) {
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  for (size_t i = 0; i < count; ++i) {
    if (end - p < 4) return Ended("PLAIN BYTE_ARRAY data", i, count);
    uint32_t len;
    std::memcpy(&len, p, 4);
    p += 4;
    if (len > static_cast<size_t>(end - p))
      return absl::DataLossError("PLAIN BYTE_ARRAY value " + std::to_string(i) + " of length " +
                                 std::to_string(len) + " runs past the page");
    out.emplace_back(reinterpret_cast<const char*>(p), len);
    p += len;
  }
  return absl::OkStatus();
}

Status DecodeDeltaLengthByteArrays(const uint8_t* data, size_t size, size_t count,
                                   std::vector<std::string_view>& out) {
  std::vector<int64_t> lengths;
  size_t used = 0;
  RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, size, count, true, lengths, used));
  const char* p = reinterpret_cast<const char*>(data) + used;
  size_t left = size - used;
  for (size_t i = 0; i < count; ++i) {
    if (lengths[i] < 0 || static_cast<uint64_t>(lengths[i]) > left)
      return absl::DataLossError("DELTA_LENGTH_BYTE_ARRAY value " + std::to_string(i) +
                                 " has length " + std::to_string(lengths[i]) + " beyond the page");
    out.emplace_back(p, static_cast<size_t>(lengths[i]));
    p += lengths[i];
    left -= static_cast<size_t>(lengths[i]);
  }
  return absl::OkStatus();
}

Status DecodeDeltaByteArrays(const uint8_t* data, size_t size, size_t count, std::string& storage,
                             std::vector<std::string_view>& out) {
  std::vector<int64_t> prefixes;
  size_t used = 0;
  RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, size, count, true, prefixes, used));
  std::vector<std::string_view> suffixes;
  RETURN_IF_ERROR(DecodeDeltaLengthByteArrays(data + used, size - used, count, suffixes));
  // Sizes first, so `storage` never reallocates under the views.
  uint64_t total = 0, previous = 0;
  for (size_t i = 0; i < count; ++i) {
    if (prefixes[i] < 0 || static_cast<uint64_t>(prefixes[i]) > previous)
      return absl::DataLossError("DELTA_BYTE_ARRAY value " + std::to_string(i) +
                                 " has a prefix longer than the previous value");
    previous = static_cast<uint64_t>(prefixes[i]) + suffixes[i].size();
    total += previous;
    if (total > (uint64_t{1} << 31))
      return absl::DataLossError("DELTA_BYTE_ARRAY values expand past 2 GiB");
  }
  storage.clear();
  storage.reserve(total);
  size_t prev_at = 0, prev_len = 0;
  for (size_t i = 0; i < count; ++i) {
    size_t at = storage.size();
    storage.append(storage, prev_at, static_cast<size_t>(prefixes[i]));
    storage.append(suffixes[i]);
    prev_at = at;
    prev_len = storage.size() - at;
    out.emplace_back(storage.data() + at, prev_len);
  }
  return absl::OkStatus();
}

Status DecodeByteStreamSplit(const uint8_t* data, size_t size, size_t count, size_t width,
                             std::string& out) {
  if (width == 0 || count > size / width)
    return absl::DataLossError("BYTE_STREAM_SPLIT data holds fewer than " + std::to_string(count) +
                               " values");
  // The streams span the whole page: one stream per byte position, size / width bytes each.
  const size_t stride = size / width;
  size_t base = out.size();
  out.resize(base + count * width);
  char* o = out.data() + base;
  for (size_t i = 0; i < count; ++i)
    for (size_t b = 0; b < width; ++b) o[i * width + b] = static_cast<char>(data[b * stride + i]);
  return absl::OkStatus();
}

}  // namespace refinery::parquet
