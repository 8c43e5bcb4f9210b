#!/usr/bin/env python3
"""Generates the view models of the documents benchmark from the crate's samples:
the pairs order with 1,000 pairs, 1,000 certificates and the base of mentors with
100,000 rows. Deterministic (seeded), so every run times the same files.

    python3 bench/documents/gen.py OUTDIR
"""
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "crates", "documents", "samples")

SURNAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов",
            "Новиков", "Морозов", "Волков", "Алексеев", "Хабибуллин", "Ганиев", "Шевченко", "Ким"]
MALE = [("Иван", "Сергеевич"), ("Пётр", "Андреевич"), ("Артём", "Павлович"), ("Денис", "Олегович"),
        ("Эльдар", "Рашитович"), ("Михаил", "Ильич")]
FEMALE = [("Мария", "Петровна"), ("Анна", "Викторовна"), ("Ольга", "Игоревна"), ("Алия", "Ильдаровна"),
          ("Елена", "Михайловна"), ("Дарья", "Сергеевна")]
POSITIONS = ["учитель математики", "учитель русского языка и литературы", "учитель информатики",
             "педагог-психолог", "социальный педагог", "заместитель директора по УВР"]
FORMS = ["Учитель – учитель", "Учитель – ученик", "Ученик – ученик"]
KINDS = ["традиционная форма наставничества", "наставничество в группе", "ситуационное наставничество"]


def person(rng, position=None):
    s = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        n, p = rng.choice(MALE)
        full = f"{s} {n} {p}"
    else:
        n, p = rng.choice(FEMALE)
        if s.endswith(("ов", "ев", "ин")):
            s += "а"
        full = f"{s} {n} {p}"
    d = {"full_name": full}
    if position:
        d["position"] = position
    return d


def sample(kind):
    with open(os.path.join(SAMPLES, f"{kind}.json"), encoding="utf-8") as f:
        return json.load(f)


def main(out):
    rng = random.Random(20261125)
    os.makedirs(out, exist_ok=True)

    pairs = sample("order_pairs")
    pairs["pairs"] = [
        {
            "mentor": person(rng, rng.choice(POSITIONS)),
            "mentees": [person(rng, f"{rng.randint(5, 11)} «{rng.choice('АБВГ')}» класс") for _ in range(rng.choice([1, 1, 1, 3]))],
            "form": rng.choice(FORMS),
            "kind": rng.choice(KINDS),
            "start": "2025-10-01",
            "end": "2026-05-31",
        }
        for _ in range(1000)
    ]
    with open(os.path.join(out, "order_pairs_1000.json"), "w", encoding="utf-8") as f:
        json.dump(pairs, f, ensure_ascii=False)

    cert = sample("certificate")
    cert["recipients"] = [
        {"person": person(rng, rng.choice(POSITIONS)), "reason": "за высокие результаты наставнической деятельности в 2025/2026 учебном году"}
        for _ in range(1000)
    ]
    with open(os.path.join(out, "certificates_1000.json"), "w", encoding="utf-8") as f:
        json.dump(cert, f, ensure_ascii=False)

    base = sample("base_mentors")
    rows = []
    for i in range(100_000):
        p = person(rng)
        rows.append({
            "full_name": p["full_name"],
            "contacts": f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            "birth_year": str(rng.randint(1960, 2008)),
            "workplace": rng.choice(POSITIONS),
            "category": rng.choice(["педагоги и специалисты", "обучающиеся", "выпускники", "работодатель"]),
            "competences": rng.choice(["олимпиадная математика; проекты", "профориентация", "цифровые навыки", "адаптация"]),
            "pd_consent": f"{rng.randint(1, 28):02d}.09.2025",
            "agreement": "",
            "trained": rng.choice(["да", "нет"]),
            "form": rng.choice(FORMS),
            "mentees": person(rng)["full_name"],
            "program_dates": "школа, 01.10.2025–31.05.2026",
            "results": "",
            "case_link": "",
            "status": rng.choice(["текущая", "архив"]),
        })
    base["rows"] = rows
    with open(os.path.join(out, "base_mentors_100k.json"), "w", encoding="utf-8") as f:
        json.dump(base, f, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/documents")
