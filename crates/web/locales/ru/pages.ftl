# The way back from an error page, the QR code of the TOTP setup, the label of a base status.
error-back-to = Назад
totp-qr = Наведите камеру приложения-аутентификатора на код или введите секретный ключ вручную.
field-status = Статус в базе
