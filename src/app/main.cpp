#include "app/Commands.h"

int main(int argc, char** argv) {
    return netcity::app::runCommand(std::vector<std::string>(argv + 1, argv + argc));
}
