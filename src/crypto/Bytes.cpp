#include "crypto/Bytes.h"

#include <sodium.h>

namespace netcity::crypto {

std::string toHex(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    out.pop_back();
    return out;
}

std::string base64UrlEncode(std::string_view bytes) {
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), variant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

bool base64UrlDecode(std::string_view text, Bytes& out) {
    out.assign(text.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return false;
    out.resize(len);
    return true;
}

bool base64UrlDecodeLenient(std::string_view text, Bytes& out) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    return base64UrlDecode(text, out);
}

}  // namespace netcity::crypto
