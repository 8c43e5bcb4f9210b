# Import checks against the database (app::import).
imp-person-unknown = { $name } нет среди участников школы. Сначала загрузите список обучающихся или сотрудников, где есть дата рождения, или добавьте в таблицу столбец «Дата рождения»
imp-person-ambiguous = в школе { $count } человек с ФИО «{ $name }»; укажите в таблице столбец «Дата рождения», чтобы различить их
imp-person-similar = в школе уже есть { $name } с другой датой рождения ({ $date }); если это тот же человек, исправьте дату в таблице, иначе будет добавлен новый участник
imp-status-needs-consent = Записей, которые будут внесены со статусом «кандидат», а не со статусом из таблицы, потому что нет действующего согласия на обработку персональных данных (для несовершеннолетнего — согласия родителя): { $count }. Они перечислены по строкам; внесите согласия в карточках участников, и статус можно будет сменить.
imp-status-candidate = { $name } будет внесён(а) со статусом «кандидат», а не «{ $status }»: нет действующего согласия на обработку персональных данных (для несовершеннолетнего — согласия родителя).

# The bases pages.
nav-bases = Базы наставничества
nav-municipal-mentors = Наставники муниципалитета
bases-mentors = База наставников
bases-mentees = База наставляемых
bases-tabs = Базы
bases-municipal-title = Муниципальная база наставников
bases-municipal-hint = Наставники всех школ муниципалитета (только совершеннолетние, без контактов и персональных данных). Чтобы найти наставника для дистанционной работы, выберите форму или ищите по компетенциям; для связи обратитесь к куратору школы.
bases-subtitle = { $org }, { $year } учебный год
bases-search = Поиск по ФИО
bases-year = Учебный год
bases-status = Статус
bases-group = Из числа
bases-group-teacher = педагогов
bases-group-learner = обучающихся и других
bases-form = Форма наставничества
bases-sort = Порядок
bases-sort-name = по ФИО (А–Я)
bases-sort-name-desc = по ФИО (Я–А)
bases-sort-place = по классу / должности
bases-sort-status = по статусу
bases-sort-category = по категории
bases-sort-form = по форме
bases-sort-entry-date-desc = сначала новые
bases-export = Выгрузить с этими условиями:
bases-found = { $n ->
    [one] Найдена { $n } запись
    [few] Найдено { $n } записи
   *[other] Найдено { $n } записей
}
bases-by-status = По статусу
bases-by-form = По форме
bases-by-category = По категории
bases-by-group = Педагоги и обучающиеся
bases-empty = В базе нет записей с такими условиями. Добавьте участников из карточки или загрузите базу из файла.
bases-actions = Действия
bases-new-status = Новый статус
bases-set-status = Изменить

# Import pages.
import-link = Загрузить из файла
import-title = Загрузка списков и баз
import-intro = Загрузите список из школьной информационной системы или базу в формате XLSX или CSV. Сначала файл только проверяется: вы увидите каждую ошибку с номером строки и столбцом. В базу данных он будет записан, только когда вы нажмёте «Записать» после проверки без ошибок.
import-kind = Что в файле
import-kind-students = Список обучающихся
import-kind-students-hint = ФИО, дата рождения, класс; для несовершеннолетних — родитель (законный представитель) и его телефон.
import-kind-staff = Список сотрудников
import-kind-staff-hint = ФИО, дата рождения, должность, предметы, стаж, контакты.
import-kind-mentors = База наставников
import-kind-mentors-hint = Столбцы шаблона базы наставников (как в выгрузке Наставника).
import-kind-mentees = База наставляемых
import-kind-mentees-hint = Столбцы шаблона базы наставляемых (как в выгрузке Наставника).
import-year = Учебный год (для баз)
import-file = Файл XLSX или CSV
import-file-hint = До { $mb } МБ. CSV — в UTF-8 или Windows-1251, с разделителем «;» или «,», как сохраняет Excel.
import-check = Проверить файл
import-choose-kind = Выберите, что в файле: список обучающихся, сотрудников или одна из баз.
import-choose-file = Выберите файл XLSX или CSV.
import-stage-reading = Чтение файла
import-stage-checking = Проверка строк
import-stage-comparing = Сравнение с участниками школы
import-stage-writing = Запись в базу данных
import-stage-done = Готово
import-wait = Страница обновляется сама. Можно уйти с неё: проверка продолжится, а отчёт будет здесь.
import-format = Формат
import-header-row = строка заголовка
import-rows = Строк с данными
import-clean-rows = Из них без ошибок
import-new-people = Новых участников
import-updated-people = Участников с изменениями
import-unchanged-people = Участников без изменений
import-new-guardians = Новых законных представителей
import-new-entries = Новых записей базы
import-updated-entries = Записей базы обновится
import-errors = Ошибок
import-warnings = Предупреждений
import-committed = Записано в базу данных.
import-has-errors = В файле есть ошибки — ничего не записано. Исправьте строки из списка ниже и загрузите файл снова.
import-clean = Проверка пройдена. Посмотрите предупреждения и нажмите «Записать в базу данных».
import-commit = Записать в базу данных
import-open-base = Открыть базу
import-open-participants = Открыть список участников
import-problems = Что нашла проверка
import-col-row = Строка
import-col-column = Столбец
import-col-message = Что не так и как исправить
import-error = ошибка
import-warning = предупреждение
import-more-problems = { $n ->
    [one] и ещё { $n } замечание (исправьте показанные и проверьте файл снова)
    [few] и ещё { $n } замечания (исправьте показанные и проверьте файл снова)
   *[other] и ещё { $n } замечаний (исправьте показанные и проверьте файл снова)
}
import-again = Загрузить другой файл

# The participant card: the bases.
card-bases-title = Базы наставничества
card-bases-none = Участник пока не внесён ни в одну базу.
card-q-answered = анкета заполнена { $date }
card-q-none = анкета не заполнена
card-q-link = Ссылка на анкету
card-enroll = Внести: { $base }
link-title = Ссылка на анкету
link-intro = Отправьте эту ссылку: { $respondent }. Её можно открыть на телефоне, без входа в систему.
link-rules = Ссылка действует до { $date } и закрывается, как только анкета отправлена. Мы показываем её только сейчас: скопируйте её. Если ссылка потеряется, выдайте новую.
link-back = Вернуться в карточку участника

# Third-party requests.
nav-referrals = Запросы на наставничество
referrals-title = Запросы на наставничество
referrals-intro = Классный руководитель, педагог-психолог, социальный педагог, родитель или администрация сообщают куратору, кому из обучающихся нужен наставник. Куратор вносит запрос в базу наставляемых; участие начинается только после согласия родителя (законного представителя).
referrals-new = Новый запрос
referrals-send = Передать куратору
referrals-done = Запрос передан куратору программы наставничества.
referrals-none = Запросов пока нет.
referrals-col-date = Дата
referrals-col-source = Источник
referrals-col-status = Состояние
referral-open = новый
referral-converted = внесён в базу наставляемых
referral-declined = отклонён
referrals-who = Кто это среди участников
referrals-convert = Внести в базу наставляемых
referrals-decline = Отклонить
referrals-no-candidates = Среди участников школы нет человека с таким ФИО.
referrals-open-card = карточка
field-subject = Кто (ФИО обучающегося)
field-problem = Что происходит, чем может помочь наставник
field-person = Участник
field-referral = Запрос
err-referral-closed = Запрос уже обработан.
err-referral-person = Такого участника нет в школе: выберите из списка.
bases-remote = готовы к дистанционному наставничеству
import-samples = Образцы файлов, как их выгружают школьные информационные системы:

# The school's own questions.
questions-link = Вопросы анкет
questions-title = Вопросы школы в анкетах
questions-intro = Эти вопросы добавляются в конец анкеты наставника или наставляемого, которую участник или родитель заполняет по ссылке. Снятый с анкеты вопрос больше не задаётся; ответы, данные на него, сохраняются.
questions-none = Своих вопросов пока нет: анкета состоит из вопросов по форме.
questions-retire = снять с анкеты
questions-add = Добавить вопрос
questions-kind = Тип ответа
questions-kind-text = текст
questions-kind-yes_no = да / нет
questions-kind-scale_1_10 = шкала от 1 до 10
questions-kind-choice = выбор из вариантов
questions-options-hint = Для выбора из вариантов: каждый вариант с новой строки
questions-required = обязательный вопрос
questions-save = Добавить
card-birth-unknown = не указана (загружен из списка без даты рождения; укажите её, изменив данные участника)
err-pairing-weight = Вес «{ $field }»: «{ $value }» — не число баллов; укажите целое число от 0 до 1000.
err-pairing-weights-total = Сумма весов больше 1000 баллов: уменьшите веса так, чтобы вместе было не больше 1000.
err-pairing-not-draft = Подбор уже отправлен руководителю: менять его нельзя. Начните новый подбор.
err-pairing-changed = Пока вы редактировали, подбор изменил другой пользователь: посмотрите изменения и повторите.
err-pairing-rule = Эту пару нельзя закрепить: { $rule }.
err-pairing-full = У наставника { $mentor } все места заняты закреплёнными наставляемыми (мест: { $places }). Отмените одно из закреплений или выберите другого наставника.
field-weight_competences = Запрос и компетенции наставника
field-weight_subjects = Предмет
field-weight_interests = Общие интересы
field-weight_same_school = Та же школа
field-weight_age_fit = Возраст и опыт
field-weight_availability = Удобное время
field-weight_meeting = Способ встреч
field-weight_mutual_choice = Взаимный выбор
field-weights = Веса
field-round = Подбор пар
field-mentor = Наставник
err-pairing-empty = В предложении нет ни одной пары: отправлять руководителю нечего.
err-pairing-broken-pin = Закрепление пары с наставляемым { $mentee } больше не действует: отмените его или исправьте причину и отправьте снова.
err-pairing-not-sent = Подбор не на утверждении: его уже утвердили или вернули на доработку. Обновите страницу.
err-pairing-approve-consent = { $name }: { $status ->
    [missing_guardian] нет согласия родителя (законного представителя) на обработку персональных данных
    [turned_adult] исполнилось 18 лет, согласие родителя больше не действует — нужно собственное согласие
    [withdrawn] согласие на обработку персональных данных отозвано
   *[other] нет согласия на обработку персональных данных
  }. Пары не утверждены: верните подбор куратору, чтобы он убрал эту пару или дождался согласия.
