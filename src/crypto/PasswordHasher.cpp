#include "crypto/PasswordHasher.h"

#include <sodium.h>

#include <stdexcept>

namespace netcity::crypto {
namespace {

class Slot {
public:
    explicit Slot(std::counting_semaphore<1024>& s) : s_(s) { s_.acquire(); }
    ~Slot() { s_.release(); }

private:
    std::counting_semaphore<1024>& s_;
};

}  // namespace

PasswordHasher::PasswordHasher(Settings settings)
    : settings_(settings), slots_(settings.maxConcurrent) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    dummyHash_ = hash("dummy password that matches nothing");
}

std::string PasswordHasher::hash(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    Slot slot(slots_);
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), settings_.iterations,
                              settings_.memoryKiB * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("argon2id: out of memory");
    return out;
}

bool PasswordHasher::verify(std::string_view storedHash, std::string_view password) {
    std::string hashCopy(storedHash);  // libsodium wants a NUL-terminated string
    if (hashCopy.size() >= crypto_pwhash_STRBYTES) return false;
    Slot slot(slots_);
    return crypto_pwhash_str_verify(hashCopy.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(std::string_view storedHash) const {
    std::string hashCopy(storedHash);
    return crypto_pwhash_str_needs_rehash(hashCopy.c_str(), settings_.iterations,
                                          settings_.memoryKiB * 1024) != 0;
}

void PasswordHasher::verifyDummy(std::string_view password) { verify(dummyHash_, password); }

}  // namespace netcity::crypto
