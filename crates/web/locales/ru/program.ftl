# The personalized program of a pair or group (R5.1, TEMPLATES.md §5.1)
field-end = Окончание программы
err-program-end-before-start = Окончание программы раньше её начала: проверьте даты.
err-program-length = Персонализированная программа длится от 3 месяцев до 1 года. Исправьте сроки или напишите, почему программа короче или длиннее (поле «Причина иных сроков»).
