# Общие
app-name = Наставник
app-tagline = Целевая модель наставничества
nav-dashboard = Сводка
nav-participants = Участники
nav-organizations = Организации
nav-aggregates = Муниципалитет
nav-account = Моя учётная запись
nav-logout = Выйти
skip-to-content = Перейти к содержанию
save = Сохранить
cancel = Отмена
search = Найти
reset = Сбросить
yes = да
no = нет
not-set = не указано
page-of = Страница { $page } из { $pages }
prev-page = ← Назад
next-page = Вперёд →
print = Печать
form-has-errors = Проверьте поля, отмеченные ниже: { $n ->
    [one] { $n } ошибка
    [few] { $n } ошибки
   *[many] { $n } ошибок
}.

# Вход
login-title = Вход в «Наставник»
login-login = Логин
login-password = Пароль
login-submit = Войти
login-bad = Неверный логин или пароль.
login-throttled = Слишком много попыток входа. Повторите через { $minutes } мин.
login-expired = Сеанс завершён: вы долго не работали или вышли в другом окне. Войдите снова.
login-demo-hint = Демонстрационный режим: логины перечислены в README, пароль — demo.
totp-title = Код подтверждения
totp-code = Шестизначный код из приложения-аутентификатора
totp-submit = Подтвердить
totp-bad = Неверный код. Проверьте время на телефоне и введите новый код.
totp-setup-title = Настройка второго фактора
totp-setup-required = Для вашей роли вход возможен только с одноразовым кодом. Добавьте ключ в приложение-аутентификатор (Яндекс Ключ, Google Authenticator, FreeOTP) и введите код.
totp-setup-optional = Второй фактор защищает учётную запись, даже если пароль узнали. Добавьте ключ в приложение-аутентификатор и введите код.
totp-secret = Секретный ключ
totp-uri = Ссылка для приложения
totp-enabled = Второй фактор включён.
totp-enable = Включить второй фактор

# Сводка
dashboard-title = Сводка: { $school }
dashboard-total = { $n ->
    [one] участник в работе
    [few] участника в работе
   *[many] участников в работе
}
dashboard-school-only = Сводка по участникам ведётся в образовательных организациях. Откройте раздел «Муниципалитет», чтобы увидеть цифры по школам.
dashboard-missing = Нет действующего согласия на обработку ПД
dashboard-turned-adult = Исполнилось 18 лет: нужно собственное согласие
dashboard-withdrawn = Отозвали согласие (хранятся в архиве)
dashboard-by-category = По категориям
dashboard-people = { $n ->
    [one] { $n } человек
    [few] { $n } человека
   *[many] { $n } человек
}
dashboard-show = Показать

# Участники
participants-title = Участники
participants-add = Добавить участника
participants-found = { $n ->
    [one] Найден { $n } участник
    [few] Найдено { $n } участника
   *[many] Найдено { $n } участников
}
participants-empty = Никого не нашлось. Измените запрос или фильтры.
participants-search = Поиск по ФИО
filter-category = Категория
filter-grade = Класс
filter-consent = Согласие
filter-any = все
filter-withdrawn = показать отозвавших согласие
col-name = ФИО
col-birth = Дата рождения
col-category = Категория
col-place = Класс / должность
col-consent = Согласие на обработку ПД

participant-new-title = Новый участник
participant-edit-title = Изменить данные участника
field-last_name = Фамилия
field-first_name = Имя
field-patronymic = Отчество (если есть)
field-birth_date = Дата рождения
field-category = Категория
field-grade = Класс (5–11)
field-letter = Буква класса
field-course = Курс
field-subjects = Предметы (через запятую)
field-position = Должность
field-experience_years = Педагогический стаж, лет
field-company = Организация / предприятие
field-phone = Телефон
field-email = Электронная почта
field-age_exception = Куратор подтверждает участие обучающегося 18–19 лет в порядке исключения
field-kind = Вид согласия
field-guardian_id = Кто подписал
field-purpose = Цель обработки
field-given_on = Дата подписания
field-document_ref = Реквизиты документа (номер, где хранится)
field-relation = Кем приходится
field-authority_doc = Документ, подтверждающий полномочия
field-reason = Основание отзыва
field-consent = Согласие
field-login = Логин
field-password = Пароль
field-code = Код
field-name = Полное наименование
field-short_name = Краткое наименование
field-timezone = Часовой пояс
field-parent_id = Вышестоящая организация
field-year = Учебный год
field-org = Организация
field-org-kind = Вид организации
field-parent-none = — нет (регион) —
field-date-hint = Формат даты: ДД.ММ.ГГГГ, например 01.09.2012.
print-stamp = Распечатано { $date }. { $org }.
audit-cli = командная строка
audit-back = ← К карточке участника
audit-detail-guardian = представитель № { $id }
audit-detail-minor = представляемый № { $id }
audit-detail-consent = согласие № { $id }
field-role = Роль
field-q = Поиск
field-page = Страница

card-title = Карточка участника
card-age = { $age ->
    [one] { $age } год
    [few] { $age } года
   *[many] { $age } лет
}
card-minor = несовершеннолетний
card-contacts = Контакты
card-edit = Изменить
card-audit = Журнал доступа
card-withdrawn = Согласие на обработку персональных данных отозвано: участник исключён из активных списков. Данные хранятся в архиве в пределах, допустимых законом.
card-turned-adult = Участнику исполнилось 18 лет: согласие законного представителя больше не действует. Нужно собственное согласие участника.
card-gate-ok = Можно включать в базу наставников/наставляемых и в пары.
card-gate-blocked = Нельзя включать в базу и в пары.
consents-title = Согласия
consents-none = Согласий нет.
consent-processing = на обработку персональных данных
consent-dissemination = на распространение (публикацию) персональных данных
consent-by-self = сам участник
consent-by-guardian = законный представитель: { $name }
consent-given = подписано { $date }
consent-withdrawn = отозвано { $date }
consent-active = действует
consent-add = Записать согласие
consent-withdraw = Отозвать согласие
consent-withdraw-reason = Основание отзыва (например, «заявление матери от 20.11.2025»)
consent-withdrawn-because = основание: { $reason }
consent-self-option = Сам участник (совершеннолетний)
guardians-title = Законные представители
wards-title = Законный представитель для
guardian-link = Связать с законным представителем
guardian-none = Не указаны.
guardian-choose = Выберите взрослого участника этой школы
consent-status-valid = есть
consent-status-missing = нет согласия
consent-status-missing_guardian = нет согласия родителя
consent-status-turned_adult = исполнилось 18 — нужно своё
consent-status-withdrawn = отозвано

audit-title = Журнал доступа: { $name }
audit-when = Когда
audit-who = Кто
audit-action = Действие
audit-detail = Подробности
audit-from = Откуда

orgs-title = Организации
orgs-add = Добавить организацию
org-kind-region = регион
org-kind-municipality = муниципалитет
org-kind-school = образовательная организация
aggregates-title = Школы муниципалитета
aggregates-total = Всего

me-title = Моя учётная запись
me-roles = Мои роли
me-no-pages = Разделы для вашей роли появятся по мере подключения программ наставничества.
me-password = Сменить пароль
password-title = Смена пароля
password-changed = Пароль изменён. Другие сеансы этой учётной записи завершены.
field-current_password = Текущий пароль
field-new_password = Новый пароль (не короче 8 символов)
field-repeat_password = Новый пароль ещё раз
me-sections = Ваши разделы — в меню вверху страницы.

# Категории
category-student = обучающийся
category-college_student = студент колледжа
category-teacher = педагог
category-parent = родитель
category-graduate = выпускник
category-enterprise_employee = сотрудник предприятия
category-entrepreneur = предприниматель / общественный деятель
category-veteran_teacher = ветеран педагогического труда
category-university_teacher = педагог вуза/колледжа
category-head = руководитель образовательной организации

# Роли
role-admin = системный администратор
role-head = руководитель образовательной организации
role-curator = куратор
role-coordinator = координатор
role-mentor_council = совет наставников
role-mentor = наставник
role-mentee = наставляемый
role-guardian = родитель (законный представитель)
role-municipal_methodist = методист
role-municipal_tutor = тьютор
role-class_teacher = классный руководитель
role-psychologist = педагог-психолог
role-social_worker = социальный педагог
role-school_sysadmin = школьный системный администратор

# Ошибки полей
err-required = Заполните поле «{ $field }».
err-too-long = Поле «{ $field }» слишком длинное: не больше { $max } символов.
err-control-chars = Поле «{ $field }» содержит недопустимые символы (перевод строки, табуляцию). Уберите их.
err-name-chars = Поле «{ $field }» может содержать только русские буквы, дефис, апостроф и пробел (например, «Салтыков-Щедрин», «Исмаил оглы»).
err-name-invisible = В поле «{ $field }» есть невидимый символ { $char }, который меняет вид или порядок букв. Сотрите значение и наберите его заново, не копируя из другого документа.
err-name-latin-lookalike = В поле «{ $field }» латинские буквы, похожие на русские: { $letters }. Переключите раскладку и наберите их по-русски.
err-name-not-cyrillic = Поле «{ $field }» нужно заполнить русскими буквами, как в документе.
err-date = Дата в поле «{ $field }» не распознана. Введите её как ДД.ММ.ГГГГ, например 01.09.2012.
err-date-future = Дата в поле «{ $field }» ещё не наступила.
err-birth-future = Дата рождения не может быть в будущем.
err-birth-too-old = Проверьте дату рождения: получается больше 110 лет.
err-student-age = Обучающемуся { $age } (по дате рождения). В программе участвуют обучающиеся 10–17 лет, в порядке исключения — до 19. Проверьте дату рождения.
err-student-age-exception = Обучающемуся { $age } (по дате рождения). Участие с 18 до 19 лет возможно только в порядке исключения: отметьте подтверждение куратора.
err-adult-too-young = Участнику этой категории { $age } (по дате рождения). Проверьте дату рождения или выберите категорию «обучающийся».
err-grade = Класс должен быть числом от { $min } до { $max }.
err-course = Курс должен быть числом от { $min } до { $max }.
err-experience = Стаж — целое число лет от { $min } до { $max }.
err-class-letter = Буква класса — одна русская буква, например «А».
err-category = Выберите категорию участника из списка.
err-phone = Телефон не распознан. Введите 10 или 11 цифр, например +7 916 123-45-67.
err-email = Адрес электронной почты не распознан. Пример: ivanova@school.ru.
err-duplicate-person = Такой участник уже есть в этой школе: совпадают ФИО (без учёта ё/е и регистра) и дата рождения. Откройте существующую карточку.
err-consent-kind = Выберите вид согласия.
err-consent-before-birth = Дата подписания раньше даты рождения участника.
err-consent-not-guardian = Подписавший не связан с участником как законный представитель. Сначала свяжите их на карточке.
err-consent-minor-needs-guardian = Участник на дату подписания несовершеннолетний: согласие подписывает законный представитель. Выберите его в поле «Кто подписал».
err-gate-consent = Нет согласия на обработку персональных данных. Запишите согласие на карточке участника.
err-gate-guardian-consent = Нет согласия родителя (законного представителя) на обработку персональных данных несовершеннолетнего. Запишите его на карточке участника.
err-gate-turned-adult = Участнику исполнилось 18 лет: согласие родителя больше не действует. Нужно собственное согласие участника.
err-gate-withdrawn = Участник отозвал согласие на обработку персональных данных.
err-guardian-unknown = Законный представитель не найден в этой школе. Сначала добавьте его как участника (категория «родитель»).
err-guardian-adult = Законным представителем может быть только другой, совершеннолетний участник.
err-guardian-linked = Этот представитель уже связан с участником.
err-login = Логин — латинские буквы, цифры и знаки . _ - @ (до 64 символов).
err-login-taken = Такой логин уже занят.
err-password-wrong = Текущий пароль введён неверно.
err-password-mismatch = Пароли не совпадают: введите новый пароль дважды одинаково.
err-password-short = Пароль должен быть не короче { $min } символов.
err-unknown-org = Организация не найдена. Проверьте номер организации.
err-role-org-kind = Эту роль нельзя назначить в организации такого уровня.
err-not-a-school = Участников добавляют в образовательную организацию, а не в муниципалитет или регион.
err-org-parent = Неверная вышестоящая организация: школа входит в муниципалитет, муниципалитет — в регион, регион — ни во что.
err-timezone = Часовой пояс укажите в формате Регион/Город, например Europe/Moscow.
err-academic-year = Учебный год укажите как 2025/2026.
err-year-exists = Такой учебный год уже есть.
err-totp-not-started = Сначала получите секретный ключ.
err-totp-code = Код не подошёл. Проверьте время на телефоне и введите новый код.
err-consent-adult-signs-self = На дату подписания участник совершеннолетний: согласие подписывает он сам. Выберите «Сам участник» в поле «Кто подписал».
err-consent-duplicate = Такое согласие от того же лица уже действует. Повторно записывать его не нужно.
err-consent-already-withdrawn = Это согласие уже отозвано.
err-grade-age = Возраст по дате рождения — { $age }, это необычно для { $grade } класса. Проверьте дату рождения и класс.
err-date-year-digits = Год в поле «{ $field }» укажите четырьмя цифрами, например 01.09.2012.
err-json-type = Поле «{ $field }» имеет неверный тип.
err-json-unknown-field = Неизвестное поле «{ $field }»: API не принимает его.
err-invalid-number = Поле «{ $field }» должно быть числом.

# Страницы ошибок
error-title = Ошибка
error-not-found = Страница не найдена или у вас нет к ней доступа.
error-forbidden = Недостаточно прав: ваша роль не позволяет открыть эту страницу.
error-csrf = Форма устарела или отправлена с другого сайта. Обновите страницу и повторите действие.
error-internal = Что-то пошло не так. Мы уже записали ошибку; повторите попытку позже. Номер обращения: { $id }.
error-unauthenticated = Нужен действующий API-токен: заголовок «Authorization: Bearer …». Токен выдаёт оператор командой «nastavnik user token».
error-unknown-field = Неизвестное поле «{ $field }»: API не принимает его. Уберите поле из запроса; какие поля принимает каждый метод, описано в /api/openapi.json.
error-bad-json = Тело запроса — не корректный JSON или поле не того типа: { $detail }
error-bad-form = Форма отправлена не полностью. Обновите страницу и повторите.
error-too-large = Слишком большой запрос: отправьте не больше 1 МБ.
error-back = Вернуться на главную
err-status-path = статус «{ $from }» нельзя сменить на «{ $to }»: запись проходит путь кандидат → ожидает пары → в паре → завершил (или выбыл)
err-status-needs-consent = нет действующего согласия на обработку персональных данных (для несовершеннолетнего — согласия родителя): внесите согласие в карточке участника

# A teacher-mentor's consent to the added duties (TEMPLATES.md §8.11).
duties-title = Согласие на возложение дополнительных обязанностей наставника
duties-in-force = Дано { $date }; действует. Без него педагога нельзя утвердить наставником приказом.
duties-withdrawn = Отозвано { $date }. Педагога нельзя утвердить наставником, пока согласие не будет дано снова.
duties-missing = Не дано. Без него педагога нельзя утвердить наставником приказом.
duties-date = Дата подписи
duties-record = Записать согласие
duties-withdraw = Записать отзыв согласия
