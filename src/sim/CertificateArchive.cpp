#include "sim/CertificateArchive.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <sstream>

namespace netcity::sim {

std::string certificateArchive(const std::string& der, const std::string& name) {
    std::ostringstream zip;
    Poco::Zip::Compress compress(zip, true);
    std::istringstream file(der);
    compress.addFile(file, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX));
    compress.close();
    return zip.str();
}

}  // namespace netcity::sim
