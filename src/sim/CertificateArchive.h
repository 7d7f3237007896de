#pragma once

#include <string>

namespace netcity::sim {

// /public/esia.zip: a zip archive holding the certificate `der` as the file `name`, the way
// ESIA publishes its signing certificates (DER .cer files in one zip).
std::string certificateArchive(const std::string& der, const std::string& name);

}  // namespace netcity::sim
