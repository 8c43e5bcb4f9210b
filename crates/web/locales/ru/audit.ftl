# The audit trail of a person: one text per action (codes of domain::AuditAction) and the details.
audit-action-view = просмотр карточки
audit-action-create = добавление
audit-action-update = изменение
audit-action-consent_give = запись согласия
audit-action-consent_link = согласие по личной ссылке
audit-action-consent_withdraw = отзыв согласия
audit-action-guardian_link = связь с представителем
audit-action-base_export = выгрузка базы
audit-action-base_enroll = включение в базу
audit-action-base_status = смена статуса в базе
audit-action-referral_add = обращение
audit-action-referral_convert = обращение принято в базу
audit-action-referral_decline = обращение отклонено
audit-action-questionnaire_link = выдана ссылка на анкету
audit-action-questionnaire_answer = заполнена анкета
audit-action-question_add = добавлен вопрос анкеты
audit-action-question_retire = снят вопрос анкеты
audit-action-import = загрузка списка

audit-respondent = по личной ссылке
audit-detail-referral = обращение № { $id }
audit-detail-question = вопрос № { $id }
audit-detail-entry = запись базы № { $id }
audit-detail-import = { $kind }: новых — { $added }, изменено — { $changed }
