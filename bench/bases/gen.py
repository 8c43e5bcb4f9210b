#!/usr/bin/env python3
"""Generates the files of the bases benchmark: a school's list of 100,000 pupils as a
school information system exports it, and the base of mentees over the same pupils in
the template's columns (TEMPLATES.md §1.2). Deterministic for a given day (seeded; the
birth dates are counted back from today, because the import checks every pupil's age
against the class on the day it runs).

    python3 bench/bases/gen.py OUTDIR [--rows 100000]

Writes into OUTDIR:
  students.xlsx     «Список обучающихся»: title row, «№ п/п, Фамилия, Имя, Отчество, Дата
                    рождения (dd.mm.yyyy as text), Класс («7Б»), ФИО родителя (законного
                    представителя), Телефон родителя, Степень родства»
  students.csv      the same pupils as Russian Excel saves «CSV (разделители — точка с
                    запятой)»: Windows-1251, «;», CRLF, one «ФИО» column
  students_next.xlsx the same list a year on: every pupil of classes 5–10 one class up,
                    class 11 regrouped under another letter — a re-import that changes
                    every pupil
  mentees.xlsx      the base of mentees, one entry per pupil: ФИО, parent's contacts, «Год
                    рождения / класс», category, request, source, entry date, form, status
  mentees_next.xlsx the same base with a new request in every entry
  stamp             the day the files were made for
"""
import argparse
import csv
import datetime
import io
import os
import random
import sys

from openpyxl import Workbook

SURNAMES = [
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов",
    "Волков", "Алексеев", "Степанов", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв",
    "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев",
    "Ковалёв", "Ильин", "Гусев", "Титов", "Кузьмин", "Кудрявцев", "Баранов", "Куликов", "Алексеев", "Степанов",
    "Яковлев", "Сорокин", "Сергеев", "Романов", "Захаров", "Борисов", "Королёв", "Герасимов", "Пономарёв",
    "Григорьев", "Лазарев", "Медведев", "Ершов", "Никитин", "Соболев", "Рябов", "Поляков", "Цветков", "Данилов",
    "Жуков", "Фролов", "Журавлёв", "Николаев", "Крылов", "Максимов", "Сидоров", "Осипов", "Белоусов", "Федотов",
    "Дорофеев", "Егоров", "Матвеев", "Бобров", "Дмитриев", "Калинин", "Анисимов", "Петухов", "Антонов",
    "Тимофеев", "Никифоров", "Веселов", "Филиппов", "Марков", "Большаков", "Суханов", "Миронов", "Ширяев",
    "Александров", "Коновалов", "Шестаков", "Казаков", "Ефимов", "Денисов", "Громов", "Фомин", "Давыдов",
    "Мельников", "Щербаков", "Блинов", "Колесников", "Карпов", "Афанасьев", "Власов", "Маслов", "Исаков",
    "Тихонов", "Аксёнов", "Гаврилов", "Родионов", "Котов", "Горбунов", "Кудряшов", "Быков", "Зуев", "Третьяков",
    "Савельев", "Панов", "Рыбаков", "Суворов", "Абрамов", "Воронов", "Мухин", "Архипов", "Трофимов", "Мартынов",
    "Емельянов", "Горшков", "Чернов", "Овчинников", "Селезнёв", "Панфилов", "Копылов", "Михеев", "Галкин",
    "Назаров", "Лобанов", "Лукин", "Беляков", "Потапов", "Некрасов", "Хохлов", "Жданов", "Наумов", "Шилов",
    "Воронцов", "Ермаков", "Дроздов", "Игнатьев", "Савин", "Логинов", "Сафонов", "Капустин", "Кириллов",
    "Моисеев", "Елисеев", "Кошелев", "Костин", "Горбачёв", "Орехов", "Ефремов", "Исаев", "Евдокимов",
    "Калашников", "Кабанов", "Носков", "Юдин", "Кулагин", "Лапин", "Прохоров", "Нестеров", "Харитонов",
    "Агафонов", "Муравьёв", "Ларионов", "Федосеев", "Зимин", "Пахомов", "Шубин", "Игнатов", "Филатов",
    "Крюков", "Рогов", "Кулаков", "Терентьев", "Молчанов", "Владимиров", "Артемьев", "Гурьев", "Зиновьев",
    "Гришин", "Кононов", "Дементьев", "Ситников", "Симонов", "Мишин", "Фадеев", "Комиссаров", "Мамонтов",
    "Носов", "Гуляев", "Шаров", "Устинов", "Вишняков", "Евсеев", "Лаврентьев", "Брагин", "Константинов",
    "Корнилов", "Авдеев", "Зыков", "Бирюков", "Шарапов", "Никонов", "Щукин", "Дьячков", "Одинцов", "Сазонов",
    "Якушев", "Красильников", "Гордеев", "Самойлов", "Князев", "Беспалов", "Уваров", "Шашков", "Бобылёв",
    "Доронин", "Белозёров", "Рожков", "Самсонов", "Мясников", "Лихачёв", "Буров", "Сысоев", "Фомичёв",
    "Русаков", "Стрелков", "Гущин", "Тетерин", "Колобов", "Субботин", "Фокин", "Блохин", "Селиверстов",
    "Пестов", "Кондратьев", "Силин", "Меркушев", "Лыткин", "Туров", "Хабибуллин", "Ганиев", "Шевченко",
    "Бондаренко", "Коваленко", "Ткаченко", "Мельниченко", "Ким", "Цой", "Пак",
]
# Surnames that do not change for women.
INVARIANT = ("енко", "Ким", "Цой", "Пак")
BOYS = ["Александр", "Максим", "Артём", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Андрей", "Егор",
        "Никита", "Илья", "Алексей", "Матвей", "Тимофей", "Роман", "Владимир", "Ярослав", "Фёдор", "Георгий",
        "Константин", "Лев", "Николай", "Степан", "Марк", "Павел", "Арсений", "Денис", "Тимур", "Глеб",
        "Богдан", "Савелий", "Семён", "Вадим", "Данил", "Эльдар", "Руслан", "Олег", "Платон", "Захар"]
GIRLS = ["Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Марина", "Полина", "София",
         "Дарья", "Алиса", "Ксения", "Александра", "Елена", "Алина", "Вероника", "Ева", "Варвара", "Ульяна",
         "Василиса", "Валерия", "Кира", "Милана", "Таисия", "Арина", "Есения", "Злата", "Маргарита", "Ольга",
         "Татьяна", "Юлия", "Светлана", "Ирина", "Алёна", "Диана", "Яна", "Олеся", "Лилия", "Камила", "Элина"]
MOTHERS = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Анна", "Марина", "Екатерина",
           "Мария", "Оксана", "Людмила", "Надежда", "Галина", "Виктория", "Алёна", "Евгения", "Анастасия", "Лариса"]
FATHERS = ["Сергей", "Андрей", "Алексей", "Дмитрий", "Александр", "Евгений", "Игорь", "Олег", "Владимир", "Михаил",
           "Николай", "Павел", "Роман", "Денис", "Константин", "Виктор", "Юрий", "Вадим", "Максим", "Артём"]
# Fathers' names the pupils' patronymics come from: (his name, «-ович», «-овна»).
PATRONYMICS = [
    ("Сергей", "Сергеевич", "Сергеевна"), ("Андрей", "Андреевич", "Андреевна"), ("Алексей", "Алексеевич", "Алексеевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"), ("Александр", "Александрович", "Александровна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"), ("Игорь", "Игоревич", "Игоревна"), ("Олег", "Олегович", "Олеговна"),
    ("Владимир", "Владимирович", "Владимировна"), ("Михаил", "Михайлович", "Михайловна"),
    ("Николай", "Николаевич", "Николаевна"), ("Павел", "Павлович", "Павловна"), ("Роман", "Романович", "Романовна"),
    ("Денис", "Денисович", "Денисовна"), ("Константин", "Константинович", "Константиновна"),
    ("Виктор", "Викторович", "Викторовна"), ("Юрий", "Юрьевич", "Юрьевна"), ("Вадим", "Вадимович", "Вадимовна"),
    ("Максим", "Максимович", "Максимовна"), ("Артём", "Артёмович", "Артёмовна"), ("Иван", "Иванович", "Ивановна"),
    ("Пётр", "Петрович", "Петровна"), ("Илья", "Ильич", "Ильинична"), ("Антон", "Антонович", "Антоновна"),
    ("Василий", "Васильевич", "Васильевна"), ("Григорий", "Григорьевич", "Григорьевна"),
    ("Станислав", "Станиславович", "Станиславовна"), ("Руслан", "Русланович", "Руслановна"),
    ("Тимур", "Тимурович", "Тимуровна"), ("Эдуард", "Эдуардович", "Эдуардовна"),
]
GRANDFATHERS = ["Сергеевич", "Александрович", "Николаевич", "Владимирович", "Викторович", "Иванович", "Петрович",
                "Михайлович", "Юрьевич", "Анатольевич"]
GRANDMOTHERS = ["Сергеевна", "Александровна", "Николаевна", "Владимировна", "Викторовна", "Ивановна", "Петровна",
                "Михайловна", "Юрьевна", "Анатольевна"]
LETTERS = "АБВГДЕ"
PUPIL_CATEGORIES = [
    "проявившие выдающиеся способности",
    "демонстрирующие неудовлетворительные образовательные результаты",
    "с ограниченными возможностями здоровья",
    "попавшие в трудную жизненную ситуацию",
    "имеющие проблемы с поведением",
    "не принимающие участие в жизни школы, отстраненных от коллектива",
    "детей-сирот и детей, оставшихся без попечения родителей",
]
REQUESTS = ["подготовка к олимпиаде по математике", "помощь в освоении программы по русскому языку",
            "адаптация в новом классе", "профориентация", "проектная работа по информатике", "раскрыть потенциал",
            "улучшить успеваемость по физике", "включиться в жизнь школы"]
SOURCES = ["анкетирование", "психолог", "соцработник", "родители", "классный руководитель", "администрация"]
MENTEE_HEADERS = [
    "№ п/п", "ФИО наставляемого",
    "Контактные данные для связи (родителей (законных представителей) — для несовершеннолетних)",
    "Год рождения / класс", "Место учебы (класс) / работы (должность)", "Категория наставляемого",
    "Основной запрос наставляемого", "Источник сведений о запросе", "Согласие на обработку ПД (своё / родителя)",
    "Дата вхождения в программу", "ФИО наставника, место работы/учебы наставника", "Форма наставничества",
    "Место и сроки реализации программы", "Результаты программы", "Ссылка на кейс / отзыв",
    "Статус: ожидает пары / в паре / завершил / выбыл",
]


def feminine(surname):
    if surname.endswith(INVARIANT):
        return surname
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    return surname


def fold(text):
    return " ".join(text.lower().replace("ё", "е").split())


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def birth_for(rng, grade, today):
    """A birth date that makes the pupil `grade + 5` or `grade + 6` full years old today,
    kept inside the 10–17 the import accepts, and at least two days away from a birthday
    (the school's time zone may be a day off UTC)."""
    ages = [a for a in (grade + 5, grade + 6) if 10 <= a <= 17]
    age = rng.choice(ages)
    # Born after today - (age + 1) years and on or before today - age years.
    latest = add_years(today, -age) - datetime.timedelta(days=2)
    earliest = add_years(today, -(age + 1)) + datetime.timedelta(days=3)
    return earliest + datetime.timedelta(days=rng.randint(0, (latest - earliest).days))


def phone(rng):
    return f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99):02d}-{rng.randint(10, 99):02d}"


def pupils(rng, n, today):
    """n pupils, distinct by ФИО and birth year (so the base of mentees, which gives only the
    year, names each of them once); about one in ten has a brother or sister in the list
    with the same parent."""
    out = []
    seen = set()
    while len(out) < n:
        grade = rng.randint(5, 11)
        letter = rng.choice(LETTERS)
        born = birth_for(rng, grade, today)
        sibling = out[rng.randrange(len(out))] if out and rng.random() < 0.1 else None
        surname = sibling["surname_m"] if sibling else rng.choice(SURNAMES)
        father = sibling["father"] if sibling else rng.choice(PATRONYMICS)
        boy = rng.random() < 0.5
        last = surname if boy else feminine(surname)
        first = rng.choice(BOYS if boy else GIRLS)
        patronymic = father[1] if boy else father[2]
        if rng.random() < 0.01:
            patronymic = ""
        key = (fold(f"{last} {first} {patronymic}"), born.year)
        if key in seen:
            continue
        seen.add(key)
        if sibling:
            parent = sibling["parent"]
        elif rng.random() < 0.8:
            parent = (f"{feminine(surname)} {rng.choice(MOTHERS)} {rng.choice(GRANDMOTHERS)}", phone(rng), "мать")
        else:
            parent = (f"{surname} {father[0]} {rng.choice(GRANDFATHERS)}", phone(rng), "отец")
        out.append({
            "last": last, "first": first, "patronymic": patronymic, "born": born, "grade": grade, "letter": letter,
            "parent": parent, "surname_m": surname, "father": father,
        })
    return out


def full_name(p):
    return " ".join(x for x in (p["last"], p["first"], p["patronymic"]) if x)


def students_xlsx(path, rows, school, today, moved=False):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Обучающиеся")
    ws.append([f"Список обучающихся {school} на {today:%d.%m.%Y}"])
    ws.append(["№ п/п", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс",
               "ФИО родителя (законного представителя)", "Телефон родителя", "Степень родства"])
    for n, p in enumerate(rows, 1):
        grade, letter = p["grade"], p["letter"]
        if moved:
            if grade < 11:
                grade += 1
            else:
                letter = LETTERS[(LETTERS.index(letter) + 1) % len(LETTERS)]
        parent, tel, relation = p["parent"]
        ws.append([n, p["last"], p["first"], p["patronymic"], p["born"].strftime("%d.%m.%Y"), f"{grade}{letter}",
                   parent, tel, relation])
    wb.save(path)


def students_csv(path, rows, school, today):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow([f"Список обучающихся {school} на {today:%d.%m.%Y}"])
    w.writerow(["№", "ФИО", "Дата рождения", "Класс", "ФИО родителя", "Телефон родителя", "Кем приходится"])
    for n, p in enumerate(rows, 1):
        parent, tel, relation = p["parent"]
        w.writerow([n, full_name(p), p["born"].strftime("%d.%m.%Y"), f"{p['grade']}{p['letter']}", parent, tel,
                    relation])
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode("cp1251"))


def mentees_xlsx(path, rows, school, rng, revised=False):
    """The base of mentees; `revised`: the same base after the curator wrote a new request
    into every entry (the draws of `rng` are the same, so are the rest of the cells)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Наставляемые")
    ws.append([f"База наставляемых {school}"])
    ws.append(MENTEE_HEADERS)
    for n, p in enumerate(rows, 1):
        parent, tel, relation = p["parent"]
        cls = f"{p['grade']}{p['letter']}"
        request = rng.choice(REQUESTS)
        if revised:
            request += " (уточнён после встречи с наставником)"
        ws.append([
            n, full_name(p), f"{parent} ({relation}), {tel}", f"{p['born'].year} / {cls}", f"{cls} класс",
            rng.choice(PUPIL_CATEGORIES), request, rng.choice(SOURCES), "",
            f"{rng.randint(1, 28):02d}.09.2025", "", "Учитель – ученик", "", "", "", "ожидает пары",
        ])
    wb.save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--school", default="МБОУ «СОШ № 1»")
    args = ap.parse_args()
    today = datetime.date.today()
    rng = random.Random(20261125)
    os.makedirs(args.out, exist_ok=True)
    rows = pupils(rng, args.rows, today)
    students_xlsx(os.path.join(args.out, "students.xlsx"), rows, args.school, today)
    students_xlsx(os.path.join(args.out, "students_next.xlsx"), rows, args.school, today, moved=True)
    students_csv(os.path.join(args.out, "students.csv"), rows, args.school, today)
    mentees_xlsx(os.path.join(args.out, "mentees.xlsx"), rows, args.school, random.Random(1))
    mentees_xlsx(os.path.join(args.out, "mentees_next.xlsx"), rows, args.school, random.Random(1), revised=True)
    with open(os.path.join(args.out, "stamp"), "w") as f:
        f.write(f"{today.isoformat()} {args.rows}\n")


if __name__ == "__main__":
    sys.exit(main())
