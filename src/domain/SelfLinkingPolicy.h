#pragma once

#include <optional>

#include "domain/CalendarDate.h"
#include "domain/Role.h"

namespace netcity::domain {

// Seed 001: «Возможность самостоятельной привязки учётной записи Госуслуг с помощью логина и
// пароля АИС СГО доступна до 17.03.2025». From the cut-off date on, parents and students are
// linked only by an administrator or class teacher (by filling the personal card); staff may
// still link themselves. No cut-off date: self-linking is always allowed.
class SelfLinkingPolicy {
  public:
    explicit SelfLinkingPolicy(std::optional<CalendarDate> cutoff) : cutoff_(cutoff) {}
    bool allows(const RoleSet& accountRoles, const CalendarDate& today) const;
    const std::optional<CalendarDate>& cutoff() const { return cutoff_; }

  private:
    std::optional<CalendarDate> cutoff_;
};

}  // namespace netcity::domain
