# Pairing rounds (R4): the list, the round page, the weights and their meaning.
nav-pairing = Подбор пар
pairing-title = Подбор наставнических пар
pairing-intro = Подбор идёт по базам текущего учебного года: в него входят записи со статусом «ожидает пары» — с действующим согласием на обработку персональных данных (для несовершеннолетнего — согласием родителя). Профили берутся из ответов анкет.
pairing-start = Начать подбор пар
pairing-none = Подборов пар ещё не было.
pairing-col-round = Подбор
pairing-col-year = Учебный год
pairing-col-state = Состояние
pairing-col-changed = Изменён
pairing-state-draft = черновик
pairing-state-sent = на утверждении у руководителя
pairing-state-approved = утверждён приказом
pairing-round-title = Подбор пар № { $id }
pairing-back = ← Все подборы пар
pairing-counts = Ожидают пары: наставляемых — { $mentees }, наставников — { $mentors }. В предложении наставляемых — { $paired }, без пары — { $left }.
pairing-settings = Что важнее при подборе: веса критериев
pairing-objective = Что подбор ставит на первое место
pairing-objective-score = наилучшая суммарная совместимость (кто-то может остаться без пары, если для него нет хорошего наставника)
pairing-objective-count = как можно больше пар (сначала число пар, затем наилучшая совместимость)
pairing-objective-stable = устойчивые пары по взаимному выбору после общей встречи (каждый наставляемый получает лучшего наставника, какого может получить так, чтобы никакие наставляемый и наставник не предпочли бы друг друга своим парам; при равенстве — по баллам)
pairing-weights = Веса критериев, баллы
pairing-weights-hint = Каждая пара получает до 1000 баллов. Вес — сколько баллов даёт критерий, если он выполнен полностью; сумма весов — не больше 1000. Обязательные правила целевой модели (согласие, форма наставничества, старший наставник) весами не отменяются.
pairing-recompute = Сохранить и пересчитать
pairing-crit-competences = Запрос и компетенции наставника
pairing-crit-competences-meaning = слова запроса наставляемого совпадают с компетенциями наставника (из анкет и баз)
pairing-crit-subjects = Предмет
pairing-crit-subjects-meaning = наставник ведёт основной предмет наставляемого (половина веса — другой предмет из анкеты)
pairing-crit-interests = Общие интересы
pairing-crit-interests-meaning = совпадающие интересы; полный вес — от трёх общих
pairing-crit-same_school = Та же школа
pairing-crit-same_school-meaning = встречаться очно проще
pairing-crit-age_fit = Возраст и опыт
pairing-crit-age_fit-meaning = класс наставляемого входит в желаемые классы наставника; для педагогов — разница в стаже
pairing-crit-availability = Удобное время
pairing-crit-availability-meaning = общие удобные для встреч половины дней; полный вес — от четырёх общих
pairing-crit-meeting = Способ встреч
pairing-crit-meeting-meaning = оба могут встречаться одинаково: очно в одной школе или дистанционно
pairing-crit-mutual_choice = Взаимный выбор
pairing-crit-mutual_choice-meaning = выбрали друг друга после общей встречи (половина веса — выбор одной стороны)
pairing-proposal = Предложение пар и групп
pairing-no-pairs = Предложить пока некого: нет наставляемых или наставников со статусом «ожидает пары», либо никто не подходит друг другу по правилам.
pairing-col-mentor = Наставник
pairing-col-mentee = Наставляемый
pairing-col-score = Баллы
pairing-col-why = Почему
pairing-col-actions = Решение
pairing-group = группа: { $count } из { $places } мест
pairing-pinned = закреплено
pairing-pin = Закрепить
pairing-exclude = Исключить пару
pairing-left = Без пары
pairing-left-none = Всем наставляемым подобраны наставники.
pairing-manual = Перенести наставляемого или собрать группу
pairing-manual-hint = Выберите наставляемого и наставника: «Закрепить» ставит их в пару (к наставнику, который ведёт группу, можно закрепить нескольких — до числа его мест); «Исключить пару» запрещает подбору ставить их вместе. Каждое решение проверяется по правилам целевой модели.
pairing-move = Закрепить
pairing-decisions = Решения куратора
pairing-decision-pin = закреплена пара
pairing-decision-exclude = исключена пара
pairing-broken = не действует: { $rule }
pairing-undo = Отменить
pairing-sent = Отправлено руководителю
pairing-col-consent = Согласие
pairing-col-form = Форма
pairing-order = Приказ № { $number } от { $date }
pairing-approve = Утвердить пары приказом
pairing-return = Вернуть на доработку
pairing-send = Отправить руководителю
pairing-send-hint = Руководитель увидит пары с состоянием согласий и утвердит их приказом; до утверждения подбор можно вернуть на доработку.
nav-my-pairs = Мои пары
my-pairs-title = Мои наставнические пары
my-pairs-none = Пока вы не состоите ни в одной паре или группе. Когда руководитель утвердит пары приказом, они появятся здесь.
my-pairs-group = Ваша группа наставляемых
my-pairs-mentee = Ваш наставляемый
my-pairs-mentor = Ваш наставник
my-pairs-request = Запрос
my-pairs-form = Форма наставничества
my-pairs-since = Пара действует с
pairing-approved = Утверждённые пары и группы
pairing-counts-sent = В парах и группах наставляемых — { $mentees }, наставников — { $mentors }.
family-mentors = Наставник
family-mentor-line = { $who } — { $form }; пара утверждена приказом и действует с { $since }
pairing-waiting-since = ждёт пары с { $date }
pairing-left-hint = Лист ожидания: дольше ждущие — выше; при равных баллах подбор отдаёт наставника тому, кто ждёт дольше.
pairing-could-now = { $count ->
    [one] Теперь можно подобрать наставника { $count } наставляемому из листа ожидания — начните новый подбор:
   *[other] Теперь можно подобрать наставников { $count } наставляемым из листа ожидания — начните новый подбор:
  }

# The group meeting and the mutual ranking (R4.2), the mentee's choice (R4.3), support (R4.4).
pairing-meeting = Общая встреча и взаимный выбор
pairing-meeting-hint = Отметьте, кто был на общей встрече наставников и наставляемых. После встречи каждый участник называет до трёх предпочтительных партнёров с другой стороны — на своей странице («Мои пары») или на бумажном бланке, который куратор вносит здесь. Режим «устойчивые пары» подбирает по этим выборам.
pairing-meeting-mentees = Наставляемые
pairing-meeting-mentors = Наставники
pairing-meeting-save = Сохранить присутствие
pairing-meeting-present = был на встрече
pairing-meeting-count = На встрече: наставляемых — { $mentees }, наставников — { $mentors }.
pairing-ranks = Выбор участников после встречи
pairing-ranks-none = Ещё никто не назвал предпочтительных партнёров.
pairing-ranks-line = { $who }: { $chosen }
pairing-rank-paper = Внести бумажный бланк
pairing-rank-person = Кто заполнил бланк
pairing-rank-first = Первый выбор
pairing-rank-second = Второй выбор
pairing-rank-third = Третий выбор
pairing-rank-empty = — не выбран —
pairing-rank-save = Сохранить выбор
pairing-stable-ok = Проверка устойчивости: нет ни одного наставляемого и наставника, которые оба предпочли бы быть в паре друг с другом, а не с теми, с кем они в предложении.
pairing-stable-bad = Проверка устойчивости: { $count ->
    [one] { $count } пара наставляемого и наставника предпочла бы друг друга своим парам
    [few] { $count } пары наставляемых и наставников предпочли бы друг друга своим парам
   *[many] { $count } пар наставляемых и наставников предпочли бы друг друга своим парам
}: { $pairs }. Выберите режим «устойчивые пары», чтобы таких пар не было.
pairing-offer = Предложить выбор
pairing-offer-hint = Наставляемый (за несовершеннолетнего — родитель) увидит до пяти наиболее подходящих наставников с причинами и выберет одного на своей странице; выбор закрепит пару.
pairing-offers = Выбор наставника наставляемыми
pairing-offer-waiting = ещё не выбрал
pairing-offer-chosen = выбран
pairing-support = нужна поддержка педагога-психолога
pairing-support-on = Отметить: нужна поддержка психолога
pairing-support-off = Снять отметку
pairing-waited = ждёт { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
my-choice-title = Выбор наставника
my-choice-hint = Куратор подобрал наставников, которые подходят по анкете. Выберите одного: куратор закрепит пару, а руководитель утвердит её приказом.
my-choice-guardian = Выбор за несовершеннолетнего делает родитель (законный представитель) на своей странице.
my-choice-for = Выбор наставника для: { $name }
my-choice-choose = Выбрать этого наставника
my-choice-chosen = Ваш выбор
my-rank-title = Выбор после общей встречи
my-rank-hint = Назовите до трёх участников встречи, с которыми вы хотели бы работать, — в порядке предпочтения.
my-rank-saved = Выбор сохранён.
pairing-duties-yes = согласие на дополнительные обязанности дано
pairing-duties-no = нет согласия на дополнительные обязанности
