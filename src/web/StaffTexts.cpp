#include "web/StaffTexts.h"

namespace netcity::web {

StaffRefusal refusalOf(flows::AppealReview::Outcome outcome) {
    using Outcome = flows::AppealReview::Outcome;
    switch (outcome) {
        case Outcome::Done:
            break;
        case Outcome::NotFound:
            return {404, "Обращение не найдено."};
        case Outcome::ReadOnly:
            return {403, "Вы можете только просматривать это обращение."};
        case Outcome::AlreadyDecided:
            return {409, "По этому обращению уже принято решение."};
        case Outcome::NotOffered:
            return {400, "Выберите пользователя из списка."};
        case Outcome::LinkedToAnother:
            return {409,
                    "Эта учётная запись уже связана с другой учётной записью Госуслуг. "
                    "Сначала удалите ту связь в личной карточке."};
        case Outcome::OrganizationRoleTaken:
            return {409,
                    "С учётной записью Госуслуг заявителя уже связан другой пользователь "
                    "этой организации с той же ролью."};
        case Outcome::SharedPerson:
            return {409,
                    "Этот человек есть и в другой организации или классе: его карточку "
                    "исправляет администратор. Свяжите учётную запись напрямую."};
        case Outcome::ApplicantIncomplete:
            return {400,
                    "В профиле Госуслуг заявителя нет СНИЛС или даты рождения: автоматическая "
                    "привязка не сработает. Свяжите учётную запись напрямую."};
        case Outcome::StaffNotCreated:
            return {400,
                    "Учётную запись сотрудника так не создать: свяжите обращение с "
                    "существующей учётной записью сотрудника."};
        case Outcome::NoLoginLeft:
            return {409, "Не удалось подобрать логин."};
        case Outcome::ReasonMissing:
            return {400, "Укажите причину отклонения: её получит заявитель."};
        case Outcome::ReasonTooLong:
            return {400, "Причина длиннее 1000 символов. Сократите её."};
        case Outcome::ReasonNotText:
            return {400, "Причина содержит недопустимые символы."};
    }
    return {500, "Не удалось принять решение по обращению."};
}

StaffRefusal refusalOf(flows::PersonalCards::Outcome outcome) {
    using Outcome = flows::PersonalCards::Outcome;
    switch (outcome) {
        case Outcome::Done:
        case Outcome::Invalid:
            break;
        case Outcome::NotFound:
            return {404, "Пользователь не найден."};
        case Outcome::ReadOnly:
            return {403, "Вы можете только просматривать эту карточку."};
        case Outcome::SnilsTaken:
            return {400, "Этот СНИЛС уже указан в другой карточке организации."};
        case Outcome::SharedCard:
            return {400,
                    "Этот человек есть и в другой организации или классе, куда ваш доступ не "
                    "распространяется: его личные данные меняет администратор организации (или "
                    "оператор региона, если организаций несколько)."};
        case Outcome::ChildNotOffered:
            return {400, "Выберите обучающегося из списка."};
        case Outcome::NotParentAndChild:
            return {400, "Связать можно родителя и обучающегося."};
    }
    return {400, "Проверьте выделенные поля."};
}

const char* describe(flows::AccountAdministration::Problem problem) {
    using Problem = flows::AccountAdministration::Problem;
    switch (problem) {
        case Problem::RoleMissing:
            return "Выберите роль.";
        case Problem::StaffByAdministrator:
            return "Учётную запись сотрудника создаёт администратор.";
        case Problem::ClassMissing:
            return "Выберите класс.";
        case Problem::LoginMalformed:
            return "Логин: до 40 символов, без пробелов и кавычек.";
        case Problem::LoginTaken:
            return "Такой логин в организации уже есть.";
    }
    return "Проверьте это поле.";
}

std::map<std::string, std::string> problemTexts(const flows::AccountAdministration::Result& r) {
    auto texts = r.cardProblems;
    for (const auto& [field, problem] : r.problems) texts[field] = describe(problem);
    return texts;
}

}  // namespace netcity::web
