#include "crypto/SecretBox.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "crypto/Random.h"

namespace netcity::crypto {
namespace {

constexpr int kNonce = 12;
constexpr int kTag = 16;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

unsigned char* u(Bytes& b) {
    return reinterpret_cast<unsigned char*>(b.data());
}
const unsigned char* u(std::string_view b) {
    return reinterpret_cast<const unsigned char*>(b.data());
}

}  // namespace

SecretBox::SecretBox(Bytes key32) : key_(std::move(key32)) {
    if (key_.size() != 32) throw std::invalid_argument("SecretBox needs a 32-byte key");
}

Bytes SecretBox::seal(std::string_view plaintext, std::string_view context) const {
    Bytes out = randomBytes(kNonce);
    out.resize(kNonce + plaintext.size() + kTag);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    if (!ctx || !EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u(key_), u(out)) ||
        !EVP_EncryptUpdate(ctx.get(), nullptr, &len, u(context),
                           static_cast<int>(context.size())) ||
        !EVP_EncryptUpdate(ctx.get(), u(out) + kNonce, &len, u(plaintext),
                           static_cast<int>(plaintext.size())) ||
        !EVP_EncryptFinal_ex(ctx.get(), u(out) + kNonce + len, &len) ||
        !EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag,
                             u(out) + kNonce + plaintext.size()))
        throw std::runtime_error("AES-GCM encryption failed");
    return out;
}

std::optional<std::string> SecretBox::open(std::string_view sealed,
                                           std::string_view context) const {
    if (sealed.size() < kNonce + kTag) return std::nullopt;
    std::size_t textLen = sealed.size() - kNonce - kTag;
    std::string out(textLen, '\0');
    Bytes tag(sealed.substr(kNonce + textLen));
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int len = 0;
    if (!ctx || !EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u(key_), u(sealed)) ||
        !EVP_DecryptUpdate(ctx.get(), nullptr, &len, u(context),
                           static_cast<int>(context.size())) ||
        !EVP_DecryptUpdate(ctx.get(), u(out), &len, u(sealed) + kNonce,
                           static_cast<int>(textLen)) ||
        !EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) ||
        EVP_DecryptFinal_ex(ctx.get(), u(out) + len, &len) <= 0)
        return std::nullopt;
    return out;
}

}  // namespace netcity::crypto
