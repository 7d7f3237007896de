#include "app/EsiaKeys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "crypto/Gost.h"

namespace netcity::app {
namespace {

// Written through a descriptor created with `mode`, so a private key is never readable by
// others, not even for the moment between writing and chmod.
void writeFile(const std::string& path, const std::string& text, mode_t mode, bool force) {
    int flags = O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL);
    int fd = ::open(path.c_str(), flags, mode);
    if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    bool ok = ::fchmod(fd, mode) == 0 &&
              ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
}

std::string orDefault(const Config& config, const char* option, const char* file) {
    std::string path = config.get(option);
    return path.empty() ? config.get("data-dir") + "/" + file : path;
}

}  // namespace

int makeEsiaKeys(const Config& config, std::ostream& out, std::ostream& err) {
    std::string keyPath = orDefault(config, "esia-key-file", "portal-esia-client.key");
    std::string certPath = orDefault(config, "esia-cert-file", "portal-esia-client.crt");
    std::string requestPath = config.get("request");
    std::string mnemonic = config.get("esia-client-id");
    bool force = config.getBool("force");
    std::vector<std::string> targets{keyPath, certPath};
    if (!requestPath.empty()) targets.push_back(requestPath);
    for (const auto& path : targets)
        if (std::filesystem::exists(path) && !force) {
            err << "Файл " << path << " уже есть: ключ не перезаписан. Чтобы заменить ключ "
                << "(прежний сертификат у ЕСИА перестанет подходить), добавьте --force.\n";
            return 1;
        }
    for (const auto& path : targets) {
        auto dir = std::filesystem::path(path).parent_path();
        if (!dir.empty()) std::filesystem::create_directories(dir);
    }
    auto key = crypto::PrivateKey::generateGost("XA");
    auto certificate = crypto::Certificate::selfSigned(key, mnemonic);
    writeFile(keyPath, key.pem(), 0600, force);
    writeFile(certPath, certificate.pem(), 0644, force);
    if (!requestPath.empty())
        writeFile(requestPath, crypto::certificateRequestPem(key, mnemonic), 0644, force);
    out << "Ключ ГОСТ Р 34.10-2012 (256 бит): " << keyPath << " (доступ только владельцу)\n"
        << "Сертификат (самоподписанный, CN=" << mnemonic << "): " << certPath << "\n";
    if (!requestPath.empty()) out << "Запрос на сертификат: " << requestPath << "\n";
    out << "Хэш сертификата для регистрации в ЕСИА (client_certificate_hash, "
        << "ГОСТ Р 34.11-2012 от DER):\n"
        << certificate.streebogHashHex() << "\n";
    return 0;
}

}  // namespace netcity::app
