# Where one consent record stands today (domain::ConsentState).
consent-state-in_force = действует
consent-state-not_yet = действует с { $date }
consent-state-withdrawn = отозвано
consent-state-withdrawn_later = действует до { $date } (отзыв)
consent-state-subject_adult = не действует: участнику исполнилось 18 лет, нужно его собственное согласие
consent-state-guardian_unlinked = не действует: подписавший больше не указан законным представителем
