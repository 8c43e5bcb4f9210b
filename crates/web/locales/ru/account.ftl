# The account's own API tokens (web::pages::tokens).
me-tokens = Мои API-токены
tokens-title = API-токены
tokens-back = ← Моя учётная запись
tokens-intro = Токен действует с правами роли, для которой выдан, пока эта роль у вас есть. Смена пароля или снятие роли отзывает все токены. Новый токен выдаёт оператор командой «nastavnik user token».
tokens-none = У вас нет API-токенов.
tokens-name = Название
tokens-role = Роль и организация
tokens-created = Выдан
tokens-expires = Действует до
tokens-last-used = Последнее использование
tokens-state = Состояние
tokens-never = бессрочно
tokens-unused = не использовался
tokens-revoke = Отозвать
tokens-revoked = отозван или истёк
