# Сообщения подбора пар. Строки файла нумеруются с 1.
fmt-line = строка { $line }
fmt-no-header = нет строки заголовка
fmt-not-header = это не заголовок nastavnik-match: ожидается «nastavnik-match 1 sparse|dense ranks|scores НАСТАВЛЯЕМЫХ НАСТАВНИКОВ КАНДИДАТОВ»
fmt-version = версия формата { $version } не поддерживается (поддерживается версия 1)
fmt-layout = раскладка должна быть «sparse» или «dense», а не { $value }
fmt-prefs = предпочтения должны быть «ranks» или «scores», а не { $value }
fmt-count = { $name ->
    [MENTEES] число наставляемых
    [MENTORS] число наставников
   *[other] число кандидатов
  } должно быть целым от 0 до 2147483647, а не { $value }
fmt-too-many = { $name ->
    [MENTEES] наставляемых
   *[other] наставников
  } больше { $limit } — столько не может быть в одной задаче
fmt-no-mentees = в задаче нет наставляемых
fmt-no-mentors = в задаче нет наставников
fmt-dense-count = в плотной задаче кандидатов должно быть НАСТАВЛЯЕМЫХ×НАСТАВНИКОВ = { $expected }, а в заголовке указано { $found }
fmt-file-ends = файл закончился: прочитано { $have } из { $count } ({ $what })
fmt-token-count = ожидалось чисел: { $expected } ({ $fields }), найдено: { $found }
fmt-not-integer = { $token } — не целое число
fmt-too-large = число { $token } слишком велико (не больше 2147483647 по модулю)
fmt-trailing = лишние данные после последней записи
fmt-line-too-long = строка длиннее { $limit } байт: запись этого файла не может быть такой длинной
fmt-mentor-order = ожидался наставник { $expected }, а указан { $found }: строки наставников идут по порядку номеров 0..{ $last }
fmt-negative-capacity = вместимость { $capacity } наставника { $mentor } отрицательна
fmt-unknown-mentee = наставляемого { $id } нет (номера наставляемых 0..{ $last })
fmt-unknown-mentor = наставника { $id } нет (номера наставников 0..{ $last })
fmt-score-range = оценка совместимости { $score } вне диапазона 0..1000
fmt-grouping = наставляемый { $mentee } идёт после наставляемого { $after }: строки кандидатов должны быть сгруппированы по наставляемым в порядке возрастания
fmt-duplicate = кандидат повторяется: наставляемый { $mentee }, наставник { $mentor } уже указан в строке { $first }
fmt-rank-range = { $side ->
    [mentor] наставник
   *[other] наставляемый
  } { $owner } ставит место { $rank }, но кандидатов у него { $degree } (места 1..{ $degree })
fmt-rank-repeat = { $side ->
    [mentor] наставник
   *[other] наставляемый
  } { $owner } дважды ставит место { $rank } (ещё в строке { $first })
fmt-io = не удалось прочитать файл: { $error }

what-mentor-lines = строк наставников
what-candidate-lines = строк кандидатов
what-score-rows = строк матрицы оценок
what-mentee-rank-rows = строк матрицы мест у наставляемых
what-mentor-rank-rows = строк матрицы мест у наставников

why-mentee = наставляемый { $id }
why-no-candidates = нет ни одного подходящего наставника
why-no-places = наставник { $mentor } сейчас не набирает наставляемых
why-full = у наставника { $mentor } все места заняты (наставляемые { $mentees })
why-zero = с наставником { $mentor } совместимость 0 баллов
why-room = у наставника { $mentor } было место, но пара не вошла в лучшее распределение
why-more = { $count ->
    [one] и ещё { $count } кандидат
    [few] и ещё { $count } кандидата
   *[many] и ещё { $count } кандидатов
  }

cli-open = не удалось открыть { $path }: { $error }
cli-write = не удалось записать { $path }: { $error }

ex-same-person = нельзя быть наставником самому себе
ex-mentee-consent = нет согласия наставляемого (для несовершеннолетнего — законного представителя) на обработку персональных данных
ex-mentor-consent = нет согласия наставника на обработку персональных данных
ex-no-form = у наставляемого не указана форма наставничества
ex-form-not-offered = наставник не работает в этой форме наставничества
ex-already-paired = у наставляемого уже есть действующая пара в этой форме
ex-not-older = в форме «Ученик – ученик» наставник должен быть старше наставляемого
ex-not-more-experienced = в форме «Учитель – учитель» у наставника должно быть хотя бы на 3 года больше стажа
ex-career-classes = профориентация «работодатель – ученик» — для 8–11 классов
ex-wrong-mentee = форма наставничества не подходит наставляемому (ученик или педагог)
ex-other-school = наставник из другой школы, а виртуальное наставничество выбрали не обе стороны
ex-other-municipality = наставник из другого муниципалитета
ex-same-school = наставник из той же школы: муниципальный подбор ищет наставников в других школах
ex-no-places = наставник сейчас не набирает наставляемых
ex-curator = пару исключил куратор

crit-competences = Запрос и компетенции наставника: совпало { $matched } из { $asked }{ $list } — { $points } из { $max }
crit-subjects = Предмет: { $subject } — { $points } из { $max }
crit-no-subject = Предмет: общих предметов нет — { $points } из { $max }
crit-interests = Общие интересы: { $count }{ $list } — { $points } из { $max }
crit-same-school = Одна школа — { $points } из { $max }
crit-other-school = Разные школы (виртуальное наставничество) — { $points } из { $max }
crit-grade = Класс { $grade } в пожеланиях наставника ({ $lo }–{ $hi } кл.) — { $points } из { $max }
crit-experience = Наставник опытнее на { $gap } лет — { $points } из { $max }
crit-availability = Общее свободное время: { $slots } — { $points } из { $max }
crit-meeting = Могут встречаться (очно или онлайн) — { $points } из { $max }
crit-no-meeting = Нет общего способа встреч: разные школы, и не оба готовы к онлайн — { $points } из { $max }
crit-mutual = Выбрали друг друга после групповой встречи — { $points } из { $max }
crit-chosen-by-mentee = Наставляемый выбрал наставника после групповой встречи — { $points } из { $max }
crit-chosen-by-mentor = Наставник выбрал наставляемого после групповой встречи — { $points } из { $max }
crit-not-chosen = Не выбирали друг друга после групповой встречи — { $points } из { $max }

unm-consent = нет согласия на обработку персональных данных: подбор невозможен, пока согласие не получено
unm-no-candidates = нет подходящего наставника: { $reasons }
unm-curator = все подходящие наставники исключены куратором
unm-full = все подходящие наставники заняты: { $taken }
unm-full-one = { $mentor } (места заняли: { $mentees })
unm-full-more = ; и ещё { $count } { $count ->
    [one] наставник
    [few] наставника
   *[many] наставников
}
unm-count = { $reason } — { $count }

fields-ranks = наставляемый, наставник, оценка, место у наставляемого, место у наставника
fields-scores = наставляемый, наставник, оценка
fields-mentor = наставник, вместимость
fields-score-row = по оценке на каждого наставника
fields-mentee-rank-row = по месту у наставляемого на каждого наставника
fields-mentor-rank-row = по месту у наставника на каждого наставника
