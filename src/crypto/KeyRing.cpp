#include "crypto/KeyRing.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "crypto/Hmac.h"
#include "crypto/Random.h"

namespace netcity::crypto {

KeyRing::KeyRing(Bytes master) : master_(std::move(master)) {
    if (master_.size() < 32) throw std::invalid_argument("the master key must have 32 bytes");
}

KeyRing KeyRing::loadOrCreate(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (in) {
        Bytes key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (key.size() != 32) throw std::runtime_error("key file " + path + " is not 32 bytes");
        return KeyRing(key);
    }
    Bytes key = randomBytes(32);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) throw std::runtime_error("cannot create key file " + path);
    bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write key file " + path);
    return KeyRing(key);
}

Bytes KeyRing::subkey(std::string_view purpose) const {
    return hmacSha256(master_, std::string("netcity subkey: ") + std::string(purpose));
}

}  // namespace netcity::crypto
